using System;
using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary>Every schedule rejects a negative step and out-of-range constructor arguments, naming the parameter.</summary>
public sealed class ScheduleArgumentValidationTests
{
    public static TheoryData<string> ScheduleNames =>
        new() { "Constant", "StepDecay", "ExponentialDecay", "InverseTimeDecay", "Cyclic", "CosineAnnealing", "Warmup" };

    [Theory]
    [MemberData(nameof(ScheduleNames))]
    public void NegativeStepIsRejected(string name)
    {
        LearningRateSchedule schedule = name switch
        {
            "Constant" => new ConstantSchedule(0.1f),
            "StepDecay" => new StepDecaySchedule(0.1f, 3, 0.5f),
            "ExponentialDecay" => new ExponentialDecaySchedule(0.1f, 0.9f),
            "InverseTimeDecay" => new InverseTimeDecaySchedule(0.1f, 0.5f, 10),
            "Cyclic" => new CyclicSchedule(0.001f, 0.006f, 4),
            "CosineAnnealing" => new CosineAnnealingSchedule(0.1f, 10),
            _ => new WarmupSchedule(new ConstantSchedule(0.1f), 5),
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
        Assert.Equal("step", error.ParamName);
        Assert.Equal(-1, error.ActualValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(int.MinValue));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void RatesMustBePositiveAndFinite(float rate)
    {
        AssertRejects("rate", () => new ConstantSchedule(rate));
        AssertRejects("initialRate", () => new StepDecaySchedule(rate, 3, 0.5f));
        AssertRejects("initialRate", () => new ExponentialDecaySchedule(rate, 0.9f));
        AssertRejects("initialRate", () => new InverseTimeDecaySchedule(rate, 0.5f, 10));
        AssertRejects("baseRate", () => new CyclicSchedule(rate, 0.1f, 4));
        AssertRejects("maxRate", () => new CyclicSchedule(0.001f, rate, 4));
        AssertRejects("initialRate", () => new CosineAnnealingSchedule(rate, 10));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.5f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void DecayFactorsMustBePositiveAndFinite(float gamma)
    {
        AssertRejects("gamma", () => new StepDecaySchedule(0.1f, 3, gamma));
        AssertRejects("gamma", () => new ExponentialDecaySchedule(0.1f, gamma));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void StepCountsMustBeAtLeastOne(int steps)
    {
        AssertRejects("stepSize", () => new StepDecaySchedule(0.1f, steps, 0.5f));
        AssertRejects("decaySteps", () => new InverseTimeDecaySchedule(0.1f, 0.5f, steps));
        AssertRejects("stepSizeUp", () => new CyclicSchedule(0.001f, 0.006f, steps));
        AssertRejects("periodSteps", () => new CosineAnnealingSchedule(0.1f, steps));
    }

    [Fact]
    public void OtherArgumentsAreCheckedAgainstTheirRanges()
    {
        AssertRejects("decayRate", () => new InverseTimeDecaySchedule(0.1f, -0.5f, 10));
        AssertRejects("decayRate", () => new InverseTimeDecaySchedule(0.1f, float.NaN, 10));
        AssertRejects("maxRate", () => new CyclicSchedule(0.01f, 0.005f, 4));
        AssertRejects("minimumRate", () => new CosineAnnealingSchedule(0.1f, 10, minimumRate: -0.001f));
        AssertRejects("minimumRate", () => new CosineAnnealingSchedule(0.1f, 10, minimumRate: 0.2f));
        AssertRejects("minimumRate", () => new CosineAnnealingSchedule(0.1f, 10, minimumRate: float.NaN));
        AssertRejects("warmupSteps", () => new WarmupSchedule(new ConstantSchedule(0.1f), -1));
        AssertRejects("startFactor", () => new WarmupSchedule(new ConstantSchedule(0.1f), 5, startFactor: -0.1f));
        AssertRejects("startFactor", () => new WarmupSchedule(new ConstantSchedule(0.1f), 5, startFactor: 1.5f));
        AssertRejects("startFactor", () => new WarmupSchedule(new ConstantSchedule(0.1f), 5, startFactor: float.NaN));
        Assert.Equal("inner", Assert.Throws<ArgumentNullException>(() => new WarmupSchedule(null!, 5)).ParamName);
    }

    [Fact]
    public void BoundaryArgumentsAreAccepted()
    {
        Assert.Equal(0.1f, new InverseTimeDecaySchedule(0.1f, 0f, 1).At(100));   // no decay
        Assert.Equal(0.2f, new CyclicSchedule(0.2f, 0.2f, 1).At(7));               // flat cycle
        Assert.Equal(0.1f, new CosineAnnealingSchedule(0.1f, 1, 0.1f).At(1));      // minimum = initial
        Assert.Equal(0.1f, new WarmupSchedule(new ConstantSchedule(0.1f), 3, 1f).At(0)); // no ramp
        Assert.Equal(0.3f, new StepDecaySchedule(0.3f, 1, 1f).At(50));             // gamma 1
    }

    private static void AssertRejects(string paramName, Func<object> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(paramName, error.ParamName);
    }
}
