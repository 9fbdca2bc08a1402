using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary>
/// <see cref="InverseTimeDecaySchedule"/> as Keras' <c>InverseTimeDecay</c>: rate / (1 + decayRate·step / decaySteps),
/// with floor(step / decaySteps) when staircase.
/// </summary>
public sealed class InverseTimeDecayScheduleTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.1 / 1.25)]  // 1 + 0.5·5/10
    [InlineData(10, 0.1 / 1.5)]
    [InlineData(30, 0.1 / 2.5)]
    [InlineData(15, 0.1 / 1.75)]
    public void RateFallsAsOneOverTime(int step, double expected)
    {
        RateAssert.Equal(expected, new InverseTimeDecaySchedule(0.1f, decayRate: 0.5f, decaySteps: 10).At(step), step);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(9, 0.1)]
    [InlineData(10, 0.1 / 1.5)]
    [InlineData(19, 0.1 / 1.5)]
    [InlineData(20, 0.1 / 2)]
    public void StaircaseHoldsTheRateForDecaySteps(int step, double expected)
    {
        RateAssert.Equal(expected, new InverseTimeDecaySchedule(0.1f, decayRate: 0.5f, decaySteps: 10, staircase: true).At(step), step);
    }

    [Fact]
    public void RateFollowsTheClosedFormAtEveryStep()
    {
        const float rate = 0.3f, decayRate = 0.7f; // the closed form in double, of the same float arguments
        var smooth = new InverseTimeDecaySchedule(rate, decayRate, decaySteps: 4);
        var staircase = new InverseTimeDecaySchedule(rate, decayRate, decaySteps: 4, staircase: true);
        for (int step = 0; step < 500; step++)
        {
            RateAssert.Equal(rate / (1 + (double)decayRate * step / 4), smooth.At(step), step);
            RateAssert.Equal(rate / (1 + decayRate * Math.Floor(step / 4.0)), staircase.At(step), step);
        }
    }
}
