using System;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>After warm-up, the hot paths of a generated network allocate nothing.</summary>
public sealed class AllocationTests
{
    /// <summary>Calls per window; a single allocation per call would show as at least this many bytes × 24.</summary>
    private const int MeasuredCalls = 1000;

    private const int Batch = 8;

    public static TheoryData<string> Networks => new() { nameof(MnistMlp), nameof(XorNet), nameof(HugeHidden), nameof(WideSoftmax) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictAllocatesNothing(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(seed: 1, maxBatchSize: Batch);
        float[] input = TestData.Uniform(new SeededRandom(1), network.InputSize);
        var output = new float[network.OutputSize];

        long bytes = Measure(() => generated.Predict(input, output));

        Assert.Equal(0, bytes);
        Assert.Contains(output, value => value != 0); // the calls really ran
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatchAllocatesNothing(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(seed: 1, maxBatchSize: Batch);
        var random = new SeededRandom(2);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);
        generated.LearningRate = 1e-4f; // keep thousands of steps on one batch numerically tame
        float loss = 0;

        long bytes = Measure(() => loss = generated.TrainBatch(inputs, targets));

        Assert.Equal(0, bytes);
        Assert.True(float.IsFinite(loss) && loss > 0, $"loss {loss}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardBackwardZeroGradientsAndStepAllocateNothing(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(seed: 1, maxBatchSize: Batch);
        var random = new SeededRandom(3);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);
        var outputs = new float[Batch * network.OutputSize];
        generated.LearningRate = 1e-4f;

        long forward = Measure(() => generated.Forward(inputs, outputs));
        long backward = Measure(() => generated.Backward(targets));
        long zero = Measure(generated.ZeroGradients);
        long step = Measure(generated.Step);

        Assert.Equal((0L, 0L, 0L, 0L), (forward, backward, zero, step));
    }

    private static long Measure(Action call) => Allocations.OnThisThread(call, MeasuredCalls);
}
