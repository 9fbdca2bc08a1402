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

    /// <summary>Mean absolute error (L1), as PyTorch's <c>L1Loss()</c>: <c>L = Σ |a - y| / (batch · outputs)</c>.</summary>
    MeanAbsoluteError = 2,

    /// <summary>
    /// Huber loss, as PyTorch's <c>HuberLoss(delta)</c>: per element <c>0.5·r²</c> when <c>|r| &lt; delta</c>, else
    /// <c>delta·(|r| - 0.5·delta)</c>, with <c>r = a - y</c>; the mean over batch and outputs.
    /// <see cref="NetworkAttribute.HuberDelta"/> sets delta (default 1).
    /// </summary>
    Huber = 3,

    /// <summary>
    /// Binary cross-entropy of a sigmoid output, fused with the sigmoid and computed from the logits, as PyTorch's
    /// <c>BCEWithLogitsLoss()</c>: per element <c>max(z, 0) - z·y + log(1 + exp(-|z|))</c>; the mean over batch and
    /// outputs. Requires an <see cref="Activation.Sigmoid"/> output layer; targets in [0, 1].
    /// </summary>
    BinaryCrossEntropy = 4,

    /// <summary>
    /// Hinge loss on raw scores: per element <c>max(0, 1 - y·f)</c> with labels <c>y</c> in {-1, +1}; the mean over
    /// batch and outputs. Requires a <see cref="Activation.Linear"/> output layer.
    /// </summary>
    Hinge = 5,

    /// <summary>
    /// Logistic loss on raw scores, as PyTorch's <c>SoftMarginLoss()</c>: per element <c>log(1 + exp(-y·f))</c> with
    /// labels <c>y</c> in {-1, +1}; the mean over batch and outputs. Requires a <see cref="Activation.Linear"/> output layer.
    /// </summary>
    Logistic = 6,
}
