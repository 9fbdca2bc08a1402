using System;
using System.Runtime.Intrinsics;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="HorizontalSum"/>: the documented order, written out here with scalar additions, and the four-at-once form
/// equal to the single form bit for bit, on values whose sums round differently in different orders.
/// </summary>
public sealed class HorizontalSumTests
{
    /// <summary>Lanes of mixed magnitude and sign, so that the order of the additions shows in the rounding.</summary>
    private static float[] Values(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            float magnitude = MathF.Pow(10f, 8f * random.NextSingle() - 4f);
            values[k] = random.NextSingle() < 0.5f ? -magnitude : magnitude;
        }

        return values;
    }

    /// <summary>The order of the remarks: halves added lane by lane down to four lanes, then (x0 + x2) + (x1 + x3).</summary>
    private static float Expected(float[] x)
    {
        float[] lanes = (float[])x.Clone();
        for (int width = lanes.Length / 2; width >= 4; width /= 2)
        {
            for (int k = 0; k < width; k++)
            {
                lanes[k] += lanes[k + width];
            }
        }

        return (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
    }

    [Fact]
    public void EachWidthSumsInTheDocumentedOrder()
    {
        int orderMattered = 0;
        for (ulong seed = 1; seed <= 500; seed++)
        {
            float[] x = Values(16, seed);
            float expected512 = Expected(x);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected512), BitConverter.SingleToInt32Bits(HorizontalSum.Of(Vector512.Create(x))));
            Assert.Equal(BitConverter.SingleToInt32Bits(Expected(x[..8])), BitConverter.SingleToInt32Bits(HorizontalSum.Of(Vector256.Create(x.AsSpan(0, 8)))));
            Assert.Equal(BitConverter.SingleToInt32Bits(Expected(x[..4])), BitConverter.SingleToInt32Bits(HorizontalSum.Of(Vector128.Create(x.AsSpan(0, 4)))));

            // The exact sum, for a sanity bound; and a left-to-right sum, to show the data can tell orders apart.
            double exact = 0;
            float leftToRight = 0f;
            foreach (float value in x)
            {
                exact += value;
                leftToRight += value;
            }

            double scale = 0;
            foreach (float value in x)
            {
                scale += Math.Abs(value);
            }

            Assert.True(Math.Abs(expected512 - exact) <= 16 * 6e-8 * scale, $"seed {seed}: {expected512} against {exact}");
            orderMattered += leftToRight == expected512 ? 0 : 1;
        }

        Assert.True(orderMattered > 50, $"only {orderMattered} of 500 sums depended on the order");
    }

    [Fact]
    public void FourAtOnceGiveEachVectorsOwnSumBitForBit()
    {
        for (ulong seed = 1; seed <= 300; seed++)
        {
            float[] x = Values(64, seed);
            var v512 = new Vector512<float>[4];
            var v256 = new Vector256<float>[4];
            var v128 = new Vector128<float>[4];
            for (int k = 0; k < 4; k++)
            {
                v512[k] = Vector512.Create(x.AsSpan(16 * k, 16));
                v256[k] = Vector256.Create(x.AsSpan(16 * k, 8));
                v128[k] = Vector128.Create(x.AsSpan(16 * k + 8, 4));
            }

            Vector128<float> each512 = HorizontalSum.OfEach(v512[0], v512[1], v512[2], v512[3]);
            Vector128<float> each256 = HorizontalSum.OfEach(v256[0], v256[1], v256[2], v256[3]);
            Vector128<float> each128 = HorizontalSum.OfEach(v128[0], v128[1], v128[2], v128[3]);
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(HorizontalSum.Of(v512[k])), BitConverter.SingleToInt32Bits(each512.GetElement(k)));
                Assert.Equal(BitConverter.SingleToInt32Bits(HorizontalSum.Of(v256[k])), BitConverter.SingleToInt32Bits(each256.GetElement(k)));
                Assert.Equal(BitConverter.SingleToInt32Bits(HorizontalSum.Of(v128[k])), BitConverter.SingleToInt32Bits(each128.GetElement(k)));
            }
        }
    }

    [Fact]
    public void NaNAndInfinityPropagate()
    {
        Assert.True(float.IsNaN(HorizontalSum.Of(Vector512.Create(1f).WithElement(13, float.NaN))));
        Assert.Equal(float.PositiveInfinity, HorizontalSum.Of(Vector256.Create(1f).WithElement(5, float.PositiveInfinity)));
        Vector128<float> each = HorizontalSum.OfEach(Vector128.Create(1f), Vector128.Create(float.NaN, 0f, 0f, 0f), Vector128.Create(2f), Vector128.Create(-1f).WithElement(3, float.NegativeInfinity));
        Assert.Equal(4f, each.GetElement(0));
        Assert.True(float.IsNaN(each.GetElement(1)));
        Assert.Equal(8f, each.GetElement(2));
        Assert.Equal(float.NegativeInfinity, each.GetElement(3));
    }
}
