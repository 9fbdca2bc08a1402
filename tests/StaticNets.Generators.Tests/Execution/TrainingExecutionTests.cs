using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;
using static StaticNets.Generators.Tests.Execution.ExecutionData;

namespace StaticNets.Generators.Tests.Execution;

/// <summary>
/// What the generated training code does beyond one forward and backward pass, run in this process: dropout between
/// layers with parameters, the optimizer step when threads share it, and the report of a step that wrote a value that
/// is not finite. The expectations come from the definitions (dropout's mask and scale, finite differences, the
/// same bits on one thread and on two), not from the generated code.
/// </summary>
public sealed class TrainingExecutionTests
{
    /// <summary>Samples per batch: enough for two threads to share the forward and backward passes (from 8 samples).</summary>
    private const int Batch = 11;

    private const float Rate = 0.25f;

    /// <summary>
    /// Two linear layers around dropout. With the identity for both weight matrices and no biases, each output is the
    /// input itself, zeroed by the mask or scaled by 1 / (1 − rate): the mask can be read off the outputs.
    /// </summary>
    private const string DropoutNetwork =
        """
        [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(40)]
        [Dense(40, Activation.Linear)]
        [Dropout(0.25f)]
        [Dense(40, Activation.Linear)]
        """;

    /// <summary>
    /// The dropout network with tanh below the dropout layer: its activation derivative cannot be fused into the layer
    /// above (dropout's backward is not split by samples), so when threads share the backward pass it is a job of its own.
    /// </summary>
    private const string DropoutTanhNetwork =
        """
        [Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, MaxBatchSize = 16)]
        [Input(40)]
        [Dense(40, Activation.Tanh)]
        [Dropout(0.25f)]
        [Dense(40, Activation.Linear)]
        """;

    /// <summary>
    /// 130 · 127 + 127 + 127 · 3 + 3 = 17,021 parameters: more than the 16,384 from which threads share the step, and no
    /// multiple of any vector width.
    /// </summary>
    private const string LargeNetwork =
        """
        [Input(130)]
        [Dense(127, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        """;

    /// <summary>A network whose step no thread shares.</summary>
    private const string SmallNetwork =
        """
        [Input(6)]
        [Dense(5, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        """;

    public static IEnumerable<object[]> Optimizers =>
    [
        ["Optimizer.Sgd"],
        ["Optimizer.Sgd, WeightDecay = 0.01f"],
        ["Optimizer.Momentum, Momentum = 0.9f, Dampening = 0.1f, WeightDecay = 0.01f"],
        ["Optimizer.Nesterov, Momentum = 0.8f, WeightDecay = 0.02f"],
        ["Optimizer.Adagrad, LearningRateDecay = 0.01f, InitialAccumulatorValue = 0.1f, WeightDecay = 0.01f"],
        ["Optimizer.Adadelta, Rho = 0.95f, WeightDecay = 0.01f"],
        ["Optimizer.RMSprop"],
        ["Optimizer.RMSprop, Alpha = 0.95f, Centered = true, Momentum = 0.5f, WeightDecay = 0.01f"],
        ["Optimizer.Adam, WeightDecay = 0.01f"],
        ["Optimizer.Adam, AmsGrad = true"],
        ["Optimizer.AdamW, WeightDecay = 0.05f, AmsGrad = true"],
        ["Optimizer.AdamW"],
    ];

    [Fact]
    public void DropoutIsTheIdentityAtInference()
    {
        INetwork network = CompileDropout().Create("Case.Net", seed: 1, maxBatchSize: 16);
        SetIdentity(network);
        float[] inputs = Uniform(2, Batch * 40);

        var predicted = new float[40];
        network.Predict(inputs.AsSpan(0, 40), predicted);
        Assert.Equal(inputs[..40], predicted);

        var outputs = new float[inputs.Length];
        TorchCaseExecutionTests.PredictBatch(network, inputs, outputs);
        Assert.Equal(inputs, outputs);

        // Other inputs than PredictBatch's, so that a buffer it left behind cannot stand in for Evaluate's own pass.
        float[] others = Uniform(3, Batch * 40);
        float loss = network.Evaluate(others, others, outputs);
        Assert.Equal(others, outputs);
        Assert.Equal(0f, loss);
    }

    /// <summary>
    /// Training: every value is either dropped (0) or kept and scaled by 1 / (1 − rate), and about a quarter are
    /// dropped; masks are drawn in order on the calling thread, so two threads give the same bits as one.
    /// </summary>
    [Fact]
    public void DropoutDropsAboutItsRateAndScalesWhatItKeeps()
    {
        LoadedNetworks loaded = CompileDropout();
        INetwork one = loaded.Create("Case.Net", seed: 3, maxBatchSize: 16);
        INetwork two = loaded.Create("Case.Net", seed: 3, maxBatchSize: 16);
        one.DegreeOfParallelism = 1;
        two.DegreeOfParallelism = 2;
        float[] inputs = Uniform(4, Batch * 40).Select(static x => x + 2f).ToArray(); // in [1, 3): never 0
        const float scale = 1f / (1f - Rate);

        var first = new float[inputs.Length];
        var second = new float[inputs.Length];
        foreach (INetwork network in new[] { one, two })
        {
            SetIdentity(network);
            network.Forward(inputs, first);
            int dropped = 0;
            for (int k = 0; k < inputs.Length; k++)
            {
                if (first[k] == 0f)
                {
                    dropped++;
                }
                else
                {
                    Assert.Equal(inputs[k] * scale, first[k]);
                }
            }

            // 440 draws at 0.25: 110 expected, standard deviation 9.1; the bounds are more than 5 deviations away.
            Assert.InRange(dropped, 60, 160);

            // The next batch draws new masks.
            network.Forward(inputs, second);
            Assert.NotEqual(first, second);
        }

        one.Forward(inputs, first);
        two.Forward(inputs, second);
        Assert.Equal(first, second);
    }

    /// <summary>
    /// The gradient through dropout, on one thread and on two, against central differences of the loss; networks built
    /// with the same seed draw the same first masks. With linear layers and a squared loss the loss is quadratic in each
    /// parameter and a central difference is its exact derivative; with tanh below the dropout layer the difference is
    /// within h² of it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DropoutGradientsMatchFiniteDifferences(bool tanh)
    {
        LoadedNetworks loaded = tanh
            ? LoadedNetworks.Compile($"using StaticNets;\nnamespace Case;\n{DropoutTanhNetwork}\npublic partial class Net;\n")
            : CompileDropout();
        float[] inputs = Uniform(5, Batch * 40);
        float[] targets = Uniform(6, Batch * 40);
        var outputs = new float[targets.Length];

        float Loss(int parameter, float delta)
        {
            INetwork network = loaded.Create("Case.Net", seed: 7, maxBatchSize: 16);
            network.Parameters[parameter] += delta;
            network.Forward(inputs, outputs);
            return network.Backward(targets);
        }

        INetwork one = loaded.Create("Case.Net", seed: 7, maxBatchSize: 16);
        INetwork two = loaded.Create("Case.Net", seed: 7, maxBatchSize: 16);
        one.DegreeOfParallelism = 1;
        two.DegreeOfParallelism = 2;
        foreach (INetwork network in new[] { one, two })
        {
            network.ZeroGradients();
            network.Forward(inputs, outputs);
            network.Backward(targets);
        }

        Assert.Equal(Bits(one.Gradients), Bits(two.Gradients));

        // Weights and biases of the layer below dropout (whose gradient passes through the mask) and of the layer above.
        int firstLayer = 40 * 40 + 40;
        int[] checkedParameters = [0, 41, 333, 1_000, 1_599, 1_600, 1_620, 1_639, firstLayer, firstLayer + 777, firstLayer + 1_600, firstLayer + 1_639];
        float largest = one.Gradients.ToArray().Max(static g => Math.Abs(g));
        const float h = 0.01f;
        foreach (int p in checkedParameters)
        {
            double difference = ((double)Loss(p, h) - Loss(p, -h)) / (2 * h);
            Assert.True(Math.Abs(one.Gradients[p] - difference) <= 2e-3 * largest,
                $"parameter {p}: gradient {one.Gradients[p]}, central difference {difference} (largest gradient {largest})");
        }
    }

    /// <summary>
    /// Every optimizer, on a network large enough for threads to share the step: two threads give the same parameters
    /// as one, bit for bit, through three batches; the step count and the finite-step report are right.
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ThreadsThatShareTheStepGiveTheSameBitsAsOne(string optimizer)
    {
        LoadedNetworks loaded = CompileTwo(optimizer);
        INetwork one = loaded.Create("Case.Large", seed: 11, maxBatchSize: 16);
        INetwork two = loaded.Create("Case.Large", seed: 11, maxBatchSize: 16);
        one.DegreeOfParallelism = 1;
        two.DegreeOfParallelism = 2;
        float[] initial = one.Parameters.ToArray();
        float[] inputs = Uniform(12, Batch * 130);
        float[] targets = OneHot(13, 3);

        for (int step = 1; step <= 3; step++)
        {
            float oneLoss = one.TrainBatch(inputs, targets);
            float twoLoss = two.TrainBatch(inputs, targets);
            Assert.Equal(BitConverter.SingleToInt32Bits(oneLoss), BitConverter.SingleToInt32Bits(twoLoss));
            Assert.Equal(Bits(one.Parameters), Bits(two.Parameters));
            Assert.Equal(step, one.StepCount);
            Assert.Equal(step, two.StepCount);
            Assert.True(one.LastStepFinite);
            Assert.True(two.LastStepFinite);
        }

        // Every parameter block moved: the first and last weights of both layers and the last bias.
        float[] after = one.Parameters.ToArray();
        foreach (int p in new[] { 0, 130 * 127 - 1, 130 * 127 + 127, after.Length - 4, after.Length - 1 })
        {
            Assert.NotEqual(initial[p], after[p]);
        }
    }

    /// <summary>
    /// A batch with a NaN input makes every gradient NaN, so the step writes parameters that are not finite:
    /// <see cref="INetwork.LastStepFinite"/> says so, on a network whose step one thread does and on one whose step
    /// two threads share; for SGD, whose step keeps no state, restoring the parameters and stepping again clears it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AStepThatWritesNaNIsReported(string optimizer)
    {
        LoadedNetworks loaded = CompileTwo(optimizer);
        foreach ((string name, int inputSize) in new[] { ("Case.Small", 6), ("Case.Large", 130) })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                INetwork network = loaded.Create(name, seed: 14, maxBatchSize: 16);
                network.DegreeOfParallelism = threads;
                float[] inputs = Uniform(15, Batch * inputSize);
                float[] targets = OneHot(16, 3);
                float[] initial = network.Parameters.ToArray();

                network.TrainBatch(inputs, targets);
                Assert.True(network.LastStepFinite, $"{name} on {threads} thread(s): a finite step");

                float[] poisoned = (float[])inputs.Clone();
                poisoned[inputSize + 1] = float.NaN;
                network.TrainBatch(poisoned, targets);
                Assert.False(network.LastStepFinite, $"{name} on {threads} thread(s): a step after a NaN input");
                Assert.Contains(network.Parameters.ToArray(), static p => float.IsNaN(p));

                if (optimizer == "Optimizer.Sgd")
                {
                    initial.CopyTo(network.Parameters);
                    network.TrainBatch(inputs, targets);
                    Assert.True(network.LastStepFinite, $"{name} on {threads} thread(s): a finite step after a NaN step");
                }
            }
        }
    }

    /// <summary>
    /// Networks that differ in one setting of a convolution, a pooling layer or a dropout layer, with the same number of
    /// parameters: a model file saved by one is refused by every other (its architecture is part of the file), and
    /// loads into a network of its own kind.
    /// </summary>
    [Fact]
    public void AModelFileIsRefusedByANetworkThatDiffersInOneLayerSetting()
    {
        string[] convolutional =
        [
            "[Conv2D(2, 3)] [MaxPool2D(2)]",
            "[Conv2D(2, 3, Stride = 2)] [MaxPool2D(2)]",
            "[Conv2D(2, 3, Padding = Padding.Same)] [MaxPool2D(2)]",
            "[Conv2D(2, 3, Activation.Tanh)] [MaxPool2D(2)]",
            "[Conv2D(2, 3)] [MaxPool2D(2, Stride = 1)]",
            "[Conv2D(2, 3)] [AveragePool2D(2)]",
            "[Conv2D(2, 3)] [MaxPool2D(3)]",
            "[Conv2D(2, 3)] [MaxPool2D(2, 3)]",
            "[Conv2D(2, 3)] [MaxPool2D(3, 2)]",
            "[Conv2D(2, 2, 3)] [MaxPool2D(2)]",
            "[Conv2D(2, 3, 2)] [MaxPool2D(2)]",
        ];
        string[] dense = ["[Dropout(0.25f)]", "[Dropout(0.5f)]"];
        var source = new System.Text.StringBuilder("using StaticNets;\nnamespace Case;\n");
        var names = new List<string>();
        foreach (string layers in convolutional)
        {
            names.Add($"Net{names.Count}");
            source.Append($"[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f)] [Input(9, 9, 1)] {layers} [GlobalAveragePool2D] [Dense(2, Activation.Linear)] public partial class {names[^1]};\n");
        }

        foreach (string layers in dense)
        {
            names.Add($"Net{names.Count}");
            source.Append($"[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f)] [Input(6)] [Dense(4, Activation.Tanh)] {layers} [Dense(2, Activation.Linear)] public partial class {names[^1]};\n");
        }

        LoadedNetworks loaded = LoadedNetworks.Compile(source.ToString());
        var networks = new INetwork[names.Count]; // an array: INetwork has static members, so it cannot be a type argument
        for (int k = 0; k < networks.Length; k++)
        {
            networks[k] = loaded.Create("Case." + names[k], seed: 1, maxBatchSize: 4);
        }

        for (int i = 0; i < networks.Length; i++)
        {
            using var saved = new System.IO.MemoryStream();
            networks[i].Save(saved);
            for (int j = 0; j < networks.Length; j++)
            {
                INetwork other = loaded.Create("Case." + names[j], seed: 2, maxBatchSize: 4);
                if (other.Parameters.Length != networks[i].Parameters.Length)
                {
                    continue; // refused for its size alone
                }

                saved.Position = 0;
                if (i == j)
                {
                    other.Load(saved);
                    Assert.Equal(networks[i].Parameters.ToArray(), other.Parameters.ToArray());
                }
                else
                {
                    Assert.Throws<System.IO.InvalidDataException>(() => other.Load(saved));
                }
            }
        }
    }

    private static LoadedNetworks CompileDropout() =>
        LoadedNetworks.Compile($"using StaticNets;\nnamespace Case;\n{DropoutNetwork}\npublic partial class Net;\n");

    /// <summary>A large and a small network with the same optimizer, in one compilation.</summary>
    private static LoadedNetworks CompileTwo(string optimizer)
    {
        string network = $"[Network(Loss.SoftmaxCrossEntropy, {optimizer}, LearningRate = 0.01f, MaxBatchSize = 16)]";
        return LoadedNetworks.Compile(
            $"using StaticNets;\nnamespace Case;\n{network}\n{LargeNetwork}\npublic partial class Large;\n{network}\n{SmallNetwork}\npublic partial class Small;\n");
    }

    /// <summary>Both weight matrices the identity, both bias vectors zero.</summary>
    private static void SetIdentity(INetwork network)
    {
        Span<float> parameters = network.Parameters;
        parameters.Clear();
        foreach (int offset in new[] { 0, 40 * 40 + 40 })
        {
            for (int i = 0; i < 40; i++)
            {
                parameters[offset + i * 40 + i] = 1f;
            }
        }
    }

    private static float[] OneHot(int seed, int classes)
    {
        var random = new Random(seed);
        var targets = new float[Batch * classes];
        for (int s = 0; s < Batch; s++)
        {
            targets[s * classes + random.Next(classes)] = 1f;
        }

        return targets;
    }
}
