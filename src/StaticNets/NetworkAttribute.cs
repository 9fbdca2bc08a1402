using System;

namespace StaticNets;

/// <summary>
/// Marks a <c>partial</c> class as a network for the StaticNets generator. The layers are the
/// <see cref="InputAttribute"/> and <see cref="DenseAttribute"/> attributes on the same class, in source order.
/// </summary>
/// <example>
/// <code>
/// [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.1f)]
/// [Input(784)]
/// [Dense(128, Activation.ReLU)]
/// [Dense(10, Activation.Softmax)]
/// public partial class Mlp;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The default largest batch the training workspace is sized for.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>Declares a network trained with <paramref name="loss"/> and <paramref name="optimizer"/>.</summary>
    /// <param name="loss">The loss the network is trained against.</param>
    /// <param name="optimizer">The optimizer <c>Step</c> applies.</param>
    public NetworkAttribute(Loss loss, Optimizer optimizer = Optimizer.Sgd)
    {
        Loss = loss;
        Optimizer = optimizer;
    }

    /// <summary>The loss the network is trained against.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer <c>Step</c> applies.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>
    /// The initial learning rate; positive and finite. Unset: PyTorch's default for the optimizer (Adagrad and RMSprop
    /// 0.01, Adadelta 1, Adam and AdamW 0.001; SGD, which has no default in PyTorch, 0.01). Can be changed at run time.
    /// </summary>
    public float LearningRate { get; set; } = float.NaN;

    /// <summary>The largest batch the constructor sizes the workspace for when no size is passed to it.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>SGD and RMSprop momentum factor μ in [0, 1). Unset: 0.9 for <see cref="Optimizer.Momentum"/> and <see cref="Optimizer.Nesterov"/>, else 0.</summary>
    public float Momentum { get; set; } = float.NaN;

    /// <summary>SGD dampening for momentum, in [0, 1]. Unset: 0. Not allowed with <see cref="Optimizer.Nesterov"/> (as in PyTorch).</summary>
    public float Dampening { get; set; } = float.NaN;

    /// <summary>
    /// The optimizer's weight decay λ ≥ 0. Unset: 0, or 0.01 for AdamW. SGD, Adagrad, Adadelta, RMSprop and Adam add
    /// <c>λθ</c> to the gradient; AdamW decays the parameters directly. Applies to all parameters, biases included, as in
    /// PyTorch; for a penalty on weights only that is reported in the loss, use <see cref="L2"/>.
    /// </summary>
    public float WeightDecay { get; set; } = float.NaN;

    /// <summary>Adam and AdamW β₁ in [0, 1). Unset: 0.9.</summary>
    public float Beta1 { get; set; } = float.NaN;

    /// <summary>Adam and AdamW β₂ in [0, 1). Unset: 0.999.</summary>
    public float Beta2 { get; set; } = float.NaN;

    /// <summary>The optimizer's ε &gt; 0. Unset: Adagrad 1e-10, Adadelta 1e-6, RMSprop, Adam and AdamW 1e-8.</summary>
    public float Epsilon { get; set; } = float.NaN;

    /// <summary>Adadelta ρ in [0, 1]. Unset: 0.9.</summary>
    public float Rho { get; set; } = float.NaN;

    /// <summary>RMSprop smoothing constant α in [0, 1]. Unset: 0.99.</summary>
    public float Alpha { get; set; } = float.NaN;

    /// <summary>RMSprop: normalise by the centred second moment (an estimate of the variance). Default false.</summary>
    public bool Centered { get; set; }

    /// <summary>Adam and AdamW: use the running maximum of the second moment (AMSGrad). Default false.</summary>
    public bool AmsGrad { get; set; }

    /// <summary>Adagrad learning-rate decay ≥ 0 (PyTorch's <c>lr_decay</c>). Unset: 0.</summary>
    public float LearningRateDecay { get; set; } = float.NaN;

    /// <summary>Adagrad initial value ≥ 0 of the sum of squared gradients. Unset: 0.</summary>
    public float InitialAccumulatorValue { get; set; } = float.NaN;

    /// <summary><see cref="Loss.Huber"/>'s delta &gt; 0. Unset: 1, as PyTorch.</summary>
    public float HuberDelta { get; set; } = float.NaN;

    /// <summary>
    /// L1 penalty factor ≥ 0 on every layer's weights (never biases): adds <c>L1·Σ|w|</c> to the loss and
    /// <c>L1·sign(w)</c> to the gradient. A layer's own <see cref="DenseAttribute.L1"/> overrides it. Unset: 0.
    /// </summary>
    public float L1 { get; set; } = float.NaN;

    /// <summary>
    /// L2 penalty factor ≥ 0 on every layer's weights (never biases): adds <c>L2·Σw²</c> to the loss and
    /// <c>2·L2·w</c> to the gradient (the Keras convention). A layer's own <see cref="DenseAttribute.L2"/> overrides it.
    /// Setting both L1 and L2 gives the elastic net. Unset: 0.
    /// </summary>
    public float L2 { get; set; } = float.NaN;
}
