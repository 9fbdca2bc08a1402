using System;

namespace StaticNets.Schedules;

/// <summary>
/// A rate divided by a linearly growing factor: <c>rate(step) = initialRate / (1 + decayRate·p)</c> with
/// <c>p = step / decaySteps</c>, or <c>p = floor(step / decaySteps)</c> when <c>staircase</c> is set.
/// Equals Keras' <c>InverseTimeDecay(initialRate, decaySteps, decayRate, staircase)</c>.
/// </summary>
public sealed class InverseTimeDecaySchedule : LearningRateSchedule
{
    private readonly double initialRate;
    private readonly double decayRate;
    private readonly int decaySteps;
    private readonly bool staircase;

    /// <summary>Creates an inverse-time-decay schedule.</summary>
    /// <param name="initialRate">The rate of step 0; positive and finite.</param>
    /// <param name="decayRate">How much the divisor grows every <paramref name="decaySteps"/> steps; zero or positive and finite.</param>
    /// <param name="decaySteps">The steps over which the divisor grows by <paramref name="decayRate"/>; at least 1.</param>
    /// <param name="staircase">Whether the rate changes only every <paramref name="decaySteps"/> steps.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated for it.</exception>
    public InverseTimeDecaySchedule(float initialRate, float decayRate, int decaySteps, bool staircase = false)
    {
        ThrowIfNotPositiveFinite(initialRate, nameof(initialRate));
        ThrowIfNegativeOrNotFinite(decayRate, nameof(decayRate));
        ThrowIfLessThanOne(decaySteps, nameof(decaySteps));
        this.initialRate = initialRate;
        this.decayRate = decayRate;
        this.decaySteps = decaySteps;
        this.staircase = staircase;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        double progress = staircase ? step / decaySteps : (double)step / decaySteps;
        return (float)(initialRate / (1 + decayRate * progress));
    }
}
