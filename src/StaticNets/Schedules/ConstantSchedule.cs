using System;

namespace StaticNets.Schedules;

/// <summary>
/// The same rate at every step: <c>rate(step) = rate</c>. Equals PyTorch's optimiser without a scheduler
/// (and Keras' plain float learning rate).
/// </summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    private readonly float rate;

    /// <summary>Creates a schedule that always returns <paramref name="rate"/>.</summary>
    /// <param name="rate">The learning rate; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public ConstantSchedule(float rate)
    {
        ThrowIfNotPositiveFinite(rate, nameof(rate));
        this.rate = rate;
    }

    /// <inheritdoc/>
    public override float At(int step)
    {
        ThrowIfNegativeStep(step);
        return rate;
    }
}
