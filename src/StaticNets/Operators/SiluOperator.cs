using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Sigmoid linear unit (SiLU, Swish), as PyTorch's <c>nn.SiLU</c>: <c>a = z·s</c> and <c>da/dz = s·(1 + z·(1 - s))</c>,
/// with <c>s = sigmoid(z) = 1 / (1 + exp(-z))</c>. <c>s</c> saturates to exactly 0 or 1 without overflow, so large |z|
/// give <c>a = 0</c> or <c>a = z</c> and a derivative of 0 or 1.
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
    public static float Forward(float z) => z * SigmoidOperator.Forward(z);

    /// <summary>Forward, lane by lane: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z) => z * SigmoidOperator.Forward(z);

    /// <summary>Forward, lane by lane: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z) => z * SigmoidOperator.Forward(z);

    /// <summary>Forward, lane by lane: <c>z·sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z) => z * SigmoidOperator.Forward(z);

    /// <summary>Derivative: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a)
    {
        float s = SigmoidOperator.Forward(z);
        return s * (1f + z * (1f - s));
    }

    /// <summary>Derivative, lane by lane: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a)
    {
        Vector128<float> s = SigmoidOperator.Forward(z);
        return s * (Vector128<float>.One + z * (Vector128<float>.One - s));
    }

    /// <summary>Derivative, lane by lane: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a)
    {
        Vector256<float> s = SigmoidOperator.Forward(z);
        return s * (Vector256<float>.One + z * (Vector256<float>.One - s));
    }

    /// <summary>Derivative, lane by lane: <c>s·(1 + z·(1 - s))</c> with <c>s = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a)
    {
        Vector512<float> s = SigmoidOperator.Forward(z);
        return s * (Vector512<float>.One + z * (Vector512<float>.One - s));
    }
}
