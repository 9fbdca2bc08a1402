using System;

namespace StaticNets.Schedules;

/// <summary>
/// A triangular cycle between <c>baseRate</c> and <c>maxRate</c>, rising for <c>stepSizeUp</c> steps and falling for as
/// many: <c>cycle = floor(1 + step / (2·stepSizeUp))</c>, <c>x = |step / stepSizeUp - 2·cycle + 1|</c>,
/// <c>rate(step) = baseRate + (maxRate - baseRate)·max(0, 1 - x)</c>.
/// Equals PyTorch's <c>CyclicLR(optimizer, base_lr=baseRate, max_lr=maxRate, step_size_up=stepSizeUp, mode="triangular")</c>.
/// </summary>
public sealed class CyclicSchedule : LearningRateSchedule
{
    private readonly double baseRate;
    private readonly double maxRate;
    private readonly int stepSizeUp;

    /// <summary>Creates a triangular cyclic schedule.</summary>
    /// <param name="baseRate">The rate at the start and end of each cycle; positive and finite.</param>
    /// <param name="maxRate">The rate in the middle of each cycle; finite and at least <paramref name="baseRate"/>.</param>
    /// <param name="stepSizeUp">The steps from <paramref name="baseRate"/> up to <paramref name="maxRate"/> (and back down); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated for it.</exception>
    public CyclicSchedule(float baseRate, float maxRate, int stepSizeUp)
    {
        ThrowIfNotPositiveFinite(baseRate, nameof(baseRate));
        ThrowIfNotPositiveFinite(maxRate, nameof(maxRate));
        if (maxRate < baseRate)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRate), maxRate, $"maxRate must be at least baseRate ({baseRate}), but it is {maxRate}.");
        }

        ThrowIfLessThanOne(stepSizeUp, nameof(stepSizeUp));
        this.baseRate = baseRate;
        this.maxRate = maxRate;
        this.stepSizeUp = stepSizeUp;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        double cycle = Math.Floor(1 + step / (2.0 * stepSizeUp));
        double x = Math.Abs((double)step / stepSizeUp - 2 * cycle + 1);
        return (float)(baseRate + (maxRate - baseRate) * Math.Max(0, 1 - x));
    }
}
