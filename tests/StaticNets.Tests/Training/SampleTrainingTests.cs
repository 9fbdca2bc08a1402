using System;
using System.Linq;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>Elastic-net penalties on both layers (one network-wide, one per layer) and Adam's state.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.01f, L1 = 1e-3f, L2 = 2e-3f, MaxBatchSize = 3)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax, L1 = 0f, L2 = 5e-2f)]
public partial class SampleElasticAdamNet;

/// <summary>A loss fused with a sigmoid output, SGD with momentum.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer.Momentum, LearningRate = 0.05f, MaxBatchSize = 2)]
[Input(6)]
[Dense(9, Activation.ReLU)]
[Dense(2, Activation.Sigmoid)]
public partial class SampleBinaryMomentumNet;

/// <summary>A loss that hands the output layer dLoss/da, through a derivative, and RMSprop.</summary>
[Network(Loss.Huber, Optimizer.RMSprop, LearningRate = 0.01f, HuberDelta = 0.5f, MaxBatchSize = 2)]
[Input(3)]
[Dense(17, Activation.ELU)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Linear)]
public partial class SampleHuberRmspropNet;

/// <summary>Dropout: the one-sample path does not apply, and TrainBatch keeps the batch path.</summary>
[Network(Loss.MeanSquaredError, MaxBatchSize = 2)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dropout(0.25f)]
[Dense(2, Activation.Linear)]
public partial class SampleDropoutNet;

/// <summary>
/// <c>TrainBatch</c> on a batch of one sample takes its own path in networks of dense layers (<c>TrainSample</c>: the
/// one-sample kernels, no batch loops). Its results must be those of the general path, bit for bit: the general path is
/// checked against the double-precision reference and PyTorch elsewhere, so equality here carries those checks over.
/// </summary>
public sealed class SampleTrainingTests
{
    private const int Steps = 6;

    public static TheoryData<string> Names
    {
        get
        {
            var names = TestNetworks.AllNames;
            names.Add(nameof(SampleElasticAdamNet));
            names.Add(nameof(SampleBinaryMomentumNet));
            names.Add(nameof(SampleHuberRmspropNet));
            names.Add(nameof(SampleDropoutNet));
            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainBatchOnOneSampleEqualsZeroGradientsForwardBackwardStep(string name)
    {
        NetworkCase network = name switch
        {
            nameof(SampleElasticAdamNet) => NetworkCase.Of((s, b) => new SampleElasticAdamNet(s, b)),
            nameof(SampleBinaryMomentumNet) => NetworkCase.Of((s, b) => new SampleBinaryMomentumNet(s, b)),
            nameof(SampleHuberRmspropNet) => NetworkCase.Of((s, b) => new SampleHuberRmspropNet(s, b)),
            nameof(SampleDropoutNet) => NetworkCase.Of((s, b) => new SampleDropoutNet(s, b)),
            _ => TestNetworks.Get(name),
        };
        INetwork trained = network.Create(seed: 21, maxBatchSize: 2);
        INetwork stepped = network.Create(seed: 21, maxBatchSize: 2);
        var random = new SeededRandom(22);
        float[] inputs = TestData.Uniform(random, Steps * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Steps, network.OutputSize);
        var outputs = new float[network.OutputSize];

        // Stale gradients in both: the one-sample path must overwrite every one of them, as the batch path does.
        trained.Forward(inputs.AsSpan(0, network.InputSize), outputs);
        trained.Backward(targets.AsSpan(0, network.OutputSize));
        stepped.Forward(inputs.AsSpan(0, network.InputSize), outputs);
        stepped.Backward(targets.AsSpan(0, network.OutputSize));

        for (int s = 0; s < Steps; s++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(s * network.InputSize, network.InputSize);
            ReadOnlySpan<float> target = targets.AsSpan(s * network.OutputSize, network.OutputSize);
            float trainLoss = trained.TrainBatch(input, target);
            stepped.ZeroGradients();
            stepped.Forward(input, outputs);
            float stepLoss = stepped.Backward(target);
            stepped.Step();

            string where = $"{name}, step {s + 1}";
            Assert.True(BitConverter.SingleToInt32Bits(stepLoss) == BitConverter.SingleToInt32Bits(trainLoss), $"{where}: loss {trainLoss:R} vs {stepLoss:R}");
            Assert.Equal(BitConverter.SingleToInt32Bits(stepped.LastDataLoss), BitConverter.SingleToInt32Bits(trained.LastDataLoss));
            Assert.Equal(BitConverter.SingleToInt32Bits(stepped.LastRegularizationLoss), BitConverter.SingleToInt32Bits(trained.LastRegularizationLoss));
            Assert.Equal(TestData.Bits(stepped.Gradients), TestData.Bits(trained.Gradients));
            Assert.Equal(TestData.Bits(stepped.Parameters), TestData.Bits(trained.Parameters));
            Assert.Equal(TestData.Bits(stepped.LastOutputs), TestData.Bits(trained.LastOutputs));
            Assert.Equal(stepped.StepCount, trained.StepCount);
            Assert.Equal(stepped.LastStepFinite, trained.LastStepFinite);
        }

        // The steps moved the parameters and left gradients behind, so the comparisons above were not of zeros.
        Assert.NotEqual(TestData.Bits(network.Create(seed: 21, maxBatchSize: 2).Parameters), TestData.Bits(trained.Parameters));
        Assert.Contains(trained.Gradients.ToArray(), g => g != 0);
    }

    [Fact]
    public void BackwardAfterTrainBatchOnOneSampleSeesThatSample()
    {
        // TrainSample leaves the state a Backward call reads (inputs, activations, batch size) as the batch path does.
        var trained = new SampleHuberRmspropNet(seed: 3, maxBatchSize: 2);
        var reference = new SampleHuberRmspropNet(seed: 3, maxBatchSize: 2);
        float[] input = [0.3f, -1.2f, 0.8f];
        float[] target = [0.5f, -0.25f, 1f];
        trained.TrainBatch(input, target);
        reference.ZeroGradients();
        reference.Forward(input, new float[3]);
        reference.Backward(target);
        reference.Step();

        trained.ZeroGradients();
        reference.ZeroGradients();
        float trainedLoss = trained.Backward(target);
        float referenceLoss = reference.Backward(target);

        Assert.Equal(BitConverter.SingleToInt32Bits(referenceLoss), BitConverter.SingleToInt32Bits(trainedLoss));
        Assert.Equal(TestData.Bits(reference.Gradients), TestData.Bits(trained.Gradients));
        Assert.Contains(trained.Gradients.ToArray(), g => g != 0);
    }

    [Fact]
    public void TrainBatchOnOneSampleChecksItsArguments()
    {
        var network = new SampleElasticAdamNet(seed: 1, maxBatchSize: 2);
        float[] before = network.Parameters.ToArray();

        Assert.Throws<ArgumentException>("targets", () => network.TrainBatch(new float[5], new float[2]));
        Assert.Throws<ArgumentException>("inputs", () => network.TrainBatch(new float[4], new float[3]));
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.Equal(0, network.StepCount);
    }
}
