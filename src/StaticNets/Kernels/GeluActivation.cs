using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="GeluOperator"/>.</summary>
public readonly struct GeluActivation : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => GeluOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => GeluOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => GeluOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => GeluOperator.Forward(z);
}
