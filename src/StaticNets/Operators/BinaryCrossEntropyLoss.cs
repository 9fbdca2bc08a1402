using System;

namespace StaticNets.Operators;

/// <summary>
/// Binary cross-entropy of a sigmoid output, fused with the sigmoid and computed from the logits, the building block
/// of <see cref="Loss.BinaryCrossEntropy"/>, as PyTorch's <c>BCEWithLogitsLoss</c>. For one sample with logits
/// <c>z</c> and targets <c>y</c> in [0, 1]: <c>loss = Σ_k max(z_k, 0) - z_k·y_k + log(1 + exp(-|z_k|))</c>, which equals
/// <c>-y·log(sigmoid(z)) - (1 - y)·log(1 - sigmoid(z))</c>, and <c>dloss/dz_k = sigmoid(z_k) - y_k</c>.
/// No exponent is positive and no probability is logged, so saturated logits (|z| = 1000) give finite losses and
/// gradients. The network divides by <c>batch · outputs</c>, as <c>BCEWithLogitsLoss(reduction="mean")</c> does.
/// </summary>
public static class BinaryCrossEntropyLoss
{
    /// <summary>Returns one sample's loss and writes <c>scale · dloss/dz</c> to <paramref name="dz"/>.</summary>
    /// <param name="z">The logits (the output layer's pre-activations).</param>
    /// <param name="y">The target row, each value in [0, 1].</param>
    /// <param name="dz">Receives the scaled gradient with respect to the logits.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / (batch · outputs)</c> for the mean.</param>
    /// <returns>The unscaled loss of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> z, ReadOnlySpan<float> y, Span<float> dz, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < z.Length; k++)
        {
            sum += MathF.Max(z[k], 0f) - z[k] * y[k] + MathF.Log(1f + ExpOperator.Exp(-MathF.Abs(z[k])));
            dz[k] = (SigmoidOperator.Forward(z[k]) - y[k]) * scale;
        }

        return sum;
    }
}
