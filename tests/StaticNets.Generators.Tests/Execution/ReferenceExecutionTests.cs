using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Generators.Tests.Infrastructure;
using StaticNets.Reference;
using Xunit;
using static StaticNets.Generators.Tests.Execution.ExecutionData;

namespace StaticNets.Generators.Tests.Execution;

/// <summary>
/// Networks wide enough for every part of the generated kernels to run (vector bodies and tails, sample tiles and their
/// remainder, input chunks and panels of rows, two threads), generated and compiled in this process and compared with
/// <see cref="ConvolutionalReferenceNetwork"/>, the double-precision reference of the runtime library, built here from
/// the same description rather than read from the generated code.
/// </summary>
public sealed class ReferenceExecutionTests
{
    /// <summary>
    /// Samples per batch: two whole tiles of 4 samples and a remainder of 3, and enough for two threads to share
    /// (training is shared from 8 samples).
    /// </summary>
    private const int Batch = 11;

    /// <summary>Outputs vs the reference, relative to the largest output: float sums of at most a few hundred terms.</summary>
    private const double OutputTolerance = 1e-5;

    /// <summary>
    /// Gradients vs the reference, relative to the largest gradient of the same layer: float rounding through a forward
    /// and a backward pass (the runtime tests observe up to 6.3e-5 on much larger sums).
    /// </summary>
    private const double GradientTolerance = 1e-4;

    /// <summary>
    /// A dense network whose first layer has 200 × 90 weights: above 16,384, so threads share it by input chunks and
    /// its batch kernels take panels of 91 rows; the other widths are no multiple of any vector width.
    /// </summary>
    private static readonly Described Dense = new(
        """
        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(200)]
        [Dense(90, Activation.ReLU)]
        [Dense(37, Activation.Tanh)]
        [Dense(21, Activation.GELU)]
        [Dense(17, Activation.LeakyReLU, NegativeSlope = 0.1f)]
        [Dense(5, Activation.Softmax)]
        """,
        (1, 1, 200),
        Loss.SoftmaxCrossEntropy,
        [
            new ReferenceLayer.Flatten(), // the reference takes every input as an image; (1, 1, 200) flattened is the vector
            new ReferenceLayer.Dense(90, Activation.ReLU),
            new ReferenceLayer.Dense(37, Activation.Tanh),
            new ReferenceLayer.Dense(21, Activation.GELU),
            new ReferenceLayer.Dense(17, Activation.LeakyReLU) { ActivationParameter = 0.1 },
            new ReferenceLayer.Dense(5, Activation.Softmax),
        ]);

    /// <summary>
    /// A CNN with same and valid padding, overlapping max pooling, average pooling and channel counts on
    /// either side of a vector width, a kernel that is not square, ending in two dense layers and mean squared error.
    /// </summary>
    private static readonly Described Convolutional = new(
        """
        [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(11, 10, 3)]
        [Conv2D(19, 3, Activation.ELU, Padding = Padding.Same, Alpha = 0.7f)]
        [MaxPool2D(3, Stride = 2)]
        [Conv2D(7, 2, 3, Activation.Sigmoid)]
        [AveragePool2D(1, 2)]
        [Flatten]
        [Dense(13, Activation.SiLU)]
        [Dense(3, Activation.Linear)]
        """,
        (11, 10, 3),
        Loss.MeanSquaredError,
        [
            new ReferenceLayer.Conv2D(19, 3, 3, 1, 1, true, Activation.ELU) { ActivationParameter = 0.7 },
            new ReferenceLayer.MaxPool2D(3, 3, 2, 2),
            new ReferenceLayer.Conv2D(7, 2, 3, 1, 1, false, Activation.Sigmoid),
            new ReferenceLayer.AveragePool2D(1, 2, 1, 2),
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(13, Activation.SiLU),
            new ReferenceLayer.Dense(3, Activation.Linear),
        ]);

    /// <summary>A CNN ending in global average pooling, with 16 filters (exactly one Vector512) and softmax.</summary>
    private static readonly Described GlobalPooling = new(
        """
        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(7, 6, 2)]
        [Conv2D(16, 2, Activation.Softplus)]
        [Conv2D(9, 3, Activation.ReLU, Padding = Padding.Same, Stride = 2)]
        [GlobalAveragePool2D]
        [Dense(4, Activation.Softmax)]
        """,
        (7, 6, 2),
        Loss.SoftmaxCrossEntropy,
        [
            new ReferenceLayer.Conv2D(16, 2, 2, 1, 1, false, Activation.Softplus),
            new ReferenceLayer.Conv2D(9, 3, 3, 2, 2, true, Activation.ReLU),
            new ReferenceLayer.GlobalAveragePool2D(),
            new ReferenceLayer.Dense(4, Activation.Softmax),
        ]);

    /// <summary>
    /// Windows too large to unroll (more than 16 positions): a max pool that tiles its input exactly, and an overlapping
    /// average pool with a window that is not square, followed by a max pool that tiles exactly.
    /// </summary>
    private static readonly Described LoopedPooling = new(
        """
        [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(10, 10, 2)]
        [Conv2D(4, 1, Activation.Tanh)]
        [MaxPool2D(5)]
        [Conv2D(5, 1, Activation.Sigmoid)]
        [Flatten]
        [Dense(3, Activation.Linear)]
        """,
        (10, 10, 2),
        Loss.MeanSquaredError,
        [
            new ReferenceLayer.Conv2D(4, 1, 1, 1, 1, false, Activation.Tanh),
            new ReferenceLayer.MaxPool2D(5, 5, 5, 5),
            new ReferenceLayer.Conv2D(5, 1, 1, 1, 1, false, Activation.Sigmoid),
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(3, Activation.Linear),
        ]);

    /// <summary>An overlapping average pool with a 5 × 4 window (looped), then a max pool that tiles exactly.</summary>
    private static readonly Described LoopedAveragePooling = new(
        """
        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(9, 11, 3)]
        [Conv2D(5, 2, Activation.Sigmoid)]
        [AveragePool2D(5, 4, Stride = 2)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(4, Activation.Softmax)]
        """,
        (9, 11, 3),
        Loss.SoftmaxCrossEntropy,
        [
            new ReferenceLayer.Conv2D(5, 2, 2, 1, 1, false, Activation.Sigmoid),
            new ReferenceLayer.AveragePool2D(5, 4, 2, 2),
            new ReferenceLayer.MaxPool2D(2, 2, 2, 2),
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(4, Activation.Softmax),
        ]);

    /// <summary>
    /// Windows that tile exactly (average) and windows that leave a column over (max, stride equal to the window), both
    /// unrolled, and a looped average pool that tiles exactly.
    /// </summary>
    private static readonly Described ExactPooling = new(
        """
        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(8, 6, 3)]
        [Conv2D(6, 3, Activation.ELU, Padding = Padding.Same)]
        [AveragePool2D(2)]
        [MaxPool2D(2)]
        [Conv2D(18, 1, Activation.Tanh)]
        [Flatten]
        [Dense(4, Activation.Softmax)]
        """,
        (8, 6, 3),
        Loss.SoftmaxCrossEntropy,
        [
            new ReferenceLayer.Conv2D(6, 3, 3, 1, 1, true, Activation.ELU),
            new ReferenceLayer.AveragePool2D(2, 2, 2, 2),
            new ReferenceLayer.MaxPool2D(2, 2, 2, 2),
            new ReferenceLayer.Conv2D(18, 1, 1, 1, 1, false, Activation.Tanh),
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(4, Activation.Softmax),
        ]);

    /// <summary>An average pool whose 5 × 5 window (looped) tiles a 10 × 10 image exactly.</summary>
    private static readonly Described ExactLoopedAveragePooling = new(
        """
        [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(10, 10, 3)]
        [Conv2D(7, 1, Activation.SiLU)]
        [AveragePool2D(5)]
        [Flatten]
        [Dense(2, Activation.Linear)]
        """,
        (10, 10, 3),
        Loss.MeanSquaredError,
        [
            new ReferenceLayer.Conv2D(7, 1, 1, 1, 1, false, Activation.SiLU),
            new ReferenceLayer.AveragePool2D(5, 5, 5, 5),
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(2, Activation.Linear),
        ]);

    /// <summary>
    /// A softmax over more outputs than one vector holds (37), so that each sample's softmax is taken from its stored
    /// logits rather than across the lanes of one register.
    /// </summary>
    private static readonly Described WideSoftmax = new(
        """
        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(23)]
        [Dense(20, Activation.Sigmoid)]
        [Dense(37, Activation.Softmax)]
        """,
        (1, 1, 23),
        Loss.SoftmaxCrossEntropy,
        [
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(20, Activation.Sigmoid),
            new ReferenceLayer.Dense(37, Activation.Softmax),
        ]);

    public static IEnumerable<object[]> Networks =>
    [
        [nameof(Dense)], [nameof(Convolutional)], [nameof(GlobalPooling)], [nameof(LoopedPooling)], [nameof(LoopedAveragePooling)],
        [nameof(ExactPooling)], [nameof(ExactLoopedAveragePooling)], [nameof(WideSoftmax)],
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictForwardAndPredictBatchGiveTheReferenceOutputs(string name)
    {
        Described described = Get(name);
        INetwork network = described.Compile().Create("Case.Net", seed: 3, maxBatchSize: 16);
        double[] parameters = network.Parameters.ToArray().Select(static p => (double)p).ToArray();
        float[] inputs = Uniform(4, Batch * described.Reference.InputSize);
        double[] expected = described.Outputs(parameters, inputs);
        int inputSize = described.Reference.InputSize, outputSize = described.Reference.OutputSize;

        var predicted = new float[expected.Length];
        for (int s = 0; s < Batch; s++)
        {
            network.Predict(inputs.AsSpan(s * inputSize, inputSize), predicted.AsSpan(s * outputSize, outputSize));
        }

        TorchCaseExecutionTests.AssertVectorClose("Predict", predicted, expected, OutputTolerance, scale: null);

        var forward = new float[expected.Length];
        network.Forward(inputs, forward);
        TorchCaseExecutionTests.AssertVectorClose("Forward", forward, expected, OutputTolerance, scale: null);

        var batched = new float[expected.Length];
        TorchCaseExecutionTests.PredictBatch(network, inputs, batched);
        TorchCaseExecutionTests.AssertVectorClose("PredictBatch", batched, expected, OutputTolerance, scale: null);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardGivesTheReferenceGradientOnOneThreadAndTheSameBitsOnTwo(string name)
    {
        Described described = Get(name);
        LoadedNetworks loaded = described.Compile();
        INetwork one = loaded.Create("Case.Net", seed: 5, maxBatchSize: 16);
        INetwork two = loaded.Create("Case.Net", seed: 5, maxBatchSize: 16);
        one.DegreeOfParallelism = 1;
        two.DegreeOfParallelism = 2;
        float[] inputs = Uniform(6, Batch * described.Reference.InputSize);
        float[] targets = Targets(described, 7);
        double[] parameters = one.Parameters.ToArray().Select(static p => (double)p).ToArray();
        var expected = new double[parameters.Length];
        double expectedLoss = described.Reference.LossAndGradient(parameters, inputs.Select(static x => (double)x).ToArray(),
            targets.Select(static y => (double)y).ToArray(), expected);

        foreach (INetwork network in new[] { one, two })
        {
            network.ZeroGradients();
            network.Forward(inputs, new float[targets.Length]);
            float loss = network.Backward(targets);
            TorchCaseExecutionTests.AssertClose($"loss on {network.DegreeOfParallelism} threads", loss, expectedLoss, OutputTolerance);
        }

        AssertLayerGradients(described, "", one.Gradients, expected);

        Assert.Equal(Bits(one.Gradients), Bits(two.Gradients));

        // A step and a second batch: both networks still agree bit for bit, and the step moved every network's weights.
        float[] before = one.Parameters.ToArray();
        one.Step();
        two.Step();
        Assert.NotEqual(Bits(before), Bits(one.Parameters));
        float oneLoss = one.TrainBatch(inputs.AsSpan(0, 9 * described.Reference.InputSize), targets.AsSpan(0, 9 * described.Reference.OutputSize));
        float twoLoss = two.TrainBatch(inputs.AsSpan(0, 9 * described.Reference.InputSize), targets.AsSpan(0, 9 * described.Reference.OutputSize));
        Assert.Equal(BitConverter.SingleToInt32Bits(oneLoss), BitConverter.SingleToInt32Bits(twoLoss));
        Assert.Equal(Bits(one.Parameters), Bits(two.Parameters));

        // A third batch of other samples, one fewer than the last: the gradients are again the reference's at the
        // current parameters, so nothing a kernel should have cleared or overwritten stays from the earlier batches.
        int third = Batch - 3;
        float[] thirdInputs = Uniform(17, third * described.Reference.InputSize);
        float[] thirdTargets = Targets(described, 18)[..(third * described.Reference.OutputSize)];
        double[] current = one.Parameters.ToArray().Select(static p => (double)p).ToArray();
        Array.Clear(expected);
        described.Reference.LossAndGradient(current, thirdInputs.Select(static x => (double)x).ToArray(),
            thirdTargets.Select(static y => (double)y).ToArray(), expected);
        foreach (INetwork network in new[] { one, two })
        {
            network.ZeroGradients();
            network.Forward(thirdInputs, new float[thirdTargets.Length]);
            network.Backward(thirdTargets);
            AssertLayerGradients(described, $"third batch on {network.DegreeOfParallelism} threads: ", network.Gradients, expected);
        }
    }

    /// <summary>Each layer's gradients against the reference, relative to that layer's largest.</summary>
    private static void AssertLayerGradients(Described described, string label, ReadOnlySpan<float> actual, double[] expected)
    {
        for (int l = 0; l < described.Layers.Count; l++)
        {
            int start = described.Reference.ParameterOffset(l);
            int end = l + 1 < described.Layers.Count ? described.Reference.ParameterOffset(l + 1) : expected.Length;
            if (end > start)
            {
                TorchCaseExecutionTests.AssertVectorClose($"{label}layer {l + 1} gradients", actual[start..end], expected[start..end], GradientTolerance, scale: null);
            }
        }
    }

    /// <summary>
    /// Max pooling sends the gradient of a window whose maximum is tied to the first maximal element, row by row, as
    /// PyTorch does. A 1 × 1 convolution with every weight 1 and no bias sums two input channels whose values are
    /// multiples of 1/4, so most windows hold the same largest sum at several pixels with different channel values:
    /// the convolution's weight gradient then tells which pixel received the pooled gradient. 19 filters run the vector
    /// kernels (16 floats) and their scalar tail.
    /// </summary>
    [Theory]
    [InlineData("MaxPool2D(2)", 2, 2)] // windows that tile the image, unrolled
    [InlineData("MaxPool2D(3, Stride = 2)", 3, 2)] // overlapping windows, unrolled
    [InlineData("MaxPool2D(5, Stride = 3)", 5, 3)] // overlapping windows, looped
    public void MaxPoolingSendsATiedGradientToTheFirstMaximum(string pool, int window, int stride)
    {
        var described = new Described(
            $"""
            [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
            [Input(11, 11, 2)]
            [Conv2D(19, 1, Activation.Linear)]
            [{pool}]
            [Flatten]
            [Dense(3, Activation.Linear)]
            """,
            (11, 11, 2),
            Loss.MeanSquaredError,
            [
                new ReferenceLayer.Conv2D(19, 1, 1, 1, 1, false, Activation.Linear),
                new ReferenceLayer.MaxPool2D(window, window, stride, stride),
                new ReferenceLayer.Flatten(),
                new ReferenceLayer.Dense(3, Activation.Linear),
            ]);
        LoadedNetworks loaded = described.Compile();
        INetwork one = loaded.Create("Case.Net", seed: 8, maxBatchSize: 16);
        INetwork two = loaded.Create("Case.Net", seed: 8, maxBatchSize: 16);
        one.DegreeOfParallelism = 1;
        two.DegreeOfParallelism = 2;
        int weights = 2 * 19, convolution = described.Reference.ParameterOffset(1);
        foreach (INetwork network in new[] { one, two })
        {
            network.Parameters[..weights].Fill(1f);
            network.Parameters[weights..convolution].Clear();
        }

        var random = new Random(9);
        float[] inputs = Enumerable.Range(0, Batch * described.Reference.InputSize).Select(_ => random.Next(4) / 4f).ToArray();
        float[] targets = Uniform(10, Batch * described.Reference.OutputSize);
        double[] parameters = one.Parameters.ToArray().Select(static p => (double)p).ToArray();
        var expected = new double[parameters.Length];
        described.Reference.LossAndGradient(parameters, inputs.Select(static x => (double)x).ToArray(),
            targets.Select(static y => (double)y).ToArray(), expected);

        foreach (INetwork network in new[] { one, two })
        {
            network.ZeroGradients();
            network.Forward(inputs, new float[targets.Length]);
            network.Backward(targets);
            TorchCaseExecutionTests.AssertVectorClose($"convolution gradients on {network.DegreeOfParallelism} threads",
                network.Gradients[..convolution], expected[..convolution], GradientTolerance, scale: null);
        }

        Assert.Equal(Bits(one.Gradients), Bits(two.Gradients));
    }

    private static Described Get(string name) => name switch
    {
        nameof(Dense) => Dense,
        nameof(Convolutional) => Convolutional,
        nameof(GlobalPooling) => GlobalPooling,
        nameof(LoopedPooling) => LoopedPooling,
        nameof(LoopedAveragePooling) => LoopedAveragePooling,
        nameof(ExactPooling) => ExactPooling,
        nameof(ExactLoopedAveragePooling) => ExactLoopedAveragePooling,
        nameof(WideSoftmax) => WideSoftmax,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such network"),
    };

    /// <summary>One-hot targets for softmax cross-entropy, values in [−1, 1) for mean squared error.</summary>
    private static float[] Targets(Described described, int seed)
    {
        int outputs = described.Reference.OutputSize;
        if (described.Loss != Loss.SoftmaxCrossEntropy)
        {
            return Uniform(seed, Batch * outputs);
        }

        var random = new Random(seed);
        var targets = new float[Batch * outputs];
        for (int s = 0; s < Batch; s++)
        {
            targets[s * outputs + random.Next(outputs)] = 1f;
        }

        return targets;
    }


    /// <summary>A network's attributes and the same network described to the reference.</summary>
    private sealed class Described(string attributes, (int Height, int Width, int Channels) input, Loss loss, IReadOnlyList<ReferenceLayer> layers)
    {
        public Loss Loss { get; } = loss;

        public IReadOnlyList<ReferenceLayer> Layers { get; } = layers;

        public ConvolutionalReferenceNetwork Reference { get; } = new(input.Height, input.Width, input.Channels, layers, loss);

        public LoadedNetworks Compile() =>
            LoadedNetworks.Compile($"using StaticNets;\nnamespace Case;\n{attributes}\npublic partial class Net;\n");

        /// <summary>The reference outputs of every sample, one after the other.</summary>
        public double[] Outputs(double[] parameters, float[] inputs)
        {
            int inputSize = Reference.InputSize, outputSize = Reference.OutputSize, batch = inputs.Length / inputSize;
            var outputs = new double[batch * outputSize];
            for (int s = 0; s < batch; s++)
            {
                double[] x = inputs.AsSpan(s * inputSize, inputSize).ToArray().Select(static v => (double)v).ToArray();
                Reference.Predict(parameters, x, outputs.AsSpan(s * outputSize, outputSize));
            }

            return outputs;
        }
    }
}
