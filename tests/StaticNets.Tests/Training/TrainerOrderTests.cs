using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Schedules;
using StaticNets.Training;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>
/// What the trainer feeds a network, seen through <see cref="RecordingNetwork"/>: which samples each epoch visits and
/// in what order, the learning rate of every step under a schedule, and how batches of different sizes weigh in the
/// epoch loss.
/// </summary>
public sealed class TrainerOrderTests
{
    private const int Samples = 10;

    [Fact]
    public void EveryEpochVisitsEverySampleOnceInAFreshOrder()
    {
        var network = new RecordingNetwork(maxBatchSize: 4);

        Trainer.Fit(network, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 6, BatchSize = 4, Seed = 3, DegreeOfParallelism = 1 });

        List<int[]> epochs = Epochs(network, batchesPerEpoch: 3);
        Assert.Equal(6, epochs.Count);
        foreach (int[] order in epochs)
        {
            Assert.Equal(Enumerable.Range(0, Samples), order.Order());
        }

        // Six independent shuffles of ten samples repeat an order with probability below 15/10! ≈ 4e-6; an epoch
        // that reuses the previous order, or returns to the unshuffled one, is a bug.
        Assert.Equal(6, epochs.Select(order => string.Join(",", order)).Distinct().Count());
        Assert.DoesNotContain(epochs, order => order.SequenceEqual(Enumerable.Range(0, Samples)));
    }

    [Fact]
    public void TheSameSeedGivesTheSameOrdersAndAnotherSeedOthers()
    {
        var first = new RecordingNetwork(maxBatchSize: 4);
        var second = new RecordingNetwork(maxBatchSize: 4);
        var other = new RecordingNetwork(maxBatchSize: 4);

        Trainer.Fit(first, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 3, BatchSize = 4, Seed = 3, DegreeOfParallelism = 1 });
        Trainer.Fit(second, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 3, BatchSize = 4, Seed = 3, DegreeOfParallelism = 1 });
        Trainer.Fit(other, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 3, BatchSize = 4, Seed = 4, DegreeOfParallelism = 1 });

        Assert.Equal(Epochs(first, 3), Epochs(second, 3));
        Assert.NotEqual(Epochs(first, 3), Epochs(other, 3));
    }

    [Fact]
    public void WithoutShufflingEveryEpochVisitsTheSamplesInOrder()
    {
        var network = new RecordingNetwork(maxBatchSize: 4);

        Trainer.Fit(network, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 3, BatchSize = 4, Shuffle = false, DegreeOfParallelism = 1 });

        Assert.All(Epochs(network, 3), order => Assert.Equal(Enumerable.Range(0, Samples), order));
        Assert.Equal([4, 4, 2, 4, 4, 2, 4, 4, 2], network.Batches.Select(batch => batch.Samples.Length));
    }

    [Fact]
    public void StepNRunsAtTheRateTheScheduleGivesForStepN()
    {
        var network = new RecordingNetwork(maxBatchSize: 4);
        var schedule = new StepNumberSchedule();

        TrainingResult result = Trainer.Fit(network, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 2, BatchSize = 4, Schedule = schedule, DegreeOfParallelism = 1 });

        // Steps are counted from 0 across epochs: three batches per epoch, six steps.
        Assert.Equal(6, result.Steps);
        Assert.Equal([1000f, 1001f, 1002f, 1003f, 1004f, 1005f], network.Batches.Select(batch => batch.LearningRate));
        // Each epoch's record holds the rate of its last step.
        Assert.Equal([1002f, 1005f], result.History.Select(epoch => epoch.LearningRate));
    }

    [Fact]
    public void EpochLossWeighsEachBatchByItsSamples()
    {
        var network = new RecordingNetwork(maxBatchSize: 4);

        TrainingResult result = Trainer.Fit(network, SampleIndices(), new float[Samples], new TrainingOptions { Epochs = 2, BatchSize = 4, Seed = 5, DegreeOfParallelism = 1 });

        // Batches of 4, 4 and 2 report the means of their sample indices; weighted by their sizes they give the mean
        // of 0..9, 4.5, whatever the order. Weighing the short batch as a full one, or averaging the three means,
        // gives something else for almost every order (for the unshuffled one: 6.2 and 5.17).
        Assert.All(network.Batches.Where(batch => batch.Samples.Length == 2), batch => Assert.NotEqual(4.5, batch.Samples.Average()));
        Assert.Equal([4.5f, 4.5f], result.EpochLosses);
    }

    private static float[] SampleIndices() => Enumerable.Range(0, Samples).Select(k => (float)k).ToArray();

    /// <summary>The samples of each epoch in the order the network saw them.</summary>
    private static List<int[]> Epochs(RecordingNetwork network, int batchesPerEpoch) =>
        network.Batches.Chunk(batchesPerEpoch).Select(epoch => epoch.SelectMany(batch => batch.Samples).ToArray()).ToList();

    /// <summary>A schedule whose rate names its step: 1000 + step.</summary>
    private sealed class StepNumberSchedule : LearningRateSchedule
    {
        public override float At(int step) => 1000f + step;
    }
}
