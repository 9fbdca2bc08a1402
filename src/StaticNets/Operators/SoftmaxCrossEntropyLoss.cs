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
        for (int k = 0; k < z.Length; k++)
        {
            targetSum += y[k];
            targetDotLogits += y[k] * z[k];
        }

        for (int k = 0; k < z.Length; k++)
        {
            dz[k] = (p[k] * targetSum - y[k]) * scale;
        }

        return SoftmaxOperator.LogSumExp(z) * targetSum - targetDotLogits;
    }
}
