using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary><see cref="CyclicSchedule"/> as PyTorch's <c>CyclicLR(mode="triangular")</c> with equal up and down steps.</summary>
public sealed class CyclicScheduleTests
{
    [Fact]
    public void RateRisesAndFallsInATriangle()
    {
        // CyclicLR(base_lr=0.001, max_lr=0.006, step_size_up=4, cycle_momentum=False) in PyTorch 1.13.
        double[] torch = [0.001, 0.00225, 0.0035, 0.00475, 0.006, 0.00475, 0.0035, 0.00225, 0.001, 0.00225, 0.0035, 0.00475, 0.006, 0.00475, 0.0035, 0.00225, 0.001, 0.00225];
        var schedule = new CyclicSchedule(0.001f, 0.006f, stepSizeUp: 4);
        for (int step = 0; step < torch.Length; step++)
        {
            RateAssert.Equal(torch[step], schedule.At(step), step);
        }
    }

    [Fact]
    public void RateFollowsTheClosedFormAtEveryStep()
    {
        const float baseRate = 0.01f, maxRate = 0.1f; // the closed form in double, of the same float arguments
        var schedule = new CyclicSchedule(baseRate, maxRate, stepSizeUp: 7);
        for (int step = 0; step < 300; step++)
        {
            // Position in the current cycle of 14 steps, folded into a triangle of height 1 that peaks at step 7.
            int phase = step % 14;
            double height = phase <= 7 ? phase / 7.0 : (14 - phase) / 7.0;
            RateAssert.Equal(baseRate + ((double)maxRate - baseRate) * height, schedule.At(step), step);
        }
    }

    [Fact]
    public void EqualBaseAndMaximumGiveAConstantRate()
    {
        var schedule = new CyclicSchedule(0.02f, 0.02f, stepSizeUp: 3);
        for (int step = 0; step < 20; step++)
        {
            Assert.Equal(0.02f, schedule.At(step));
        }
    }
}
