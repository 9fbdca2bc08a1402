using System.Collections.Generic;
using System.Linq;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// Valid declarations for the training toolkit: one small network per optimizer and variant (3 -> 4 tanh -> 2, mean
/// squared error, so that only the optimizer differs), one per loss added by the toolkit, and one with dropout and
/// L1/L2 penalties.
/// </summary>
internal static class TrainingSamples
{
    /// <summary>Optimizer samples by name: the <c>[Network]</c> arguments after the loss.</summary>
    public static readonly IReadOnlyDictionary<string, string> OptimizerArguments = new Dictionary<string, string>
    {
        ["Sgd"] = "Optimizer.Sgd",
        ["Momentum"] = "Optimizer.Momentum",
        ["Nesterov"] = "Optimizer.Nesterov",
        ["Adagrad"] = "Optimizer.Adagrad",
        ["Adadelta"] = "Optimizer.Adadelta",
        ["RMSprop"] = "Optimizer.RMSprop",
        ["Adam"] = "Optimizer.Adam",
        ["AdamW"] = "Optimizer.AdamW",

        // Variants that switch on the optional parts of the fused Step.
        ["SgdWithMomentumDampeningAndWeightDecay"] = "Optimizer.Sgd, Momentum = 0.9f, Dampening = 0.1f, WeightDecay = 1e-4f",
        ["RMSpropCenteredWithMomentum"] = "Optimizer.RMSprop, Centered = true, Momentum = 0.9f",
        ["AdamAmsGradWithWeightDecay"] = "Optimizer.Adam, AmsGrad = true, WeightDecay = 1e-4f",
        ["AdagradWithDecayAndInitialAccumulator"] = "Optimizer.Adagrad, LearningRateDecay = 1e-3f, InitialAccumulatorValue = 0.1f",
    };

    /// <summary>Loss samples by name: the loss and the output activation it needs.</summary>
    public static readonly IReadOnlyDictionary<string, (string Arguments, string Output)> Losses = new Dictionary<string, (string, string)>
    {
        ["MeanAbsoluteError"] = ("Loss.MeanAbsoluteError", "Activation.Linear"),
        ["Huber"] = ("Loss.Huber, HuberDelta = 0.5f", "Activation.Linear"),
        ["BinaryCrossEntropy"] = ("Loss.BinaryCrossEntropy", "Activation.Sigmoid"),
        ["Hinge"] = ("Loss.Hinge", "Activation.Linear"),
        ["Logistic"] = ("Loss.Logistic", "Activation.Linear"),
    };

    /// <summary>
    /// Dropout on the inputs and between layers, a network-wide L2 penalty, one layer's own L1, one layer's L2 turned
    /// off, LeakyReLU and ELU with declared parameters, GELU and SiLU; softmax cross-entropy with Adam.
    /// Layers: 1 dropout, 2 dense (L1 1e-3 + L2 1e-4), 3 dropout, 4 dense (L2 1e-4), 5 dense (L2 1e-4), 6 dense (none).
    /// </summary>
    public const string Regularized = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, L2 = 1e-4f, MaxBatchSize = 16)]
        [Input(5)]
        [Dropout(0.1f)]
        [Dense(8, Activation.LeakyReLU, NegativeSlope = 0.2f, L1 = 1e-3f)]
        [Dropout(0.5f)]
        [Dense(6, Activation.ELU, Alpha = 0.5f)]
        [Dense(5, Activation.GELU)]
        [Dense(4, Activation.SiLU)]
        [Dense(3, Activation.Softmax, L2 = 0f)]
        public partial class RegularizedNet;
        """;

    public static string OptimizerNetwork(string name) => $$"""
        using StaticNets;

        namespace Samples;

        [Network(Loss.MeanSquaredError, {{OptimizerArguments[name]}})]
        [Input(3)]
        [Dense(4, Activation.Tanh)]
        [Dense(2)]
        public partial class {{name}}Net;
        """;

    public static string LossNetwork(string name) => $$"""
        using StaticNets;

        namespace Samples;

        [Network({{Losses[name].Arguments}})]
        [Input(3)]
        [Dense(4, Activation.Tanh)]
        [Dense(2, {{Losses[name].Output}})]
        public partial class {{name}}Net;
        """;

    /// <summary>Every training sample by a short name, with the full name of its network type.</summary>
    public static IReadOnlyDictionary<string, (string Source, string FullName)> ByName { get; } =
        OptimizerArguments.Keys.Select(static n => ("Optimizer" + n, (OptimizerNetwork(n), $"Samples.{n}Net")))
            .Concat(Losses.Keys.Select(static n => ("Loss" + n, (LossNetwork(n), $"Samples.{n}Net"))))
            .Append(("Regularized", (Regularized, "Samples.RegularizedNet")))
            .ToDictionary(static p => p.Item1, static p => p.Item2);
}
