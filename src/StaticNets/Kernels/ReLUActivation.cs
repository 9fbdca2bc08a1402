using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="ReLUOperator"/>: <c>max(z, 0)</c>.</summary>
public readonly struct ReLUActivation : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => ReLUOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => ReLUOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => ReLUOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => ReLUOperator.Forward(z);
}
