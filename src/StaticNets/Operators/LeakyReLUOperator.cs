using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Leaky ReLU: <c>a = z &gt; 0 ? z : negativeSlope·z</c> and <c>da/dz = z &gt; 0 ? 1 : negativeSlope</c>,
/// with <c>negativeSlope</c> passed in or <see cref="Slope"/>.
/// </summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane. The overloads without <c>negativeSlope</c> use <see cref="Slope"/>.
/// </remarks>
public static class LeakyReLUOperator
{
    /// <summary>The slope for negative inputs: PyTorch's default <c>negative_slope</c> for <c>nn.LeakyReLU</c>.</summary>
    public const float Slope = 0.01f;

    /// <summary>Forward: <c>z &gt; 0 ? z : Slope·z</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z) => Forward(z, Slope);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : Slope·z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => Forward(z, Slope);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : Slope·z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => Forward(z, Slope);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : Slope·z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => Forward(z, Slope);

    /// <summary>Derivative: <c>z &gt; 0 ? 1 : Slope</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a) => Derivative(z, a, Slope);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : Slope</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a) => Derivative(z, a, Slope);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : Slope</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a) => Derivative(z, a, Slope);

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : Slope</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a) => Derivative(z, a, Slope);

    /// <summary>Forward: <c>z &gt; 0 ? z : negativeSlope·z</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z, float negativeSlope) => z > 0f ? z : negativeSlope * z;

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : negativeSlope·z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z, float negativeSlope) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * negativeSlope);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : negativeSlope·z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z, float negativeSlope) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * negativeSlope);

    /// <summary>Forward, lane by lane: <c>z &gt; 0 ? z : negativeSlope·z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z, float negativeSlope) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * negativeSlope);

    /// <summary>Derivative: <c>z &gt; 0 ? 1 : negativeSlope</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z, negativeSlope)</c>.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a, float negativeSlope) => z > 0f ? 1f : negativeSlope;

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : negativeSlope</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z, negativeSlope)</c>.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a, float negativeSlope) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, Vector128.Create(negativeSlope));

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : negativeSlope</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z, negativeSlope)</c>.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a, float negativeSlope) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(negativeSlope));

    /// <summary>Derivative, lane by lane: <c>z &gt; 0 ? 1 : negativeSlope</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z, negativeSlope)</c>.</param>
    /// <param name="negativeSlope">The slope for negative inputs, PyTorch's <c>negative_slope</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a, float negativeSlope) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, Vector512.Create(negativeSlope));
}
