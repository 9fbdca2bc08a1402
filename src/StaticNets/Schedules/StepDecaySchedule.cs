using System;

namespace StaticNets.Schedules;

/// <summary>
/// A rate multiplied by <c>gamma</c> every <c>stepSize</c> steps: <c>rate(step) = initialRate·gamma^floor(step / stepSize)</c>.
/// Equals PyTorch's <c>StepLR(optimizer, step_size=stepSize, gamma=gamma)</c> with <c>lr=initialRate</c>.
/// </summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    private readonly double initialRate;
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>Creates a step-decay schedule.</summary>
    /// <param name="initialRate">The rate of steps 0 to <c>stepSize - 1</c>; positive and finite.</param>
    /// <param name="stepSize">How many steps each rate lasts; at least 1.</param>
    /// <param name="gamma">The factor applied every <paramref name="stepSize"/> steps; positive and finite (below 1 decays).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated for it.</exception>
    public StepDecaySchedule(float initialRate, int stepSize, float gamma)
    {
        ThrowIfNotPositiveFinite(initialRate, nameof(initialRate));
        ThrowIfLessThanOne(stepSize, nameof(stepSize));
        ThrowIfNotPositiveFinite(gamma, nameof(gamma));
        this.initialRate = initialRate;
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        return (float)(initialRate * Math.Pow(gamma, step / stepSize));
    }
}
