namespace StaticNets;

/// <summary>The activation a <see cref="DenseAttribute"/> layer applies to its pre-activation <c>z</c>.</summary>
/// <remarks>The numeric values are part of the model-file fingerprint; never renumber them.</remarks>
public enum Activation
{
    /// <summary>Identity: <c>a = z</c>.</summary>
    Linear = 0,

    /// <summary>Logistic sigmoid: <c>a = 1 / (1 + exp(-z))</c>.</summary>
    Sigmoid = 1,

    /// <summary>Hyperbolic tangent: <c>a = tanh(z)</c>.</summary>
    Tanh = 2,

    /// <summary>Rectified linear unit: <c>a = max(z, 0)</c>.</summary>
    ReLU = 3,

    /// <summary>Leaky ReLU with PyTorch's default slope 0.01: <c>a = z &gt; 0 ? z : 0.01·z</c>.</summary>
    LeakyReLU = 4,

    /// <summary>Exponential linear unit with alpha 1: <c>a = z &gt; 0 ? z : exp(z) - 1</c>.</summary>
    ELU = 5,

    /// <summary>Softplus: <c>a = log(1 + exp(z))</c>, computed as <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    Softplus = 6,

    /// <summary>Softmax over the layer's outputs. Only valid on the output layer, with <see cref="Loss.SoftmaxCrossEntropy"/>.</summary>
    Softmax = 7,
}
