using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// The elastic-net penalty on one layer's weights: <c>penalty = L1·Σ|w| + L2·Σw²</c>, whose gradient
/// <c>L1·sign(w) + 2·L2·w</c> (with <c>sign(0) = 0</c>, as PyTorch) is added to the weight gradients.
/// L1 alone is the lasso, L2 alone ridge (weight decay reported in the loss).
/// </summary>
public static class RegularizationOperator
{
    /// <summary>Adds the penalty's gradient to <paramref name="gradients"/> and returns the penalty.</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="gradients">The layer's weight gradients; same length.</param>
    /// <param name="l1">The L1 factor, zero or more.</param>
    /// <param name="l2">The L2 factor, zero or more.</param>
    /// <returns><c>L1·Σ|w| + L2·Σw²</c>.</returns>
    public static float Apply(ReadOnlySpan<float> weights, Span<float> gradients, float l1, float l2)
    {
        if (gradients.Length != weights.Length)
        {
            NetworkGuard.ThrowLength(gradients.Length, weights.Length, nameof(gradients));
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        float twiceL2 = 2f * l2;
        float absoluteSum = 0f;
        float squareSum = 0f;
        int k = 0;
        if (Vector256.IsHardwareAccelerated && weights.Length >= Vector256<float>.Count)
        {
            var absolute = Vector256<float>.Zero;
            var square = Vector256<float>.Zero;
            for (; k <= weights.Length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var wv = Vector256.LoadUnsafe(ref w, (nuint)k);
                var sign = Vector256.ConditionalSelect(Vector256.GreaterThan(wv, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero)
                    - Vector256.ConditionalSelect(Vector256.LessThan(wv, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
                var gv = Vector256.LoadUnsafe(ref g, (nuint)k);
                Vector256.StoreUnsafe(gv + sign * l1 + wv * twiceL2, ref g, (nuint)k);
                absolute += Vector256.Abs(wv);
                square = Vector256.FusedMultiplyAdd(wv, wv, square);
            }

            absoluteSum = Vector256.Sum(absolute);
            squareSum = Vector256.Sum(square);
        }

        for (; k < weights.Length; k++)
        {
            float wk = weights[k];
            float sign = wk > 0f ? 1f : wk < 0f ? -1f : 0f;
            gradients[k] += sign * l1 + wk * twiceL2;
            absoluteSum += MathF.Abs(wk);
            squareSum += wk * wk;
        }

        return l1 * absoluteSum + l2 * squareSum;
    }
}
