using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>Rectified linear unit: <c>a = max(z, 0)</c>; <c>da/dz = z &gt; 0 ? 1 : 0</c> (0 at z = 0, as PyTorch).</summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane.
/// </remarks>
public static class ReLUOperator
{
    /// <summary>Forward: <c>max(z, 0)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z) => MathF.Max(z, 0f);

    /// <summary>Forward, lane by lane: <c>max(z, 0)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => Vector128.Max(z, Vector128<float>.Zero);

    /// <summary>Forward, lane by lane: <c>max(z, 0)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => Vector256.Max(z, Vector256<float>.Zero);

    /// <summary>Forward, lane by lane: <c>max(z, 0)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => Vector512.Max(z, Vector512<float>.Zero);

    /// <summary>Derivative: <c>z &gt; 0 ? 1 : 0</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a) => z > 0f ? 1f : 0f;

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : 0</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, Vector128<float>.Zero);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : 0</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : 0</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
}
