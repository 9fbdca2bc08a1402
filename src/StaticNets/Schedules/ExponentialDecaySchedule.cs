using System;

namespace StaticNets.Schedules;

/// <summary>
/// A rate multiplied by <c>gamma</c> every step: <c>rate(step) = initialRate·gamma^step</c>.
/// Equals PyTorch's <c>ExponentialLR(optimizer, gamma=gamma)</c> with <c>lr=initialRate</c>.
/// </summary>
public sealed class ExponentialDecaySchedule : LearningRateSchedule
{
    private readonly double initialRate;
    private readonly double gamma;

    /// <summary>Creates an exponential-decay schedule.</summary>
    /// <param name="initialRate">The rate of step 0; positive and finite.</param>
    /// <param name="gamma">The factor applied every step; positive and finite (below 1 decays).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated for it.</exception>
    public ExponentialDecaySchedule(float initialRate, float gamma)
    {
        ThrowIfNotPositiveFinite(initialRate, nameof(initialRate));
        ThrowIfNotPositiveFinite(gamma, nameof(gamma));
        this.initialRate = initialRate;
        this.gamma = gamma;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        return (float)(initialRate * Math.Pow(gamma, step));
    }
}
