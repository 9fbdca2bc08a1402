using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary><see cref="StepDecaySchedule"/> as PyTorch's <c>StepLR</c>: rate·gamma^floor(step / stepSize).</summary>
public sealed class StepDecayScheduleTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.05)]
    [InlineData(5, 0.05)]
    [InlineData(6, 0.025)]
    [InlineData(9, 0.0125)]
    [InlineData(30, 0.1 / 1024)]
    public void RateHalvesEveryThreeSteps(int step, double expected)
    {
        // StepLR(lr=0.1, step_size=3, gamma=0.5) in PyTorch 1.13 gives 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, …, 0.0125 at step 9.
        RateAssert.Equal(expected, new StepDecaySchedule(0.1f, stepSize: 3, gamma: 0.5f).At(step), step);
    }

    [Fact]
    public void RateFollowsTheClosedFormAtEveryStep()
    {
        const float rate = 0.3f, gamma = 0.8f; // the closed form in double, of the same float arguments
        var schedule = new StepDecaySchedule(rate, stepSize: 7, gamma);
        for (int step = 0; step < 200; step++)
        {
            RateAssert.Equal(rate * Math.Pow(gamma, Math.Floor(step / 7.0)), schedule.At(step), step);
        }
    }
}
