using System;

namespace StaticNets.Schedules;

/// <summary>
/// Half a cosine from <c>initialRate</c> down to <c>minimumRate</c> over <c>periodSteps</c> steps:
/// <c>rate(step) = minimumRate + (initialRate - minimumRate)·(1 + cos(π·step / periodSteps)) / 2</c>. Beyond
/// <c>periodSteps</c> the same formula goes on, so the rate rises back to <c>initialRate</c> at <c>2·periodSteps</c> and
/// repeats. Equals the closed form of PyTorch's <c>CosineAnnealingLR(optimizer, T_max=periodSteps, eta_min=minimumRate)</c>
/// with <c>lr=initialRate</c>.
/// </summary>
public sealed class CosineAnnealingSchedule : LearningRateSchedule
{
    private readonly double initialRate;
    private readonly int periodSteps;
    private readonly double minimumRate;

    /// <summary>Creates a cosine-annealing schedule.</summary>
    /// <param name="initialRate">The rate of step 0; positive and finite.</param>
    /// <param name="periodSteps">The steps from <paramref name="initialRate"/> down to <paramref name="minimumRate"/> (PyTorch's <c>T_max</c>); at least 1.</param>
    /// <param name="minimumRate">The rate at step <paramref name="periodSteps"/> (PyTorch's <c>eta_min</c>); zero or positive, at most <paramref name="initialRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated for it.</exception>
    public CosineAnnealingSchedule(float initialRate, int periodSteps, float minimumRate = 0f)
    {
        ThrowIfNotPositiveFinite(initialRate, nameof(initialRate));
        ThrowIfLessThanOne(periodSteps, nameof(periodSteps));
        ThrowIfNegativeOrNotFinite(minimumRate, nameof(minimumRate));
        if (minimumRate > initialRate)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, $"minimumRate must be at most initialRate ({initialRate}), but it is {minimumRate}.");
        }

        this.initialRate = initialRate;
        this.periodSteps = periodSteps;
        this.minimumRate = minimumRate;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        return (float)(minimumRate + (initialRate - minimumRate) * (1 + Math.Cos(Math.PI * step / periodSteps)) / 2);
    }
}
