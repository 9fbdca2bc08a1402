using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Exponential linear unit: <c>a = z &gt; 0 ? z : alpha·(exp(z) - 1)</c> and <c>da/dz = z &gt; 0 ? 1 : a + alpha</c>,
/// with <c>alpha</c> passed in or <see cref="Alpha"/>.
/// </summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane. The overloads without <c>alpha</c> use <see cref="Alpha"/>.
/// </remarks>
public static class EluOperator
{
    /// <summary>The scale of the negative branch: PyTorch's default <c>alpha</c> for <c>nn.ELU</c>.</summary>
    public const float Alpha = 1f;

    /// <summary>Forward: <c>z &gt; 0 ? z : Alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z) => Forward(z, Alpha);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : Alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => Forward(z, Alpha);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : Alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => Forward(z, Alpha);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : Alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => Forward(z, Alpha);

    /// <summary>Derivative: <c>z &gt; 0 ? 1 : a + Alpha</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a) => Derivative(z, a, Alpha);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : a + Alpha</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a) => Derivative(z, a, Alpha);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : a + Alpha</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a) => Derivative(z, a, Alpha);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : a + Alpha</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a) => Derivative(z, a, Alpha);

    /// <summary>Forward: <c>z &gt; 0 ? z : alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z, float alpha) => z > 0f ? z : alpha * ExpOperator.ExpM1(z);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z, float alpha) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, ExpOperator.ExpM1(Vector128.Min(z, Vector128<float>.Zero)) * alpha);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z, float alpha) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, ExpOperator.ExpM1(Vector256.Min(z, Vector256<float>.Zero)) * alpha);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : alpha·(exp(z) - 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z, float alpha) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, ExpOperator.ExpM1(Vector512.Min(z, Vector512<float>.Zero)) * alpha);

    /// <summary>Derivative: <c>z &gt; 0 ? 1 : a + alpha</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z, alpha)</c>.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a, float alpha) => z > 0f ? 1f : a + alpha;

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : a + alpha</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z, alpha)</c>.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a, float alpha) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, a + Vector128.Create(alpha));

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : a + alpha</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z, alpha)</c>.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a, float alpha) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, a + Vector256.Create(alpha));

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : a + alpha</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z, alpha)</c>.</param>
    /// <param name="alpha">The scale of the negative branch, PyTorch's <c>alpha</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a, float alpha) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, a + Vector512.Create(alpha));
}
