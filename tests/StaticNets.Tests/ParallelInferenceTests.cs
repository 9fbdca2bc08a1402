using System;
using System.Threading;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>
/// <c>PredictBatch</c> on one and several threads: the same outputs as <c>Predict</c>, bitwise the same for every thread
/// count, no allocation (the <see cref="WorkerGroup"/> it runs on: <see cref="WorkerGroupTests"/>).
/// </summary>
[Collection(ParallelInferenceTests.Alone)]
public sealed class ParallelInferenceTests
{
    /// <summary>
    /// A collection that runs after every other test, by itself: the allocation test counts the bytes of every thread
    /// in the process (the worker's included), so nothing else may allocate meanwhile.
    /// </summary>
    public const string Alone = "Runs alone";

    /// <summary>
    /// PredictBatch vs Predict, relative: small layers sum their inputs in a different order in Predict (partial sums),
    /// so a few float roundings apart. Measured: below 1e-6.
    /// </summary>
    private const float PredictTolerance = 1e-5f;

    /// <summary>The MaxBatchSize ParallelNet declares.</summary>
    private const int MaxBatch = 64;

    private static readonly int[] Batches = [1, 3, 4, 5, 13, 31, MaxBatch];

    [Fact]
    public void PredictBatchMatchesPredictSampleBySample()
    {
        var network = new ParallelNet(seed: 3);
        float[] inputs = TestData.Uniform(new SeededRandom(5), MaxBatch * ParallelNet.InputSize);
        var outputs = new float[MaxBatch * ParallelNet.OutputSize];
        var expected = new float[ParallelNet.OutputSize];
        foreach (int batch in Batches)
        {
            network.PredictBatch(inputs.AsMemory(0, batch * ParallelNet.InputSize), outputs.AsMemory(0, batch * ParallelNet.OutputSize));
            for (int s = 0; s < batch; s++)
            {
                network.Predict(inputs.AsSpan(s * ParallelNet.InputSize, ParallelNet.InputSize), expected);
                for (int k = 0; k < ParallelNet.OutputSize; k++)
                {
                    float actual = outputs[s * ParallelNet.OutputSize + k];
                    Assert.True(Math.Abs(actual - expected[k]) <= PredictTolerance * Math.Max(1f, Math.Abs(expected[k])), $"batch {batch}, sample {s}, output {k}: {actual} vs {expected[k]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryThreadCountGivesBitwiseTheSameOutputs(int threads)
    {
        var single = new ParallelNet(seed: 7);
        var parallel = new ParallelNet(seed: 7) { DegreeOfParallelism = threads };
        Assert.Equal(threads, parallel.DegreeOfParallelism);
        float[] inputs = TestData.Uniform(new SeededRandom(8), MaxBatch * ParallelNet.InputSize);
        foreach (int batch in Batches)
        {
            var expected = new float[batch * ParallelNet.OutputSize];
            var actual = new float[batch * ParallelNet.OutputSize];
            single.PredictBatch(inputs.AsMemory(0, batch * ParallelNet.InputSize), expected);
            parallel.PredictBatch(inputs.AsMemory(0, batch * ParallelNet.InputSize), actual);
            Assert.Equal(expected, actual); // exact: each sample runs the same kernels on either path
        }

        parallel.DegreeOfParallelism = 1;
        Assert.Equal(1, parallel.DegreeOfParallelism);
    }

    [Fact]
    public void PredictBatchOnTwoThreadsAllocatesNothing()
    {
        var network = new ParallelNet(seed: 1) { DegreeOfParallelism = 2 };
        float[] inputs = TestData.Uniform(new SeededRandom(2), MaxBatch * ParallelNet.InputSize);
        var outputs = new float[MaxBatch * ParallelNet.OutputSize];
        // Both threads run each call: the calling thread's and the worker's allocations are counted (see Allocations).
        Allocations.AssertNoneOnAnyThread(network, () => network.PredictBatch(inputs, outputs), calls: 1000);
        network.DegreeOfParallelism = 1;
    }

    [Fact]
    public void PredictBatchChecksItsArguments()
    {
        var network = new ParallelNet(seed: 1) { DegreeOfParallelism = 2 };
        Assert.Throws<ArgumentException>(() => network.PredictBatch(new float[ParallelNet.InputSize + 1], new float[ParallelNet.OutputSize]));
        Assert.Throws<ArgumentException>(() => network.PredictBatch(new float[ParallelNet.InputSize], new float[ParallelNet.OutputSize + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.DegreeOfParallelism = 0);
        network.DegreeOfParallelism = 1;
    }
}

/// <summary>The collection of tests that must not run alongside any other.</summary>
[CollectionDefinition(ParallelInferenceTests.Alone, DisableParallelization = true)]
public sealed class RunsAloneCollection;
