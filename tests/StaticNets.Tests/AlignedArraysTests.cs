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
        foreach (int length in new[] { 0, 1, 3, 7, 15, 16, 17, 100, 1000, 4097, 100_480, 1_000_000 })
        {
            float[] array = AlignedArrays.Floats(length);
            Assert.Equal(length, array.Length);
            Assert.True(Address(array) % AlignedArrays.Alignment == 0, $"length {length}: data at {Address(array):X}");
            Assert.True(Array.TrueForAll(array, static v => v == 0f), $"length {length}: not zeroed");
        }
    }

    [Fact]
    public void IsAlignedTellsTheBoundaryFromTheAddress()
    {
        float[] array = AlignedArrays.Floats(32);
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
