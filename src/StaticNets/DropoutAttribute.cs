using System;

namespace StaticNets;

/// <summary>
/// Declares an inverted-dropout layer: while training, each value is zeroed with probability <c>rate</c> and the
/// survivors are scaled by <c>1 / (1 - rate)</c>, so inference (<c>Predict</c>) is the identity. Masks come from the
/// network's seeded random source. It cannot be the last layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares dropout with probability <paramref name="rate"/>.</summary>
    /// <param name="rate">The probability of zeroing a value, in [0, 1).</param>
    public DropoutAttribute(float rate) => Rate = rate;

    /// <summary>The probability of zeroing a value.</summary>
    public float Rate { get; }
}
