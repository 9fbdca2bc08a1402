using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Sigmoid linear unit (SiLU, Swish), as PyTorch's <c>nn.SiLU</c>: <c>a = z·s</c> and <c>da/dz = s·(1 + z·(1 - s))</c>,
/// with <c>s = sigmoid(z)</c>. Both <c>s</c> and <c>1 - s</c> are taken from <c>e = exp(-|z|)</c> (the larger is
/// <c>1 / (1 + e)</c>, the smaller <c>e / (1 + e)</c>), so nothing overflows, each keeps its relative precision, and
/// large |z| give <c>a = 0</c> or <c>a = z</c> and a derivative of 0 or 1.
/// </summary>
/// <remarks>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane.
/// </remarks>
public static class SiluOperator
{
    /// <summary>Forward: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z) => z * Sigmoid(z).S;

    /// <summary>Forward, lane by lane: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => z * Sigmoid(z).S;

    /// <summary>Forward, lane by lane: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => z * Sigmoid(z).S;

    /// <summary>Forward, lane by lane: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => z * Sigmoid(z).S;

    /// <summary>Derivative: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a)
    {
        (float s, float complement) = Sigmoid(z);
        return s * (1f + z * complement);
    }

    /// <summary>Derivative, lane by lane: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a)
    {
        (Vector128<float> s, Vector128<float> complement) = Sigmoid(z);
        return s * (Vector128<float>.One + z * complement);
    }

    /// <summary>Derivative, lane by lane: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a)
    {
        (Vector256<float> s, Vector256<float> complement) = Sigmoid(z);
        return s * (Vector256<float>.One + z * complement);
    }

    /// <summary>Derivative, lane by lane: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a)
    {
        (Vector512<float> s, Vector512<float> complement) = Sigmoid(z);
        return s * (Vector512<float>.One + z * complement);
    }

    /// <summary><c>s = sigmoid(z)</c> and <c>1 - s</c>: with <c>e = exp(-|z|)</c>, the larger is <c>1 / (1 + e)</c>, the smaller <c>e / (1 + e)</c>.</summary>
    private static (float S, float Complement) Sigmoid(float z)
    {
        float e = ExpOperator.Exp(-MathF.Abs(z));
        float larger = 1f / (1f + e);
        float smaller = e * larger;
        return z >= 0f ? (larger, smaller) : (smaller, larger);
    }

    private static (Vector128<float> S, Vector128<float> Complement) Sigmoid(Vector128<float> z)
    {
        Vector128<float> e = ExpOperator.Exp(-Vector128.Abs(z));
        Vector128<float> larger = Vector128<float>.One / (Vector128<float>.One + e);
        Vector128<float> smaller = e * larger;
        Vector128<float> positive = Vector128.GreaterThanOrEqual(z, Vector128<float>.Zero);
        return (Vector128.ConditionalSelect(positive, larger, smaller), Vector128.ConditionalSelect(positive, smaller, larger));
    }

    private static (Vector256<float> S, Vector256<float> Complement) Sigmoid(Vector256<float> z)
    {
        Vector256<float> e = ExpOperator.Exp(-Vector256.Abs(z));
        Vector256<float> larger = Vector256<float>.One / (Vector256<float>.One + e);
        Vector256<float> smaller = e * larger;
        Vector256<float> positive = Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero);
        return (Vector256.ConditionalSelect(positive, larger, smaller), Vector256.ConditionalSelect(positive, smaller, larger));
    }

    private static (Vector512<float> S, Vector512<float> Complement) Sigmoid(Vector512<float> z)
    {
        Vector512<float> e = ExpOperator.Exp(-Vector512.Abs(z));
        Vector512<float> larger = Vector512<float>.One / (Vector512<float>.One + e);
        Vector512<float> smaller = e * larger;
        Vector512<float> positive = Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero);
        return (Vector512.ConditionalSelect(positive, larger, smaller), Vector512.ConditionalSelect(positive, smaller, larger));
    }
}
