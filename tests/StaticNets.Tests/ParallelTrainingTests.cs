using System;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>
/// Dense networks trained across threads: the forward pass by samples (or, for layers with many weights, by chunks of
/// inputs summed in a fixed order), each weight gradient by rows of dW, input gradients and activation derivatives by
/// samples (or rows), the optimizer step by ranges of parameters. Nothing is summed
/// across threads, so after several steps the parameters (and the gradients of a separate Forward + Backward) are
/// bitwise those of one thread, for every thread count and every batch size; a step allocates nothing.
/// </summary>
[Collection(ParallelInferenceTests.Alone)]
public sealed class ParallelTrainingTests
{
    public static TheoryData<string, int, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach (string name in new[] { nameof(ParallelNet), nameof(ParallelWideNet), nameof(ParallelDeepNet), nameof(ParallelChunkedNet) })
            {
                foreach (int batch in new[] { 7, 13, 64 }) // below the threshold for sharing out; a short last share; whole tiles
                {
                    data.Add(name, batch, 2);
                }

                data.Add(name, 31, 3);
            }

            data.Add(nameof(ParallelWideNet), 64, 5); // more threads than input chunks: some parts have none
            data.Add(nameof(ParallelChunkedNet), 64, 5);

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepsOnSeveralThreadsGiveBitwiseTheOneThreadResult(string name, int batch, int threads)
    {
        int[] single = Train(name, batch, threads: 1);
        int[] parallel = Train(name, batch, threads);

        Assert.Equal(single, parallel);
    }

    [Fact]
    public void ParallelTrainingStillLearns()
    {
        // A check that the shared-out passes compute gradients at all (a bitwise comparison with a broken one-thread
        // path would pass too): the data loss (without the penalties) on a fixed batch falls over a few hundred steps.
        var network = new ParallelWideNet(seed: 5, maxBatchSize: 64) { DegreeOfParallelism = 2, LearningRate = 0.05f };
        var random = new SeededRandom(6);
        float[] inputs = TestData.Uniform(random, 64 * ParallelWideNet.InputSize);
        var targets = new float[64 * ParallelWideNet.OutputSize];
        for (int s = 0; s < 64; s++)
        {
            // a learnable label: which of the sample's first ten features is the largest
            ReadOnlySpan<float> features = inputs.AsSpan(s * ParallelWideNet.InputSize, ParallelWideNet.OutputSize);
            targets[s * ParallelWideNet.OutputSize + features.IndexOf(Largest(features))] = 1f;
        }

        network.TrainBatch(inputs, targets);
        float first = network.LastDataLoss;
        for (int k = 0; k < 300; k++)
        {
            network.TrainBatch(inputs, targets);
        }

        float last = network.LastDataLoss;
        network.DegreeOfParallelism = 1;
        Assert.True(last < 0.5f * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void TrainBatchOnTwoThreadsAllocatesNothing()
    {
        var network = new ParallelWideNet(seed: 1, maxBatchSize: 32) { DegreeOfParallelism = 2, LearningRate = 1e-4f };
        var random = new SeededRandom(2);
        float[] inputs = TestData.Uniform(random, 32 * ParallelWideNet.InputSize);
        float[] targets = TestData.Targets(random, Loss.SoftmaxCrossEntropy, 32, ParallelWideNet.OutputSize);
        // Both threads run the steps (see Allocations.AssertNoneOnAnyThread).
        Allocations.AssertNoneOnAnyThread(network, () => network.TrainBatch(inputs, targets));
        network.DegreeOfParallelism = 1;
    }

    /// <summary>Three TrainBatch steps, then ZeroGradients, Forward, Backward and Step; the parameters' and gradients' bits.</summary>
    private static int[] Train(string name, int batch, int threads)
    {
        INetwork network = name switch
        {
            nameof(ParallelNet) => new ParallelNet(seed: 3),
            nameof(ParallelWideNet) => new ParallelWideNet(seed: 3),
            nameof(ParallelChunkedNet) => new ParallelChunkedNet(seed: 3),
            _ => new ParallelDeepNet(seed: 3),
        };
        Loss loss = name == nameof(ParallelDeepNet) ? Loss.MeanSquaredError : Loss.SoftmaxCrossEntropy;
        int inputSize = name switch { nameof(ParallelNet) => ParallelNet.InputSize, nameof(ParallelWideNet) => ParallelWideNet.InputSize, nameof(ParallelChunkedNet) => ParallelChunkedNet.InputSize, _ => ParallelDeepNet.InputSize };
        int outputSize = name switch { nameof(ParallelNet) => ParallelNet.OutputSize, nameof(ParallelWideNet) => ParallelWideNet.OutputSize, nameof(ParallelChunkedNet) => ParallelChunkedNet.OutputSize, _ => ParallelDeepNet.OutputSize };
        SetThreads(network, threads);
        var random = new SeededRandom(4);
        float[] inputs = TestData.Uniform(random, batch * inputSize);
        float[] targets = TestData.Targets(random, loss, batch, outputSize);
        for (int step = 0; step < 3; step++)
        {
            network.TrainBatch(inputs, targets);
        }

        network.ZeroGradients();
        network.Forward(inputs, new float[batch * outputSize]);
        network.Backward(targets);
        int[] gradients = TestData.Bits(network.Gradients);
        network.Step();
        int[] bits = [.. TestData.Bits(network.Parameters), .. gradients];
        SetThreads(network, 1); // ends the worker threads
        return bits;
    }

    private static float Largest(ReadOnlySpan<float> values)
    {
        float max = values[0];
        foreach (float value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }

    // DegreeOfParallelism is generated on every network but is not part of INetwork.
    private static void SetThreads(INetwork network, int threads) =>
        network.GetType().GetProperty("DegreeOfParallelism")!.SetValue(network, threads);
}
