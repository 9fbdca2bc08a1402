using System;
using StaticNets.Operators;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="ExpOperator"/> against <see cref="Math.Exp(double)"/> over a dense sweep of float bit patterns, the special
/// values of <see cref="MathF.Exp(float)"/>, and the vector overloads against the scalar ones bit for bit.
/// </summary>
public sealed class ExpOperatorTests(ITestOutputHelper output)
{
    /// <summary>Every this-many-th float bit pattern is checked: about 23 million values between -104 and 89.</summary>
    private const int BitStride = 97;

    /// <summary>The smallest normal float: below it results are subnormal and compared in subnormal steps.</summary>
    private const double SmallestNormal = 1.1754943508222875e-38;

    /// <summary>One subnormal step, 2⁻¹⁴⁹.</summary>
    private const double SubnormalStep = 1.401298464324817e-45;

    [Fact]
    public void ExpIsWithinItsDocumentedErrorOfMathExp()
    {
        double worst = 0;
        float worstAt = 0;
        foreach (float x in Sweep(-104f, 89f))
        {
            double expected = Math.Exp(x);
            float actual = ExpOperator.Exp(x);
            if (expected > float.MaxValue)
            {
                Assert.True(actual == float.PositiveInfinity || actual >= float.MaxValue * 0.9999998f, $"exp({x:R}) = {actual:R}, expected overflow");
                continue;
            }

            if (expected < SmallestNormal)
            {
                Assert.True(Math.Abs(actual - expected) <= SubnormalStep, $"exp({x:R}) = {actual:R}, expected {expected:R}");
                continue;
            }

            double error = Math.Abs(actual - expected) / expected;
            if (error > worst)
            {
                (worst, worstAt) = (error, x);
            }
        }

        output.WriteLine($"worst relative error {worst:E3} at x = {worstAt:R}");
        Assert.True(worst <= ExpOperator.MaxRelativeError, $"worst relative error {worst:E3} at x = {worstAt:R}");
    }

    [Fact]
    public void ExpM1IsWithinItsDocumentedErrorIncludingTinyArguments()
    {
        double worst = 0;
        float worstAt = 0;
        foreach (float x in Sweep(-104f, 88f))
        {
            if (x == 0f)
            {
                continue;
            }

            double expected = Math.Exp(x) - 1.0;
            if (Math.Abs(x) < 1e-5)
            {
                expected = x + 0.5 * (double)x * x; // exp(x) - 1 in double would cancel here
            }

            float actual = ExpOperator.ExpM1(x);
            double error = Math.Abs(actual - expected) / Math.Abs(expected);
            if (error > worst)
            {
                (worst, worstAt) = (error, x);
            }
        }

        output.WriteLine($"worst relative error {worst:E3} at x = {worstAt:R}");
        Assert.True(worst <= ExpOperator.MaxRelativeError, $"worst relative error {worst:E3} at x = {worstAt:R}");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(0f)]
    [InlineData(88.72283f)]
    [InlineData(88.7229f)]
    [InlineData(100f)]
    [InlineData(float.MaxValue)]
    [InlineData(-87.33655f)]
    [InlineData(-100f)]
    [InlineData(-103.9f)]
    [InlineData(-104f)]
    [InlineData(-200f)]
    [InlineData(float.MinValue)]
    public void SpecialValuesBehaveLikeMathFExp(float x)
    {
        float expected = MathF.Exp(x);
        float actual = ExpOperator.Exp(x);
        if (float.IsNaN(expected) || float.IsInfinity(expected) || expected == 0f)
        {
            Assert.Equal(expected, actual);
        }
        else
        {
            Assert.True(Math.Abs(actual - expected) <= Math.Max(ExpOperator.MaxRelativeError * expected, SubnormalStep), $"exp({x:R}) = {actual:R}, MathF.Exp gives {expected:R}");
        }

        Assert.Equal(float.IsNaN(x), float.IsNaN(ExpOperator.ExpM1(x)));
    }

    [Fact]
    public void ExpM1SaturatesAtMinusOneAndKeepsTheSignOfZero()
    {
        Assert.Equal(-1f, ExpOperator.ExpM1(float.NegativeInfinity));
        Assert.Equal(-1f, ExpOperator.ExpM1(-200f));
        Assert.Equal(0f, ExpOperator.ExpM1(0f));
        Assert.Equal(1e-30f, ExpOperator.ExpM1(1e-30f));
    }

    [Fact]
    public void VectorOverloadsMatchTheScalarOnesBitForBit()
    {
        var values = new System.Collections.Generic.List<float>();
        foreach (float value in Sweep(-110f, 95f, stride: 9973))
        {
            values.Add(value);
        }

        values.AddRange([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, float.MinValue, 1e-30f, -1e-30f]);
        while (values.Count % 16 != 0)
        {
            values.Add(0.5f);
        }

        float[] x = values.ToArray();
        foreach ((string name, Func<float, float> scalar, var widths) in new (string, Func<float, float>, (string Width, float[] Values)[])[]
        {
            ("Exp", ExpOperator.Exp, Lanes.Apply(x, ExpOperator.Exp, ExpOperator.Exp, ExpOperator.Exp)),
            ("ExpM1", ExpOperator.ExpM1, Lanes.Apply(x, ExpOperator.ExpM1, ExpOperator.ExpM1, ExpOperator.ExpM1)),
        })
        {
            foreach ((string width, float[] lanes) in widths)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    float expected = scalar(x[i]);
                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(lanes[i]) || (float.IsNaN(expected) && float.IsNaN(lanes[i])),
                        $"{name} {width} at {x[i]:R}: {lanes[i]:R}, scalar {expected:R}");
                }
            }
        }
    }

    /// <summary>Every <paramref name="stride"/>-th float bit pattern between <paramref name="from"/> and <paramref name="to"/>, both ends included.</summary>
    private static System.Collections.Generic.IEnumerable<float> Sweep(float from, float to, int stride = BitStride)
    {
        // Negative floats: bit patterns from -0 up to |from|; positive: from +0 up to to.
        for (int bits = 0; bits <= BitConverter.SingleToInt32Bits(-from); bits += stride)
        {
            yield return -BitConverter.Int32BitsToSingle(bits);
        }

        for (int bits = 0; bits <= BitConverter.SingleToInt32Bits(to); bits += stride)
        {
            yield return BitConverter.Int32BitsToSingle(bits);
        }

        yield return from;
        yield return to;
    }
}
