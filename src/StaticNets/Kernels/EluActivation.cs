using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="EluOperator"/> with its alpha: <c>z</c> above 0, <c>α(eᶻ − 1)</c> below.</summary>
/// <param name="alpha">The scale of the negative part.</param>
public readonly struct EluActivation(float alpha) : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => EluOperator.Forward(z, alpha);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => EluOperator.Forward(z, alpha);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => EluOperator.Forward(z, alpha);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => EluOperator.Forward(z, alpha);
}
