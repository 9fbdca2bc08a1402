using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Hyperbolic tangent, computed as <c>sign(z)·(-m) / (m + 2)</c> with <c>m = expm1(-2|z|)</c>
/// (<see cref="ExpOperator.ExpM1(float)"/>), which cannot overflow and does not cancel for small <c>|z|</c>.
/// </summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane.
/// </remarks>
public static class TanhOperator
{
    /// <summary>Forward: <c>tanh(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z)
    {
        float m = ExpOperator.ExpM1(-2f * MathF.Abs(z));
        return MathF.CopySign(-m / (m + 2f), z);
    }

    /// <summary>Forward, lane by lane: <c>tanh(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => Tanh(z);

    /// <summary>Forward, lane by lane: <c>tanh(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => Tanh(z);

    /// <summary>Forward, lane by lane: <c>tanh(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => Tanh(z);

    /// <summary>Derivative: <c>1 - a²</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a) => 1f - a * a;

    /// <summary>Derivative, lane by lane: <c>1 - a²</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a) => Vector128<float>.One - a * a;

    /// <summary>Derivative, lane by lane: <c>1 - a²</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a) => Vector256<float>.One - a * a;

    /// <summary>Derivative, lane by lane: <c>1 - a²</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a) => Vector512<float>.One - a * a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Tanh(Vector128<float> z)
    {
        Vector128<float> m = ExpOperator.ExpM1(Vector128.Abs(z) * -2f);
        return Vector128.CopySign(-m / (m + Vector128.Create(2f)), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tanh(Vector256<float> z)
    {
        Vector256<float> m = ExpOperator.ExpM1(Vector256.Abs(z) * -2f);
        return Vector256.CopySign(-m / (m + Vector256.Create(2f)), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Tanh(Vector512<float> z)
    {
        Vector512<float> m = ExpOperator.ExpM1(Vector512.Abs(z) * -2f);
        return Vector512.CopySign(-m / (m + Vector512.Create(2f)), z);
    }
}
