using System;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary><see cref="HingeLoss"/>: max(0, 1 - y·f) with labels ±1, gradient -y inside the margin and 0 from the kink on.</summary>
public sealed class HingeLossTests
{
    /// <summary>A float sum of a few hundred terms of size ≤ 6: a few ε (1.2e-7) per term relative to the total.</summary>
    private const double ValueTolerance = 1e-6;

    /// <summary>The gradient is -y·Scale or 0 exactly; the central difference of a linear piece is exact to about 1e-11.</summary>
    private const double GradientTolerance = 1e-9;

    [Fact]
    public void ReturnsTheSumOfHingesAndTheGradientInsideTheMargin()
    {
        float[] f = [2f, 0.5f, -0.5f, 1f, -2f, 0.25f, -1f];
        float[] y = [1f, 1f, 1f, 1f, -1f, -1f, -1f];
        var df = new float[7];

        float loss = HingeLoss.Evaluate(f, y, df, scale: 0.5f);

        // 1 - y·f: -1, 0.5, 1.5, 0 (the kink), -1, 1.25, 0 (the kink).
        Assert.Equal(0f + 0.5f + 1.5f + 0f + 0f + 1.25f + 0f, loss);
        Assert.Equal([0f, -0.5f, -0.5f, 0f, 0f, 0.5f, 0f], df);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        float[] f = LossChecks.Uniform(seed: 7, count: 257, from: -5f, to: 5f);
        float[] y = LossChecks.Signs(seed: 8, count: 257);
        LossChecks.AssertMatchesDoubleLoss(HingeLoss.Evaluate, f, y,
            loss: (x, t) => Math.Max(0, 1 - t * x),
            isNearKink: (x, t) => Math.Abs(1 - t * x) < 2 * LossChecks.FiniteDifferenceStep,
            ValueTolerance, GradientTolerance);
    }

    [Fact]
    public void HugeScoresStayFinite()
    {
        var df = new float[2];

        float loss = HingeLoss.Evaluate([1e30f, -1e30f], [1f, 1f], df, scale: 1f);

        Assert.Equal(1e30f, loss); // 1 + 1e30 rounds to 1e30
        Assert.Equal([0f, -1f], df);
    }
}
