using System;

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
        float max = float.NegativeInfinity;
        for (int k = 0; k < z.Length; k++)
        {
            max = MathF.Max(max, z[k]);
        }

        float sum = 0f;
        for (int k = 0; k < z.Length; k++)
        {
            float e = ExpOperator.Exp(z[k] - max);
            a[k] = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int k = 0; k < a.Length; k++)
        {
            a[k] *= inverse;
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
