using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>Softplus: <c>a = log(1 + exp(z))</c>, computed as <c>max(z, 0) + log(1 + exp(-|z|))</c> so that large |z| cannot overflow.</summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane.
/// </remarks>
public static class SoftplusOperator
{
    /// <summary>Forward: <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z) => MathF.Max(z, 0f) + MathF.Log(1f + ExpOperator.Exp(-MathF.Abs(z)));

    /// <summary>Forward, lane by lane: <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => Vector128.Max(z, Vector128<float>.Zero) + Vector128.Log(Vector128<float>.One + ExpOperator.Exp(-Vector128.Abs(z)));

    /// <summary>Forward, lane by lane: <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => Vector256.Max(z, Vector256<float>.Zero) + Vector256.Log(Vector256<float>.One + ExpOperator.Exp(-Vector256.Abs(z)));

    /// <summary>Forward, lane by lane: <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => Vector512.Max(z, Vector512<float>.Zero) + Vector512.Log(Vector512<float>.One + ExpOperator.Exp(-Vector512.Abs(z)));

    /// <summary>Derivative: <c>sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a) => SigmoidOperator.Forward(z);

    /// <summary>Derivative, lane by lane: <c>sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a) => SigmoidOperator.Forward(z);

    /// <summary>Derivative, lane by lane: <c>sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a) => SigmoidOperator.Forward(z);

    /// <summary>Derivative, lane by lane: <c>sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a) => SigmoidOperator.Forward(z);
}
