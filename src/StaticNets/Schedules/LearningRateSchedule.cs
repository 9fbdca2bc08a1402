using System;

namespace StaticNets.Schedules;

/// <summary>
/// A learning rate as a function of the optimiser step, counted from 0: <c>rate = At(step)</c>.
/// </summary>
/// <remarks>
/// A schedule holds no state, so one instance can serve a trainer and a hand-written loop alike:
/// <code>
/// for (int step = 0; step &lt; steps; step++)
/// {
///     net.LearningRate = schedule.At(step);
///     // forward, backward, step
/// }
/// </code>
/// Rates are computed in double and rounded to float once.
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>Returns the learning rate for the step numbered <paramref name="step"/>, counted from 0.</summary>
    /// <param name="step">The optimiser step, 0 for the first.</param>
    /// <returns>The learning rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public abstract float At(int step);

    /// <summary>Throws unless <paramref name="value"/> is positive and finite.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, infinite or NaN.</exception>
    private protected static void ThrowIfNotPositiveFinite(float value, string paramName)
    {
        if (!(value > 0) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be positive and finite, but it is {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is zero or positive and finite.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    private protected static void ThrowIfNegativeOrNotFinite(float value, string paramName)
    {
        if (!(value >= 0) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be zero or positive and finite, but it is {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    private protected static void ThrowIfLessThanOne(int value, string paramName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1, but it is {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="step"/> is zero or positive.</summary>
    /// <param name="step">The step passed to <see cref="At"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative.</exception>
    private protected static void ThrowIfNegativeStep(int step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Steps are counted from 0, but step is {step}.");
        }
    }
}
