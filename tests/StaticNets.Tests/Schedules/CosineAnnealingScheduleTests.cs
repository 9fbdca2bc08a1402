using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary><see cref="CosineAnnealingSchedule"/> as the closed form of PyTorch's <c>CosineAnnealingLR</c>.</summary>
public sealed class CosineAnnealingScheduleTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.0505)]                  // halfway: (0.1 + 0.001) / 2
    [InlineData(10, 0.001)]                  // T_max: the minimum
    [InlineData(20, 0.1)]                    // 2·T_max: back at the start
    [InlineData(1, 0.09757729755661011)]     // CosineAnnealingLR(lr=0.1, T_max=10, eta_min=0.001), PyTorch 1.13
    [InlineData(3, 0.07959536998847742)]
    [InlineData(9, 0.0034227024433899004)]
    [InlineData(13, 0.021404630011522575)]   // past T_max the closed form rises again
    public void RateFollowsHalfACosineDownToTheMinimumAndBack(int step, double expected)
    {
        RateAssert.Equal(expected, new CosineAnnealingSchedule(0.1f, periodSteps: 10, minimumRate: 0.001f).At(step), step);
    }

    [Fact]
    public void RateFollowsTheClosedFormAtEveryStep()
    {
        const float rate = 0.2f, minimumRate = 0.002f; // the closed form in double, of the same float arguments
        var schedule = new CosineAnnealingSchedule(rate, periodSteps: 37, minimumRate);
        for (int step = 0; step < 200; step++)
        {
            double expected = minimumRate + ((double)rate - minimumRate) * (1 + Math.Cos(Math.PI * step / 37)) / 2;
            RateAssert.Equal(expected, schedule.At(step), step);
        }
    }

    [Fact]
    public void DefaultMinimumIsZero()
    {
        var schedule = new CosineAnnealingSchedule(0.1f, periodSteps: 4);

        Assert.Equal(0.1f, schedule.At(0));
        RateAssert.Equal(0.05, schedule.At(2), 2);
        Assert.Equal(0f, schedule.At(4));
    }
}
