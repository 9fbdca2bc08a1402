using StaticNets.Schedules;
using Xunit;

namespace StaticNets.Tests.Schedules;

/// <summary><see cref="ConstantSchedule"/>: the same rate at every step.</summary>
public sealed class ConstantScheduleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void EveryStepGetsTheSameRate(int step)
    {
        Assert.Equal(0.05f, new ConstantSchedule(0.05f).At(step));
    }
}
