using System;

namespace StaticNets.Operators;

/// <summary>
/// Cross-entropy of a softmax output, fused with the softmax and computed from the logits. For one sample with logits
/// <c>z</c>, probabilities <c>p = softmax(z)</c> and target row <c>y</c>:
/// <c>loss = logsumexp(z)·Σ_k y_k - Σ_k y_k·z_k</c> and <c>dloss/dz_k = p_k·Σ_j y_j - y_k</c>
/// (for a one-hot or probability row, <c>Σ y = 1</c> and this is the familiar <c>p - y</c>).
/// Neither formula takes the log of a probability, so saturated outputs give finite losses and gradients.
/// </summary>
public static class SoftmaxCrossEntropyLoss
{
    /// <summary>Returns one sample's loss and writes <c>scale · dloss/dz</c> to <paramref name="dz"/>.</summary>
    /// <remarks>
    /// The log-sum-exp is not recomputed: the forward softmax already normalised the exponentials, and for the largest
    /// logit <c>z_m</c>, <c>log p_m = z_m - logsumexp(z)</c>, so <c>logsumexp(z) = z_m - log p_m</c>. Since
    /// <c>p_m ≥ 1 / z.Length</c> it never underflows, and this costs one logarithm instead of an exponential per output.
    /// </remarks>
    /// <param name="z">The logits.</param>
    /// <param name="p">The probabilities, <c>softmax(z)</c>.</param>
    /// <param name="y">The target row.</param>
    /// <param name="dz">Receives the scaled gradient with respect to the logits.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / batch</c> for a mean over the batch.</param>
    /// <returns>The unscaled loss of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> z, ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> dz, float scale)
    {
        float targetSum = 0f;
        float targetDotLogits = 0f;
        int largest = 0;
        for (int k = 0; k < z.Length; k++)
        {
            targetSum += y[k];
            targetDotLogits += y[k] * z[k];
            largest = z[k] > z[largest] ? k : largest;
        }

        for (int k = 0; k < z.Length; k++)
        {
            dz[k] = (p[k] * targetSum - y[k]) * scale;
        }

        float logSumExp = z[largest] - MathF.Log(p[largest]);
        return logSumExp * targetSum - targetDotLogits;
    }
}
