namespace StaticNets;

/// <summary>The activation a <see cref="DenseAttribute"/> or <see cref="Conv2DAttribute"/> layer applies to its pre-activation <c>z</c>.</summary>
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

    /// <summary>
    /// Leaky ReLU: <c>a = z &gt; 0 ? z : slope·z</c>, with PyTorch's default slope 0.01 unless
    /// the layer's <see cref="DenseAttribute.NegativeSlope"/> (or <see cref="Conv2DAttribute.NegativeSlope"/>) says otherwise.
    /// </summary>
    LeakyReLU = 4,

    /// <summary>
    /// Exponential linear unit: <c>a = z &gt; 0 ? z : alpha·(exp(z) - 1)</c>, with PyTorch's default alpha 1 unless
    /// the layer's <see cref="DenseAttribute.Alpha"/> (or <see cref="Conv2DAttribute.Alpha"/>) says otherwise.
    /// </summary>
    ELU = 5,

    /// <summary>Softplus: <c>a = log(1 + exp(z))</c>, computed as <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    Softplus = 6,

    /// <summary>Softmax over the layer's outputs. Only valid on the output layer, with <see cref="Loss.SoftmaxCrossEntropy"/>.</summary>
    Softmax = 7,

    /// <summary>Gaussian error linear unit, exact form as PyTorch's default: <c>a = z·Φ(z) = 0.5·z·(1 + erf(z/√2))</c>.</summary>
    GELU = 8,

    /// <summary>Sigmoid linear unit (Swish): <c>a = z·sigmoid(z)</c>.</summary>
    SiLU = 9,
}
