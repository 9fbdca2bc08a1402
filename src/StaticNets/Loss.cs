namespace StaticNets;

/// <summary>The loss a network is trained against. Every loss is the mean over the batch.</summary>
/// <remarks>The numeric values are part of the model-file fingerprint; never renumber them.</remarks>
public enum Loss
{
    /// <summary>
    /// Mean squared error, as PyTorch's <c>MSELoss(reduction="mean")</c>:
    /// <c>L = Σ (a - y)² / (batch · outputs)</c>.
    /// </summary>
    MeanSquaredError = 0,

    /// <summary>
    /// Cross-entropy of a softmax output, fused with the softmax and computed from the logits <c>z</c>:
    /// <c>L = Σ_b (logsumexp(z_b) · Σ_k y_bk - Σ_k y_bk · z_bk) / batch</c>.
    /// Targets are one-hot rows or probability rows. Requires an <see cref="Activation.Softmax"/> output layer.
    /// </summary>
    SoftmaxCrossEntropy = 1,
}
