namespace StaticNets;

/// <summary>The optimizer whose update the generated <c>Step</c> applies.</summary>
/// <remarks>The numeric values are part of the model-file fingerprint; never renumber them.</remarks>
public enum Optimizer
{
    /// <summary>Plain stochastic gradient descent, as <c>torch.optim.SGD</c> without momentum: <c>θ ← θ - lr · g</c>.</summary>
    Sgd = 0,
}
