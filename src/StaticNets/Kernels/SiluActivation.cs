using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary><see cref="SiluOperator"/>: <c>z · σ(z)</c>.</summary>
public readonly struct SiluActivation : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Forward(float z) => SiluOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Forward(Vector128<float> z) => SiluOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Forward(Vector256<float> z) => SiluOperator.Forward(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Forward(Vector512<float> z) => SiluOperator.Forward(z);
}
