using System;
using StaticNets.Schedules;

namespace StaticNets.Training;

/// <summary>How <see cref="Trainer.Fit{TNetwork}"/> trains: epochs, batch mode, shuffling, the learning-rate schedule and threads.</summary>
public sealed record TrainingOptions
{
    /// <summary>The batch size that means "the whole training set in one batch" (full-batch gradient descent).</summary>
    public const int FullBatch = 0;

    /// <summary>The batch size of stochastic gradient descent: one sample per step.</summary>
    public const int Stochastic = 1;

    /// <summary>Passes over the training set. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Samples per step: <see cref="FullBatch"/> (0) for full-batch gradient descent, <see cref="Stochastic"/> (1) for
    /// stochastic gradient descent, anything else for mini-batches (the last batch of an epoch may be smaller).
    /// Must not exceed the network's <see cref="INetwork.MaxBatchSize"/>. Default 32.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Threads each training step and validation batch is shared out over (the network's
    /// <see cref="INetwork.DegreeOfParallelism"/>, set for the run and restored afterwards), or <see langword="null"/>
    /// (the default) for <see cref="Parallelism.For{TNetwork}(int)"/>'s choice for the network and the batch size.
    /// Results are bitwise the same for every value; only the time changes.
    /// </summary>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>Reshuffle the samples at the start of every epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds the shuffling, so equal seeds give equal runs. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// The learning rate at each optimizer step (counted from 0 across epochs), or <see langword="null"/> to keep the
    /// network's <see cref="INetwork.LearningRate"/>.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Evaluate the validation set every this many epochs (and after the last). Default 1.</summary>
    public int ValidationInterval { get; init; } = 1;

    /// <summary>
    /// Stop when the validation loss has not improved for this many evaluations; 0 (the default) never stops early.
    /// Needs a validation set.
    /// </summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>After training with a validation set, restore the parameters of the epoch with the lowest validation loss. Default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Called after every batch, e.g. to move a progress bar. Keep it cheap: it runs between steps.</summary>
    public Action<BatchProgress>? OnBatchEnd { get; init; }

    /// <summary>Called after every epoch (after validation, if it ran), e.g. to report progress.</summary>
    public Action<EpochRecord>? OnEpochEnd { get; init; }

    /// <summary>Checks the options against a network and a training set; throws naming the offending option.</summary>
    /// <param name="maxBatchSize">The network's largest batch.</param>
    /// <param name="samples">Samples in the training set.</param>
    /// <returns>The batch size to use.</returns>
    internal int Validate(int maxBatchSize, int samples)
    {
        if (Epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"Epochs must be zero or more, but it is {Epochs}.");
        }

        if (ValidationInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationInterval), ValidationInterval, $"ValidationInterval must be at least 1, but it is {ValidationInterval}.");
        }

        if (EarlyStoppingPatience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"EarlyStoppingPatience must be zero or more, but it is {EarlyStoppingPatience}.");
        }

        if (DegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DegreeOfParallelism), DegreeOfParallelism, $"DegreeOfParallelism must be at least 1 (or null for the automatic choice), but it is {DegreeOfParallelism}.");
        }

        if (BatchSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"BatchSize must be FullBatch (0) or positive, but it is {BatchSize}.");
        }

        int batch = BatchSize == FullBatch ? samples : Math.Min(BatchSize, samples);
        if (batch > maxBatchSize)
        {
            throw new ArgumentException(
                $"Batches of {batch} samples{(BatchSize == FullBatch ? " (the full training set)" : string.Empty)} exceed the network's MaxBatchSize of {maxBatchSize}; construct the network with maxBatchSize: {batch} or choose a smaller BatchSize.",
                nameof(BatchSize));
        }

        return batch;
    }
}
