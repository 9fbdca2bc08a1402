using System;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="BinaryCrossEntropyLoss"/> as PyTorch's <c>BCEWithLogitsLoss</c>: from the logits, equal to
/// -y·log σ(z) - (1 - y)·log(1 - σ(z)), gradient σ(z) - y, finite for saturated logits.
/// </summary>
public sealed class BinaryCrossEntropyLossTests
{
    /// <summary>
    /// A float sum of a few hundred terms of size ≤ 20 built from exp and log: a few ε (1.2e-7) per term relative to the
    /// total.
    /// </summary>
    private const double ValueTolerance = 1e-6;

    /// <summary>σ(z) - y in float: sigmoid within a few ε, one subtraction; relative to max(1, |gradient|).</summary>
    private const double GradientTolerance = 1e-6;

    /// <summary>z·y and max(z, 0) - z·y at |z| = 1000: each rounds by at most half an ulp of 1000 (3.1e-5).</summary>
    private const float SaturatedLossTolerance = 1e-4f;

    [Fact]
    public void MatchesTheCrossEntropyOfTheSigmoidAndFiniteDifferences()
    {
        float[] z = LossChecks.Uniform(seed: 5, count: 257, from: -20f, to: 20f);
        float[] y = LossChecks.Uniform(seed: 6, count: 257, from: 0f, to: 1f);
        LossChecks.AssertMatchesDoubleLoss(BinaryCrossEntropyLoss.Evaluate, z, y,
            loss: (x, t) => -t * LogSigmoid(x) - (1 - t) * LogSigmoid(-x),
            isNearKink: (_, _) => false,
            ValueTolerance, GradientTolerance);
    }

    [Theory]
    [InlineData(1000f, 1f, 0f, 0f)]
    [InlineData(1000f, 0f, 1000f, 1f)]
    [InlineData(-1000f, 1f, 1000f, -1f)]
    [InlineData(-1000f, 0f, 0f, 0f)]
    [InlineData(1000f, 0.3f, 700f, 0.7f)]
    [InlineData(-1000f, 0.3f, 300f, -0.3f)]
    public void SaturatedLogitsGiveFiniteExactLosses(float z, float y, float expectedLoss, float expectedGradient)
    {
        var dz = new float[1];

        float loss = BinaryCrossEntropyLoss.Evaluate([z], [y], dz, scale: 1f);

        Assert.Equal(expectedLoss, loss, SaturatedLossTolerance);
        Assert.Equal(expectedGradient, dz[0]); // σ(±1000) is exactly 1 or 0, and 1 - 0.3 rounds to the float 0.7
    }

    [Fact]
    public void MatchesPyTorchBCEWithLogitsLoss()
    {
        float[] z = [2f, -1f, 0f, 5f];
        float[] y = [1f, 0f, 0.3f, 0f];
        var dz = new float[4];

        float loss = BinaryCrossEntropyLoss.Evaluate(z, y, dz, scale: 0.25f);

        // torch.nn.BCEWithLogitsLoss() in float64, PyTorch 1.13: the mean over 4 and its gradient.
        Assert.Equal(1.5350130569025646, loss / 4, LossChecks.TorchTolerance);
        double[] torchGradient = [-0.02980073050552942, 0.06723535534249878, 0.05, 0.24832678726892882];
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(torchGradient[k], dz[k], LossChecks.TorchTolerance);
        }
    }

    /// <summary>log σ(x) = -softplus(-x), in double without overflow.</summary>
    private static double LogSigmoid(double x) => -(Math.Max(-x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
}
