using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNets.Tests.Networks;
using Xunit;

namespace StaticNets.Tests;

/// <summary><see cref="AlignedBuffer"/>: zeroed buffers of the asked length whose element 0 is on a 64-byte boundary.</summary>
public sealed class AlignedBufferTests
{
    [Fact]
    public void EveryLengthGetsAZeroedBufferOnA64ByteBoundary()
    {
        int[] lengths = [0, 1, 3, 7, 15, 16, 17, 31, 32, 100, 1000, 4097, 100_480, 1_000_000];
        foreach (int length in lengths)
        {
            var buffer = new AlignedBuffer(length);
            Assert.True(buffer.IsAllocated);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0, $"length {length}: not zeroed");
            Assert.True(Address(buffer.Span) % AlignedBuffer.Alignment == 0, $"length {length}: at {Address(buffer.Span) % AlignedBuffer.Alignment} bytes past a boundary");
        }
    }

    [Fact]
    public void ManyBuffersAmidPinnedGarbageAreAllAligned()
    {
        // Pinned objects of every small size, most of them dead and collected, leave gaps of every size on the pinned
        // heap; buffers placed in them must start on the boundary all the same.
        for (int round = 0; round < 3; round++)
        {
            for (int k = 0; k < 2000; k++)
            {
                _ = GC.AllocateArray<byte>(k % 200, pinned: true);
                var buffer = new AlignedBuffer(k % 77);
                Assert.True(Address(buffer.Span) % AlignedBuffer.Alignment == 0, $"round {round}, buffer {k}");
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Fact]
    public void ABufferStaysWhereItIsThroughACompactingCollection()
    {
        var buffer = new AlignedBuffer(1000);
        buffer.Span[999] = 5f;
        long before = Address(buffer.Span);
        for (int k = 0; k < 1000; k++)
        {
            _ = new float[k]; // garbage for the collector to compact around
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal(before, Address(buffer.Span));
        Assert.Equal(5f, buffer.Span[999]);
    }

    [Fact]
    public void StartIsElementZeroOfTheSpan()
    {
        var buffer = new AlignedBuffer(40);
        Assert.True(Unsafe.AreSame(ref buffer.Start, ref buffer.Span[0]));
        Unsafe.Add(ref buffer.Start, 39) = 2.5f;
        Assert.Equal(2.5f, buffer.Span[39]);
        buffer.Span.Fill(1f);
        buffer.Clear();
        Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void TheDefaultValueIsAnEmptyUnallocatedBuffer()
    {
        AlignedBuffer buffer = default;
        Assert.False(buffer.IsAllocated);
        Assert.Equal(0, buffer.Length);
        Assert.True(buffer.Span.IsEmpty);
        buffer.Clear(); // nothing to clear, and no exception
    }

    [Fact]
    public void AlignSkipsToTheFirstBoundaryOfABuffer()
    {
        // Buffers at every 4-byte offset from a boundary: an aligned buffer sliced from 0 to 15 floats in.
        var backing = new AlignedBuffer(64);
        for (int start = 0; start < 16; start++)
        {
            Span<float> buffer = backing.Span.Slice(start, 20 + AlignedBuffer.Padding);
            Span<float> aligned = AlignedBuffer.Align(buffer, 20);
            Assert.Equal(20, aligned.Length);
            Assert.True(Address(aligned) % AlignedBuffer.Alignment == 0, $"start {start}");
            Assert.Equal((16 - start) % 16, (int)((Address(aligned) - Address(buffer)) / sizeof(float)));
        }

        Span<float> stack = stackalloc float[8 + AlignedBuffer.Padding];
        Assert.True(Address(AlignedBuffer.Align(stack, 8)) % AlignedBuffer.Alignment == 0);
    }

    [Fact]
    public void BadArgumentsAreRejectedNamingThem()
    {
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(-1)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(Array.MaxLength)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => AlignedBuffer.Align(new float[20], -1)).ParamName);
        var tooShort = Assert.Throws<ArgumentException>(() => AlignedBuffer.Align(new float[20], 6));
        Assert.Equal("buffer", tooShort.ParamName);
        Assert.Contains("6 + 15 floats", tooShort.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedNetworksKeepTheirParametersAndGradientsOnTheBoundary()
    {
        for (int k = 0; k < 20; k++)
        {
            var network = new ParallelNet(seed: k);
            Assert.True(Address(network.Parameters) % AlignedBuffer.Alignment == 0, "parameters");
            Assert.True(Address(network.Gradients) % AlignedBuffer.Alignment == 0, "gradients");
            Assert.Equal(ParallelNet.ParameterCount, network.Parameters.Length);
        }
    }

    private static unsafe long Address(ReadOnlySpan<float> span)
    {
        fixed (float* p = span)
        {
            return (long)p;
        }
    }
}
