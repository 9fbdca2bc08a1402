using System.Collections.Generic;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>Valid network declarations shared by the snapshot, parsing and incremental tests.</summary>
internal static class SampleNetworks
{
    /// <summary>Every sample by a short name, with the full name of its network type (the prefix of its hint names).</summary>
    public static readonly IReadOnlyDictionary<string, (string Source, string FullName)> ByName = new Dictionary<string, (string, string)>
    {
        ["Tiny"] = (Tiny, "Samples.TinyNet"),
        ["Mlp"] = (Mlp, "Samples.Mlp"),
        ["OddSizes"] = (OddSizes, "Samples.OddNet"),
        ["AllActivations"] = (AllActivations, "Samples.AllActivationsNet"),
        ["ReferenceCnn"] = (ReferenceCnn, "Samples.Cnn"),
        ["PaddedCnn"] = (PaddedCnn, "Samples.PaddedCnn"),
    };

    /// <summary>The reference CNN (W5): report 000's Keras network on 28x28 grey images.</summary>
    public const string ReferenceCnn = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f)]
        [Input(28, 28, 1)]
        [Conv2D(32, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D(64, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Cnn;
        """;

    /// <summary>
    /// Every other image layer: same padding with stride 2 and with an even kernel, a non-square kernel, 5 channels
    /// (a vector and a tail), average pooling with overlapping windows, dropout, global average pooling.
    /// </summary>
    public const string PaddedCnn = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 8)]
        [Input(9, 8, 3)]
        [Conv2D(5, 3, Activation.Tanh, Stride = 2, Padding = Padding.Same)]
        [Conv2D(20, 2, 3, Activation.Sigmoid, Padding = Padding.Same)]
        [AveragePool2D(2, Stride = 1)]
        [Dropout(0.1f)]
        [GlobalAveragePool2D]
        [Dense(3)]
        public partial class PaddedCnn;
        """;

    /// <summary>2 -> 4 tanh -> 1 sigmoid, mean squared error: the XOR example.</summary>
    public const string Tiny = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.5f, MaxBatchSize = 4)]
        [Input(2)]
        [Dense(4, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class TinyNet;
        """;

    /// <summary>The reference MLP: 784 -> 128 ReLU -> 10 softmax, softmax cross-entropy.</summary>
    public const string Mlp = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.1f)]
        [Input(784)]
        [Dense(128, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Mlp;
        """;

    /// <summary>784*128 + 128 + 128*10 + 10, counted by hand.</summary>
    public const int MlpParameterCount = 101_770;

    /// <summary>37 -> 13 leaky ReLU -> 7 linear: no size is a multiple of 4, 8 or 16, so every layer has a tail.</summary>
    public const string OddSizes = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.MeanSquaredError, LearningRate = 0.025f, MaxBatchSize = 32)]
        [Input(37)]
        [Dense(13, Activation.LeakyReLU)]
        [Dense(7)]
        public partial class OddNet;
        """;

    /// <summary>Every activation: each elementwise one on a hidden layer, softmax on the output.</summary>
    public const string AllActivations = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd)]
        [Input(3)]
        [Dense(5, Activation.Linear)]
        [Dense(6, Activation.Sigmoid)]
        [Dense(4, Activation.Tanh)]
        [Dense(9, Activation.ReLU)]
        [Dense(5, Activation.LeakyReLU)]
        [Dense(4, Activation.ELU)]
        [Dense(6, Activation.Softplus)]
        [Dense(5, Activation.GELU)]
        [Dense(4, Activation.SiLU)]
        [Dense(3, Activation.Softmax)]
        public partial class AllActivationsNet;
        """;
}
