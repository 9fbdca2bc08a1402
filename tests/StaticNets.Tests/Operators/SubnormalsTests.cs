using System;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="Subnormals.FlushToZero(float)"/> and its vector overloads: subnormal floats, and only those, become 0;
/// NaN and ±∞ pass through. The expectation is built from the bit patterns, not from the operator.
/// </summary>
public sealed class SubnormalsTests
{
    [Fact]
    public void SmallestNormalIsTwoToTheMinus126()
    {
        Assert.Equal(0x00800000, BitConverter.SingleToInt32Bits(Subnormals.SmallestNormal)); // exponent field 1, fraction 0: 2^-126
        Assert.True(float.IsNormal(Subnormals.SmallestNormal));
        Assert.True(float.IsSubnormal(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(Subnormals.SmallestNormal) - 1)));
    }

    [Fact]
    public void SubnormalsBecomeZeroAndEverythingElseIsKeptBitForBit()
    {
        float[] x =
        [
            float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, BitConverter.Int32BitsToSingle(0x007FFFFF), BitConverter.Int32BitsToSingle(unchecked((int)0x807FFFFF)),
            Subnormals.SmallestNormal, -Subnormals.SmallestNormal, 1.2e-38f, -3e-38f, 1f, -2.5f,
            float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity,
            float.NaN, 0f, -0f, 6e-45f, 1e-30f, -1e-30f, 0.9f, 123456f,
            BitConverter.Int32BitsToSingle(0x00800000), BitConverter.Int32BitsToSingle(0x00000100), -7e-39f, 7e-39f, 1e-20f, 3f, -1f, 1e-45f,
        ];
        var expected = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            // Exponent field 0 and a non-zero fraction: subnormal; exponent field 0 and fraction 0: ±0, which becomes +0.
            int bits = BitConverter.SingleToInt32Bits(x[i]);
            expected[i] = (bits & 0x7F800000) == 0 ? 0f : x[i];
        }

        var scalar = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            scalar[i] = Subnormals.FlushToZero(x[i]);
        }

        AssertBits("float", x, expected, scalar);
        foreach ((string width, float[] values) in Lanes.Apply(x, Subnormals.FlushToZero, Subnormals.FlushToZero, Subnormals.FlushToZero))
        {
            AssertBits(width, x, expected, values);
        }
    }

    private static void AssertBits(string width, float[] x, float[] expected, float[] actual)
    {
        for (int i = 0; i < x.Length; i++)
        {
            bool same = float.IsNaN(expected[i])
                ? float.IsNaN(actual[i])
                : BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(same, $"{width}: FlushToZero({x[i]:R}) = {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
