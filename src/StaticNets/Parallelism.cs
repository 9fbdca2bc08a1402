using System;

namespace StaticNets;

/// <summary>
/// The automatic choice of <see cref="INetwork.DegreeOfParallelism"/> for training: as many threads as give each one
/// at least <see cref="MultiplyAddsPerThread"/> multiply-adds of a batch's forward pass, up to the machine's processors
/// and <see cref="MaxThreads"/>. <see cref="Training.Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, Training.TrainingOptions?)"/>
/// uses it unless told otherwise.
/// </summary>
/// <remarks>
/// Sharing a step out costs each layer a hand-off between threads (about a microsecond on the 2-core machine the rule was
/// measured on), so a batch is shared out only when each thread's part is long enough to pay for it. Measured there,
/// with <c>TrainBatch</c> loops on one and two threads: 784 → 128 → 10 at batch 16 (1.6 million multiply-adds) ran in 0.82
/// of the one-thread time on two, at batch 32 in 0.73; a small CNN (8 and 16 filters) at batch 8 (1.5 million) in 0.93;
/// 784 → 16 → 10 at batch 64 (0.8 million) in 1.25 and 64 → 64 → 10 at batch 128 (0.6 million) in 1.57, i.e. slower.
/// Near the threshold the two choices are within about 5 % of each other. Results are bitwise the same for every thread
/// count, so the choice changes only the time.
/// </remarks>
public static class Parallelism
{
    /// <summary>The forward-pass multiply-adds per step each thread should have at least (about 3 times as many in a training step).</summary>
    public const long MultiplyAddsPerThread = 500_000;

    /// <summary>The most threads the automatic choice takes (the generated kernels share large layers in four chunks of their inputs).</summary>
    public const int MaxThreads = 4;

    /// <summary>The automatic thread count for training <typeparamref name="TNetwork"/> on batches of <paramref name="batchSize"/>, on this machine.</summary>
    /// <typeparam name="TNetwork">A generated network.</typeparam>
    /// <param name="batchSize">Samples per step; at least 1.</param>
    /// <returns>At least 1, at most <see cref="Environment.ProcessorCount"/> and <see cref="MaxThreads"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    public static int For<TNetwork>(int batchSize)
        where TNetwork : INetwork =>
        For(TNetwork.MultiplyAddsPerSample, batchSize, Environment.ProcessorCount);

    /// <summary>The automatic thread count for a step of <paramref name="batchSize"/> samples of <paramref name="multiplyAddsPerSample"/> each.</summary>
    /// <param name="multiplyAddsPerSample">A network's <see cref="INetwork.MultiplyAddsPerSample"/>; zero or more.</param>
    /// <param name="batchSize">Samples per step; at least 1.</param>
    /// <param name="processors">Processors available; at least 1.</param>
    /// <returns>At least 1, at most <paramref name="processors"/> and <see cref="MaxThreads"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static int For(long multiplyAddsPerSample, int batchSize, int processors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(multiplyAddsPerSample);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(processors, 1);
        long work = multiplyAddsPerSample > long.MaxValue / batchSize ? long.MaxValue : multiplyAddsPerSample * batchSize;
        long threads = work / MultiplyAddsPerThread;
        return (int)Math.Clamp(threads, 1, Math.Min(processors, MaxThreads));
    }
}
