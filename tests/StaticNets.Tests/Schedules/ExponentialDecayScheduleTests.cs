using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary><see cref="ExponentialDecaySchedule"/> as PyTorch's <c>ExponentialLR</c>: rate·gamma^step.</summary>
public sealed class ExponentialDecayScheduleTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(1, 0.09)]
    [InlineData(2, 0.081)]
    [InlineData(3, 0.0729)]
    [InlineData(4, 0.06561)]
    public void RateShrinksByGammaEveryStep(int step, double expected)
    {
        // ExponentialLR(lr=0.1, gamma=0.9) in PyTorch 1.13 gives 0.1, 0.09, 0.081, 0.0729, 0.06561.
        RateAssert.Equal(expected, new ExponentialDecaySchedule(0.1f, gamma: 0.9f).At(step), step);
    }

    [Fact]
    public void RateFollowsTheClosedFormAtEveryStep()
    {
        const float rate = 0.5f, gamma = 0.99f; // the closed form in double, of the same float arguments
        var schedule = new ExponentialDecaySchedule(rate, gamma);
        for (int step = 0; step < 1000; step++)
        {
            RateAssert.Equal(rate * Math.Pow(gamma, step), schedule.At(step), step);
        }
    }
}
