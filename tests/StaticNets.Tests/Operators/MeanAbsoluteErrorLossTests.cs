using System;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary><see cref="MeanAbsoluteErrorLoss"/>: the sum of |a - y| and the scaled sign, with sign(0) = 0 as PyTorch.</summary>
public sealed class MeanAbsoluteErrorLossTests
{
    /// <summary>A float sum of a few hundred terms of size ≤ 10: a few ε (1.2e-7) per term relative to the total.</summary>
    private const double ValueTolerance = 1e-6;

    /// <summary>The gradient is ±Scale exactly; the central difference of |r| away from 0 is ±1 to about 1e-11.</summary>
    private const double GradientTolerance = 1e-9;

    [Fact]
    public void ReturnsTheSumOfAbsoluteErrorsAndTheScaledSign()
    {
        float[] a = [0.5f, -2f, 3f, 1f];
        float[] y = [0f, -2f, 1f, 2.5f];
        var da = new float[4];

        float loss = MeanAbsoluteErrorLoss.Evaluate(a, y, da, scale: 0.25f);

        Assert.Equal(0.5f + 0f + 2f + 1.5f, loss);
        Assert.Equal([0.25f, 0f, 0.25f, -0.25f], da); // sign(0) = 0 at the exact hit
        // PyTorch L1Loss (mean over 4) on the same rows: loss 1.0, gradient [0.25, 0, 0.25, -0.25].
        Assert.Equal(1.0f, loss / 4);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        float[] a = LossChecks.Uniform(seed: 1, count: 257, from: -5f, to: 5f);
        float[] y = LossChecks.Uniform(seed: 2, count: 257, from: -5f, to: 5f);
        LossChecks.AssertMatchesDoubleLoss(MeanAbsoluteErrorLoss.Evaluate, a, y,
            loss: (x, t) => Math.Abs(x - t),
            isNearKink: (x, t) => Math.Abs(x - t) < 2 * LossChecks.FiniteDifferenceStep,
            ValueTolerance, GradientTolerance);
    }

    [Fact]
    public void HugeErrorsStayFinite()
    {
        float[] a = [1e30f, -1e30f, 3e38f];
        float[] y = [-1e30f, 1e30f, 0f];
        var da = new float[3];

        float loss = MeanAbsoluteErrorLoss.Evaluate(a, y, da, scale: 1f);

        Assert.Equal(2e30f + 2e30f + 3e38f, loss);
        Assert.Equal([1f, -1f, 1f], da);
    }
}
