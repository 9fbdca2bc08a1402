using System;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="LogisticLoss"/> as PyTorch's <c>SoftMarginLoss</c>: log(1 + exp(-y·f)) with labels ±1, gradient
/// -y·σ(-y·f), finite for huge margins of either sign.
/// </summary>
public sealed class LogisticLossTests
{
    /// <summary>
    /// A float sum of a few hundred terms of size ≤ 20 built from exp and log: a few ε (1.2e-7) per term relative to the
    /// total.
    /// </summary>
    private const double ValueTolerance = 1e-6;

    /// <summary>-y·σ(m) in float: sigmoid within a few ε; relative to max(1, |gradient|).</summary>
    private const double GradientTolerance = 1e-6;

    /// <summary>log(2) at a margin of 0 in float: MathF.Log within an ulp of 0.69 (6e-8).</summary>
    private const float SaturatedLossTolerance = 1e-7f;

    [Fact]
    public void MatchesTheSoftplusOfTheNegativeMarginAndFiniteDifferences()
    {
        float[] f = LossChecks.Uniform(seed: 9, count: 257, from: -20f, to: 20f);
        float[] y = LossChecks.Signs(seed: 10, count: 257);
        LossChecks.AssertMatchesDoubleLoss(LogisticLoss.Evaluate, f, y,
            loss: (x, t) => Softplus(-t * x),
            isNearKink: (_, _) => false,
            ValueTolerance, GradientTolerance);
    }

    [Theory]
    [InlineData(1000f, 1f, 0f, 0f)]
    [InlineData(-1000f, 1f, 1000f, -1f)]
    [InlineData(1000f, -1f, 1000f, 1f)]
    [InlineData(-1000f, -1f, 0f, 0f)]
    [InlineData(0f, 1f, 0.6931472f, -0.5f)]
    public void HugeMarginsGiveFiniteExactLosses(float f, float y, float expectedLoss, float expectedGradient)
    {
        var df = new float[1];

        float loss = LogisticLoss.Evaluate([f], [y], df, scale: 1f);

        Assert.Equal(expectedLoss, loss, SaturatedLossTolerance);
        Assert.Equal(expectedGradient, df[0]); // σ(±1000) is exactly 1 or 0, and σ(0) exactly 0.5
    }

    [Fact]
    public void MatchesPyTorchSoftMarginLoss()
    {
        float[] f = [2f, -1f, 0f, 5f];
        float[] y = [1f, 1f, -1f, -1f];
        var df = new float[4];

        float loss = LogisticLoss.Evaluate(f, y, df, scale: 0.25f);

        // torch.nn.SoftMarginLoss() in float64, PyTorch 1.13: the mean over 4 and its gradient.
        Assert.Equal(1.7850130569025646, loss / 4, LossChecks.TorchTolerance);
        double[] torchGradient = [-0.029800730505529387, -0.18276464465750122, 0.125, 0.2483267872689288];
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(torchGradient[k], df[k], LossChecks.TorchTolerance);
        }
    }

    private static double Softplus(double m) => Math.Max(m, 0) + Math.Log(1 + Math.Exp(-Math.Abs(m)));
}
