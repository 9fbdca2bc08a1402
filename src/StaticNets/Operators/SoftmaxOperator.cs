using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Softmax over one sample's outputs: <c>a_k = exp(z_k - max z) / Σ_j exp(z_j - max z)</c>. Subtracting the maximum
/// keeps every exponent at or below zero, so large logits cannot overflow.
/// </summary>
public static class SoftmaxOperator
{
    /// <summary>Writes <c>softmax(z)</c> to <paramref name="a"/>. <paramref name="a"/> may be the same memory as <paramref name="z"/>.</summary>
    /// <param name="z">The logits of one sample.</param>
    /// <param name="a">Receives the probabilities; same length as <paramref name="z"/>.</param>
    public static void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        if (a.Length != z.Length)
        {
            throw new ArgumentException($"Expected {z.Length} outputs, got {a.Length}.", nameof(a));
        }

        // Plain comparisons rather than MathF.Max: a NaN logit makes every output NaN through the exponentials anyway.
        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float ar = ref MemoryMarshal.GetReference(a);
        float max = float.NegativeInfinity;
        for (int k = 0; k < z.Length; k++)
        {
            float v = Unsafe.Add(ref zr, k);
            max = v > max ? v : max;
        }

        float sum = 0f;
        for (int k = 0; k < z.Length; k++)
        {
            float e = ExpOperator.Exp(Unsafe.Add(ref zr, k) - max);
            Unsafe.Add(ref ar, k) = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int k = 0; k < z.Length; k++)
        {
            Unsafe.Add(ref ar, k) *= inverse;
        }
    }

    /// <summary>
    /// Softmax across the lanes of one vector of logits, for layers whose outputs fit one register. Only the lanes set
    /// in <paramref name="used"/> (all bits set) take part; the others come out 0.
    /// </summary>
    /// <remarks>
    /// The same steps as <see cref="Forward(ReadOnlySpan{float}, Span{float})"/> (largest logit, exponentials of the
    /// differences, one reciprocal of their sum), with the maximum and the sum taken across lanes; only the order of the
    /// sum's additions differs. Unused lanes are exponentiated at 0 and then cleared rather than sent to <c>-∞</c>: the
    /// exponential of a very negative number passes through subnormal floats, which this CPU family handles slowly.
    /// </remarks>
    /// <param name="z">The logits; unused lanes may hold anything.</param>
    /// <param name="used">All bits set in the lanes that are outputs, 0 elsewhere.</param>
    /// <returns>The probabilities, 0 in unused lanes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z, Vector128<float> used)
    {
        Vector128<float> max = Vector128.Create(Max(Vector128.ConditionalSelect(used, z, Vector128.Create(float.NegativeInfinity))));
        Vector128<float> e = ExpOperator.Exp((z - max) & used) & used;
        return e * (1f / Vector128.Sum(e));
    }

    /// <inheritdoc cref="Forward(Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z, Vector256<float> used)
    {
        Vector256<float> masked = Vector256.ConditionalSelect(used, z, Vector256.Create(float.NegativeInfinity));
        Vector256<float> max = Vector256.Create(Max(Vector128.MaxNative(masked.GetLower(), masked.GetUpper())));
        Vector256<float> e = ExpOperator.Exp((z - max) & used) & used;
        return e * (1f / Vector256.Sum(e));
    }

    /// <inheritdoc cref="Forward(Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z, Vector512<float> used)
    {
        Vector512<float> masked = Vector512.ConditionalSelect(used, z, Vector512.Create(float.NegativeInfinity));
        Vector256<float> half = Vector256.MaxNative(masked.GetLower(), masked.GetUpper());
        Vector512<float> max = Vector512.Create(Max(Vector128.MaxNative(half.GetLower(), half.GetUpper())));
        Vector512<float> e = ExpOperator.Exp((z - max) & used) & used;
        return e * (1f / Vector512.Sum(e));
    }

    // The largest lane, by two swaps of halves. A NaN logit makes every output NaN through its exponential anyway.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max(Vector128<float> v)
    {
        v = Vector128.MaxNative(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        v = Vector128.MaxNative(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2)));
        return v.ToScalar();
    }

    /// <summary>Returns <c>log Σ_k exp(z_k)</c>, computed as <c>max z + log Σ_k exp(z_k - max z)</c>.</summary>
    /// <param name="z">The logits of one sample.</param>
    /// <returns>The log-sum-exp of <paramref name="z"/>.</returns>
    public static float LogSumExp(ReadOnlySpan<float> z)
    {
        float max = float.NegativeInfinity;
        for (int k = 0; k < z.Length; k++)
        {
            max = MathF.Max(max, z[k]);
        }

        float sum = 0f;
        for (int k = 0; k < z.Length; k++)
        {
            sum += ExpOperator.Exp(z[k] - max);
        }

        return max + MathF.Log(sum);
    }
}
