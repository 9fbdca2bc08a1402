using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="LeakyReLUOperator"/> with its negative slope: <c>z</c> above 0, <c>slope · z</c> below.</summary>
/// <param name="negativeSlope">The slope below 0.</param>
public readonly struct LeakyReLUActivation(float negativeSlope) : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => LeakyReLUOperator.Forward(z, negativeSlope);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => LeakyReLUOperator.Forward(z, negativeSlope);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => LeakyReLUOperator.Forward(z, negativeSlope);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => LeakyReLUOperator.Forward(z, negativeSlope);
}
