using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="SigmoidOperator"/>: <c>1 / (1 + e⁻ᶻ)</c>.</summary>
public readonly struct SigmoidActivation : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => SigmoidOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => SigmoidOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => SigmoidOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => SigmoidOperator.Forward(z);
}
