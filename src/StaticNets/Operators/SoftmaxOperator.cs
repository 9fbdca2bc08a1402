using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
