using System;

namespace StaticNets.Schedules;

/// <summary>
/// A linear warm-up in front of another schedule: for <c>step &lt; warmupSteps</c>,
/// <c>rate(step) = inner.At(0)·(startFactor + (1 - startFactor)·step / warmupSteps)</c>; from then on
/// <c>rate(step) = inner.At(step - warmupSteps)</c>, so the inner schedule starts once the warm-up ends.
/// The warm-up equals PyTorch's <c>LinearLR(optimizer, start_factor=startFactor, end_factor=1, total_iters=warmupSteps)</c>,
/// chained to the inner schedule as <c>SequentialLR(..., milestones=[warmupSteps])</c> does.
/// </summary>
public sealed class WarmupSchedule : LearningRateSchedule
{
    private readonly LearningRateSchedule inner;
    private readonly int warmupSteps;
    private readonly double startFactor;

    /// <summary>Creates a linear warm-up in front of <paramref name="inner"/>.</summary>
    /// <param name="inner">The schedule that follows the warm-up, started at its own step 0.</param>
    /// <param name="warmupSteps">How many steps the warm-up lasts; zero or more (0 leaves <paramref name="inner"/> unchanged).</param>
    /// <param name="startFactor">The fraction of <c>inner.At(0)</c> at step 0; in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated for it.</exception>
    public WarmupSchedule(LearningRateSchedule inner, int warmupSteps, float startFactor = 0f)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"warmupSteps must be zero or positive, but it is {warmupSteps}.");
        }

        if (!(startFactor >= 0f && startFactor <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, $"startFactor must be in [0, 1], but it is {startFactor}.");
        }

        this.inner = inner;
        this.warmupSteps = warmupSteps;
        this.startFactor = startFactor;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        if (step >= warmupSteps)
        {
            return inner.At(step - warmupSteps);
        }

        return (float)(inner.At(0) * (startFactor + (1 - startFactor) * step / warmupSteps));
    }
}
