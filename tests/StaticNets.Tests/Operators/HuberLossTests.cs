using System;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="HuberLoss"/> as PyTorch's <c>nn.HuberLoss(delta)</c>: quadratic when |r| &lt; delta, linear from |r| = delta
/// on, gradient ±delta from |r| = delta on.
/// </summary>
public sealed class HuberLossTests
{
    /// <summary>A float sum of a few hundred terms of size ≤ 25: a few ε (1.2e-7) per term relative to the total.</summary>
    private const double ValueTolerance = 1e-6;

    /// <summary>The gradient is r or ±delta, one float subtraction: ε-sized relative to max(1, |gradient|).</summary>
    private const double GradientTolerance = 1e-6;

    public static TheoryData<float> Deltas => new() { 0.5f, 1f, 1.5f, 2f };

    [Theory]
    [MemberData(nameof(Deltas))]
    public void ExactlyAtPlusOrMinusDeltaTheLossIsHalfDeltaSquaredAndTheGradientIsDelta(float delta)
    {
        float[] a = [delta, -delta, 3f + delta, 3f - delta];
        float[] y = [0f, 0f, 3f, 3f];
        var da = new float[4];

        float loss = HuberLoss.Evaluate(a, y, da, scale: 1f, delta);

        // Both branches give 0.5·delta² at |r| = delta; PyTorch takes the linear one (|r| < delta is false) and
        // the gradient ±delta (r >= delta, r <= -delta).
        Assert.Equal(4 * 0.5f * delta * delta, loss);
        Assert.Equal([delta, -delta, delta, -delta], da);
    }

    [Theory]
    [MemberData(nameof(Deltas))]
    public void JustInsideDeltaIsQuadraticAndJustOutsideIsLinear(float delta)
    {
        float inside = MathF.BitDecrement(delta);
        float outside = MathF.BitIncrement(delta);
        float[] a = [inside, -inside, outside, -outside];
        float[] y = [0f, 0f, 0f, 0f];
        var da = new float[4];

        float loss = HuberLoss.Evaluate(a, y, da, scale: 1f, delta);

        float expected = 2 * (0.5f * inside * inside) + 2 * (delta * (outside - 0.5f * delta));
        Assert.Equal(expected, loss);
        Assert.Equal([inside, -inside, delta, -delta], da);
    }

    [Theory]
    [MemberData(nameof(Deltas))]
    public void GradientMatchesFiniteDifferences(float delta)
    {
        float[] a = LossChecks.Uniform(seed: 3, count: 257, from: -5f, to: 5f);
        float[] y = LossChecks.Uniform(seed: 4, count: 257, from: -5f, to: 5f);
        LossChecks.AssertMatchesDoubleLoss((x, t, g, s) => HuberLoss.Evaluate(x, t, g, s, delta), a, y,
            loss: (x, t) => Huber(x - t, delta),
            isNearKink: (x, t) => Math.Abs(Math.Abs(x - t) - delta) < 2 * LossChecks.FiniteDifferenceStep,
            ValueTolerance, GradientTolerance);
    }

    [Fact]
    public void MatchesPyTorchHuberLoss()
    {
        float[] a = [0.5f, -2f, 3f, 1f, -0.25f, 4f];
        float[] y = [0f, 0f, 1f, 2.5f, 1.25f, -1f];
        var da = new float[6];

        float loss = HuberLoss.Evaluate(a, y, da, scale: 1f / 6, delta: 1.5f);

        // torch.nn.HuberLoss(delta=1.5) in float64, PyTorch 1.13: the mean over 6 and its gradient. Two residuals are
        // exactly -delta.
        Assert.Equal(2.0833333333333335, loss / 6, LossChecks.TorchTolerance);
        double[] torchGradient = [0.08333333333333333, -0.25, 0.25, -0.25, -0.25, 0.25];
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(torchGradient[k], da[k], LossChecks.TorchTolerance);
        }
    }

    private static double Huber(double r, double delta) => Math.Abs(r) < delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta);
}
