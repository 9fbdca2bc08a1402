using System;
using System.Runtime.InteropServices;
using StaticNets.Tests.Networks;
using Xunit;

namespace StaticNets.Tests;

/// <summary><see cref="AlignedArrays"/>: zeroed arrays of the asked length whose data starts on a 64-byte boundary.</summary>
public sealed class AlignedArraysTests
{
    [Fact]
    public void EveryLengthGetsAZeroedArrayOnA64ByteBoundary()
    {
        // Alignment is best effort (other threads allocate on the pinned heap too: the whole suite runs in parallel), so
        // most, not all, of the long arrays must land on the boundary; length and zeroing are always required.
        int[] lengths = [0, 1, 3, 7, 15, 16, 17, AlignedArrays.MinimumLength - 1, AlignedArrays.MinimumLength, 100, 1000, 4097, 100_480, 1_000_000];
        int aligned = 0, aligning = 0;
        foreach (int length in lengths)
        {
            float[] array = AlignedArrays.Floats(length);
            Assert.Equal(length, array.Length);
            Assert.True(Array.TrueForAll(array, static v => v == 0f), $"length {length}: not zeroed");
            if (length >= AlignedArrays.MinimumLength)
            {
                aligning++;
                aligned += Address(array) % AlignedArrays.Alignment == 0 ? 1 : 0;
            }
        }

        Assert.True(aligned * 2 > aligning, $"{aligned} of {aligning} arrays aligned");
    }

    [Fact]
    public void AlignmentSurvivesTheGapsLeftByEarlierAllocations()
    {
        // Fill the pinned heap with small dead objects of every size up to a few cache lines, collect them, then ask again.
        for (int round = 0; round < 3; round++)
        {
            for (int k = 0; k < 2000; k++)
            {
                _ = GC.AllocateArray<byte>(k % 200, pinned: true);
                _ = AlignedArrays.Floats(AlignedArrays.MinimumLength + k % 50);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            foreach (int length in new[] { AlignedArrays.MinimumLength, 40, 64, 129, 1000 })
            {
                Assert.True(AlignedArrays.IsAligned(AlignedArrays.Floats(length)), $"round {round}, length {length}");
            }
        }
    }

    [Fact]
    public void IsAlignedTellsTheBoundaryFromTheAddress()
    {
        float[] array = AlignedArrays.Floats(AlignedArrays.MinimumLength);
        Assert.True(AlignedArrays.IsAligned(array));
        Assert.Equal(Address(array) % AlignedArrays.Alignment == 0, AlignedArrays.IsAligned(array));
        var other = GC.AllocateArray<byte>(40, pinned: true);
        Assert.Equal(Address(other) % AlignedArrays.Alignment == 0, AlignedArrays.IsAligned(other));
    }

    [Fact]
    public void AlignSkipsToTheFirstBoundaryOfAStackBuffer()
    {
        // Buffers at every 4-byte offset from a boundary: a pinned array sliced from 0 to 15 floats in.
        float[] backing = AlignedArrays.Floats(64);
        for (int start = 0; start < 16; start++)
        {
            Span<float> buffer = backing.AsSpan(start, 20 + AlignedArrays.Padding);
            Span<float> aligned = AlignedArrays.Align(buffer, 20);
            Assert.Equal(20, aligned.Length);
            Assert.True(SpanAddress(aligned) % AlignedArrays.Alignment == 0, $"start {start}");
            Assert.Equal((16 - start) % 16, (int)((SpanAddress(aligned) - SpanAddress(buffer)) / sizeof(float)));
        }

        Span<float> stack = stackalloc float[8 + AlignedArrays.Padding];
        Assert.True(SpanAddress(AlignedArrays.Align(stack, 8)) % AlignedArrays.Alignment == 0);
        Assert.Equal("buffer", Assert.Throws<ArgumentException>(() => AlignedArrays.Align(new float[20], 6)).ParamName);
    }

    [Fact]
    public void NegativeLengthIsRejectedNamingIt()
    {
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => AlignedArrays.Floats(-1)).ParamName);
        Assert.Equal("array", Assert.Throws<ArgumentNullException>(() => AlignedArrays.IsAligned(null!)).ParamName);
    }

    [Fact]
    public void GeneratedNetworksKeepTheirParametersAndGradientsOnTheBoundary()
    {
        for (int k = 0; k < 20; k++)
        {
            var network = new ParallelNet(seed: k);
            Assert.True(SpanAddress(network.Parameters) % AlignedArrays.Alignment == 0, "parameters");
            Assert.True(SpanAddress(network.Gradients) % AlignedArrays.Alignment == 0, "gradients");
        }
    }

    private static long Address(Array array)
    {
        GCHandle handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            return handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }
    }

    private static unsafe long SpanAddress(ReadOnlySpan<float> span)
    {
        fixed (float* p = span)
        {
            return (long)p;
        }
    }
}
