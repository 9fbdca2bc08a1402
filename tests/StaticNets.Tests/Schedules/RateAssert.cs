using System;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary>Compares a schedule's float rate with a value computed in double.</summary>
internal static class RateAssert
{
    /// <summary>
    /// Relative: the schedule rounds its double result to float once (2⁻²⁴ ≈ 6e-8), and the rates it was given were
    /// floats (0.1f differs from 0.1 by another 1.5e-8).
    /// </summary>
    public const double RelativeTolerance = 1.5e-7;

    /// <summary>Asserts that <paramref name="actual"/> is within <see cref="RelativeTolerance"/> of <paramref name="expected"/>.</summary>
    public static void Equal(double expected, float actual, int step)
    {
        Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected),
            $"step {step}: rate {actual:R}, expected {expected:R}");
    }
}
