using System;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>The shape every elementwise loss operator shares: returns the unscaled sum, writes the scaled gradient.</summary>
internal delegate float LossEvaluator(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient, float scale);

/// <summary>Checks of a loss operator against its per-element formula written in double.</summary>
internal static class LossChecks
{
    /// <summary>The gradient factor the checks pass; not a power of two, so a forgotten or doubled scale shows.</summary>
    public const float Scale = 0.3f;

    /// <summary>
    /// Against PyTorch's float64 losses and gradients on a few small rows: the float evaluation here, a few ε (1.2e-7)
    /// on values of size ≤ 3.
    /// </summary>
    public const double TorchTolerance = 1e-6;

    /// <summary>Central differences of the double per-element loss with this step: truncation and rounding near 1e-11.</summary>
    public const double FiniteDifferenceStep = 1e-5;

    /// <summary>
    /// Asserts that <paramref name="evaluate"/> returns Σ loss(x_k, y_k) within <paramref name="valueTolerance"/>·max(1, |sum|)
    /// and writes Scale·dloss/dx_k within <paramref name="gradientTolerance"/>·Scale·max(1, |dloss/dx_k|) of the central
    /// difference, for every element not within two steps of a kink.
    /// </summary>
    public static void AssertMatchesDoubleLoss(
        LossEvaluator evaluate,
        float[] x,
        float[] y,
        Func<double, double, double> loss,
        Func<double, double, bool> isNearKink,
        double valueTolerance,
        double gradientTolerance)
    {
        var gradient = new float[x.Length];
        float sum = evaluate(x, y, gradient, Scale);

        double expectedSum = 0;
        for (int k = 0; k < x.Length; k++)
        {
            expectedSum += loss(x[k], y[k]);
        }

        Assert.True(Math.Abs(sum - expectedSum) <= valueTolerance * Math.Max(1, Math.Abs(expectedSum)), $"sum {sum:R}, reference {expectedSum:R}");
        for (int k = 0; k < x.Length; k++)
        {
            Assert.True(float.IsFinite(gradient[k]), $"gradient at x = {x[k]:R}, y = {y[k]:R} is {gradient[k]}");
            if (isNearKink(x[k], y[k]))
            {
                continue;
            }

            double h = FiniteDifferenceStep;
            double numeric = (loss(x[k] + h, y[k]) - loss(x[k] - h, y[k])) / (2 * h);
            Assert.True(Math.Abs(gradient[k] - Scale * numeric) <= gradientTolerance * Scale * Math.Max(1, Math.Abs(numeric)),
                $"gradient at x = {x[k]:R}, y = {y[k]:R}: {gradient[k]:R}, Scale · central difference {Scale * numeric:R}");
        }
    }

    /// <summary>Seeded values uniformly in [from, to].</summary>
    public static float[] Uniform(int seed, int count, float from, float to)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = (float)(from + (to - from) * random.NextDouble());
        }

        return values;
    }

    /// <summary>Seeded labels, each -1 or +1.</summary>
    public static float[] Signs(int seed, int count)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = random.Next(2) == 0 ? -1f : 1f;
        }

        return values;
    }
}
