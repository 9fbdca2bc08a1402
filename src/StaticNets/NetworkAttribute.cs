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
    /// <summary>The learning rate used when none is declared: a common starting point for plain SGD.</summary>
    public const float DefaultLearningRate = 0.01f;

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

    /// <summary>The initial learning rate; must be positive and finite. Can be changed at run time.</summary>
    public float LearningRate { get; set; } = DefaultLearningRate;

    /// <summary>The largest batch the constructor sizes the workspace for when no size is passed to it.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;
}
