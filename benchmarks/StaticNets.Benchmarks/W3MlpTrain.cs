using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StaticNets.Training;

namespace StaticNets.Benchmarks;

/// <summary>
/// W3 mlp-train: one epoch of 784 -> 128 ReLU -> 10 softmax on 60,000 Fashion-MNIST-sized samples, softmax
/// cross-entropy, Adam 0.001, at batch 32 and 128, on 1 and 2 threads. Two ways a user runs an epoch: <see cref="Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions?)"/>
/// with shuffling (what the examples do), and a bare loop of <c>TrainBatch</c> over the data in order (the
/// generated kernels alone). One operation is one epoch.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("W3 mlp-train")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class W3MlpTrain
{
    private float[] _inputs = null!;
    private float[] _targets = null!;
    private FashionMlpTrain _network = null!;

    /// <summary>Samples per batch.</summary>
    [Params(32, 128)]
    public int BatchSize { get; set; }

    /// <summary>Threads that share each step (<c>DegreeOfParallelism</c>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Creates the data and the network.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_inputs, _targets) = EpochData.Create(3);
        _network = new FashionMlpTrain(seed: 42, maxBatchSize: BatchSize) { DegreeOfParallelism = Threads };
    }

    /// <summary>Ends the worker threads.</summary>
    [GlobalCleanup]
    public void Cleanup() => _network.DegreeOfParallelism = 1;

    /// <summary>One epoch through <c>Trainer.Fit</c>, shuffled.</summary>
    [Benchmark(Description = "StaticNets Trainer.Fit, 1 epoch")]
    public float TrainerEpoch()
    {
        TrainingResult result = Trainer.Fit(_network, _inputs, _targets, new TrainingOptions { Epochs = 1, BatchSize = BatchSize, Seed = 1, DegreeOfParallelism = Threads });
        return result.History[^1].TrainLoss;
    }

    /// <summary>One epoch as a loop of <c>TrainBatch</c> over the data in order.</summary>
    [Benchmark(Description = "StaticNets TrainBatch loop, 1 epoch")]
    public float TrainBatchEpoch() => Epoch.Run(_network, _inputs, _targets, BatchSize);
}
