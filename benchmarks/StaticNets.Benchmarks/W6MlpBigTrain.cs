using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StaticNets.Training;

namespace StaticNets.Benchmarks;

/// <summary>
/// W6 mlp-big-train: one epoch of 784 -> 512 ReLU -> 256 ReLU -> 10 softmax on 60,000 Fashion-MNIST-sized samples,
/// softmax cross-entropy, Adam 0.001, batch 128, on 1 and 2 threads; through <c>Trainer.Fit</c> (shuffled) and as a bare <c>TrainBatch</c> loop.
/// One operation is one epoch.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("W6 mlp-big-train")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class W6MlpBigTrain
{
    /// <summary>Samples per batch.</summary>
    public const int BatchSize = 128;

    private float[] _inputs = null!;
    private float[] _targets = null!;
    private BigMlpTrain _network = null!;

    /// <summary>Threads that share each step (<c>DegreeOfParallelism</c>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Creates the data and the network.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_inputs, _targets) = EpochData.Create(6);
        _network = new BigMlpTrain(seed: 42, maxBatchSize: BatchSize) { DegreeOfParallelism = Threads };
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
