using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="TanhOperator"/>.</summary>
public readonly struct TanhActivation : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => TanhOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => TanhOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => TanhOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => TanhOperator.Forward(z);
}
