using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>Logistic sigmoid: <c>a = 1 / (1 + exp(-z))</c>; saturates to exactly 0 or 1 for large |z| without overflow.</summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane.
/// </remarks>
public static class SigmoidOperator
{
    /// <summary>Forward: <c>1 / (1 + exp(-z))</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z) => 1f / (1f + ExpOperator.Exp(-z));

    /// <summary>Forward, lane by lane: <c>1 / (1 + exp(-z))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => Vector128<float>.One / (Vector128<float>.One + ExpOperator.Exp(-z));

    /// <summary>Forward, lane by lane: <c>1 / (1 + exp(-z))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => Vector256<float>.One / (Vector256<float>.One + ExpOperator.Exp(-z));

    /// <summary>Forward, lane by lane: <c>1 / (1 + exp(-z))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => Vector512<float>.One / (Vector512<float>.One + ExpOperator.Exp(-z));

    /// <summary>Derivative: <c>a·(1 - a)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a) => a * (1f - a);

    /// <summary>Derivative, lane by lane: <c>a·(1 - a)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a) => a * (Vector128<float>.One - a);

    /// <summary>Derivative, lane by lane: <c>a·(1 - a)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a) => a * (Vector256<float>.One - a);

    /// <summary>Derivative, lane by lane: <c>a·(1 - a)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a) => a * (Vector512<float>.One - a);
}
