using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary>
/// <see cref="WarmupSchedule"/>: a linear ramp to the inner schedule's first rate, then the inner schedule from its
/// own step 0.
/// </summary>
public sealed class WarmupScheduleTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.025)]
    [InlineData(2, 0.05)]
    [InlineData(3, 0.075)]
    [InlineData(4, 0.1)]      // warm-up over: inner.At(0)
    [InlineData(5, 0.09)]     // inner.At(1)
    [InlineData(6, 0.081)]    // inner.At(2)
    public void RampsLinearlyFromZeroThenHandsOverToTheInnerSchedule(int step, double expected)
    {
        var schedule = new WarmupSchedule(new ExponentialDecaySchedule(0.1f, gamma: 0.9f), warmupSteps: 4);
        if (expected == 0)
        {
            Assert.Equal(0f, schedule.At(step));
        }
        else
        {
            RateAssert.Equal(expected, schedule.At(step), step);
        }
    }

    [Theory]
    [InlineData(0, 0.025)]
    [InlineData(1, 0.04375)]
    [InlineData(2, 0.0625)]
    [InlineData(3, 0.08125)]
    [InlineData(4, 0.1)]
    [InlineData(6, 0.1)]
    public void StartFactorMatchesPyTorchLinearLR(int step, double expected)
    {
        // LinearLR(lr=0.1, start_factor=0.25, end_factor=1, total_iters=4) in PyTorch 1.13:
        // 0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.1, 0.1.
        var schedule = new WarmupSchedule(new ConstantSchedule(0.1f), warmupSteps: 4, startFactor: 0.25f);
        RateAssert.Equal(expected, schedule.At(step), step);
    }

    [Fact]
    public void ZeroWarmupStepsLeaveTheInnerScheduleUnchanged()
    {
        var inner = new CosineAnnealingSchedule(0.1f, periodSteps: 10);
        var schedule = new WarmupSchedule(inner, warmupSteps: 0);
        for (int step = 0; step < 30; step++)
        {
            Assert.Equal(inner.At(step), schedule.At(step));
        }
    }

    [Fact]
    public void RateFollowsTheClosedFormAtEveryStep()
    {
        const float rate = 0.4f, startFactor = 0.1f; // the closed form in double, of the same float arguments
        var inner = new StepDecaySchedule(rate, stepSize: 5, gamma: 0.5f);
        var schedule = new WarmupSchedule(inner, warmupSteps: 13, startFactor);
        for (int step = 0; step < 100; step++)
        {
            double expected = step < 13
                ? rate * (startFactor + (1 - (double)startFactor) * step / 13)
                : rate * Math.Pow(0.5, (step - 13) / 5);
            RateAssert.Equal(expected, schedule.At(step), step);
        }
    }
}
