using System;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests.Convolution;

/// <summary>
/// Training across threads (<c>DegreeOfParallelism</c> above 1): every layer's work is shared out without summing
/// anything across threads, so parameters after several steps are bitwise those of a one-thread run, for every thread
/// count, and a step allocates nothing.
/// </summary>
[Collection(ParallelInferenceTests.Alone)]
public sealed class ParallelTrainingTests
{
    private const int Batch = 13; // not a multiple of the sample tile: the last share is short

    public static TheoryData<string, int> NetworksAndThreads
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (ConvolutionCase network in ConvolutionCase.All)
            {
                data.Add(network.Name, 2);
            }

            data.Add(nameof(ConvSameAveragePoolMse), 3);
            data.Add(nameof(ReferenceCnn), 4);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(NetworksAndThreads))]
    public void StepsOnSeveralThreadsGiveBitwiseTheOneThreadParameters(string name, int threads)
    {
        ConvolutionCase network = ConvolutionCase.Get(name);
        int[] single = Train(network, threads: 1);
        int[] parallel = Train(network, threads);

        Assert.Equal(single, parallel);
    }

    [Fact]
    public void TrainBatchOnTwoThreadsAllocatesNothing()
    {
        var network = new ReferenceCnn(seed: 1, maxBatchSize: 16) { DegreeOfParallelism = 2, LearningRate = 1e-4f };
        var random = new SeededRandom(2);
        float[] inputs = TestData.Uniform(random, 16 * ReferenceCnn.InputSize, 0f, 1f);
        float[] targets = TestData.Targets(random, Loss.SoftmaxCrossEntropy, 16, ReferenceCnn.OutputSize);
        // Both threads run the steps (see Allocations.AssertNoneOnAnyThread).
        Allocations.AssertNoneOnAnyThread(network, () => network.TrainBatch(inputs, targets));
        network.DegreeOfParallelism = 1;
    }

    /// <summary>Three TrainBatch steps and a Forward + Backward; the parameters' and gradients' bits.</summary>
    private static int[] Train(ConvolutionCase network, int threads)
    {
        INetwork generated = network.Create(seed: 3, maxBatchSize: Batch);
        SetThreads(generated, threads);
        var random = new SeededRandom(4);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);
        for (int step = 0; step < 3; step++)
        {
            generated.TrainBatch(inputs, targets);
        }

        generated.ZeroGradients();
        generated.Forward(inputs, new float[Batch * network.OutputSize]);
        generated.Backward(targets);
        int[] bits = [.. TestData.Bits(generated.Parameters), .. TestData.Bits(generated.Gradients)];
        SetThreads(generated, 1); // ends the worker threads
        return bits;
    }

    // DegreeOfParallelism is generated on every network but is not part of INetwork.
    private static void SetThreads(INetwork network, int threads) =>
        network.GetType().GetProperty("DegreeOfParallelism")!.SetValue(network, threads);
}
