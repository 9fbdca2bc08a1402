using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Training;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>
/// The trainer's edges, each checked on both sides: how <see cref="Trainer.Evaluate{TNetwork}"/> cuts a data set into
/// batches and weighs them, how <see cref="Trainer.CountCorrect"/> decides at 0.5 and on ties, when the best weights
/// are restored, what <see cref="BatchProgress"/> reports, which option values are refused, and
/// <see cref="Trainer.AllFinite"/> at every position around its vector blocks.
/// </summary>
public sealed class TrainerBoundaryTests
{
    [Theory]
    [InlineData(10, 4, new[] { 4, 4, 2 })]
    [InlineData(8, 4, new[] { 4, 4 })]
    [InlineData(3, 4, new[] { 3 })]
    [InlineData(1, 1, new[] { 1 })]
    public void EvaluateCutsTheSetIntoBatchesOfAtMostMaxBatchSize(int samples, int maxBatchSize, int[] batches)
    {
        var network = new RecordingNetwork(maxBatchSize);

        Trainer.Evaluate(network, Indices(samples), new float[samples]);

        Assert.Equal(batches, network.EvaluatedBatches.Select(static b => b.Length));
        Assert.Equal(Enumerable.Range(0, samples).Select(static i => (float)i), network.EvaluatedBatches.SelectMany(static b => b));
    }

    [Fact]
    public void EvaluateWeighsEachBatchByItsSamples()
    {
        // Batches 0..3, 4..7, 8..9 with losses 1.5, 5.5 and 8.5 (their means): the mean over samples is 4.5, the mean
        // of the three batch losses would be 5.1666.
        var network = new RecordingNetwork(maxBatchSize: 4) { EvaluationLoss = static inputs => (float)inputs.Average() };

        (float loss, float _) = Trainer.Evaluate(network, Indices(10), new float[10]);

        Assert.Equal(4.5f, loss);
    }

    [Fact]
    public void EvaluateCountsEveryBatchTowardsTheAccuracy()
    {
        // The outputs are the inputs: samples 0..9 with targets 1 for the samples above 0.5. Every sample but 0 is above
        // 0.5, so a target of 1 everywhere is right 9 times in 10, in every batch.
        var network = new RecordingNetwork(maxBatchSize: 4);
        float[] targets = Enumerable.Repeat(1f, 10).ToArray();

        (float _, float accuracy) = Trainer.Evaluate(network, Indices(10), targets);

        Assert.Equal(0.9f, accuracy);
    }

    [Theory]
    [InlineData(0.5f, 1f, 0)]
    [InlineData(0.50000006f, 1f, 1)]
    [InlineData(0.5f, 0f, 1)]
    [InlineData(0.4f, 0.5f, 1)]
    [InlineData(0.6f, 0.5f, 0)]
    public void OneOutputIsRightWhenOutputAndTargetAreOnTheSameSideOfOneHalf(float output, float target, int correct) =>
        Assert.Equal(correct, Trainer.CountCorrect([output], [target], width: 1));

    [Theory]
    [InlineData(new[] { 0.3f, 0.3f, 0.1f }, new[] { 1f, 0f, 0f }, 1)]
    [InlineData(new[] { 0.3f, 0.3f, 0.1f }, new[] { 0f, 1f, 0f }, 0)]
    [InlineData(new[] { 0.1f, 0.3f, 0.3f }, new[] { 0f, 1f, 0f }, 1)]
    [InlineData(new[] { 0.2f, 0.2f, 0.2f }, new[] { 0f, 0f, 1f }, 0)]
    [InlineData(new[] { 0.2f, 0.5f, 0.2f }, new[] { 0.5f, 0.5f, 0f }, 0)]
    public void SeveralOutputsCompareTheirFirstLargestValues(float[] outputs, float[] targets, int correct) =>
        Assert.Equal(correct, Trainer.CountCorrect(outputs, targets, width: 3));

    [Fact]
    public void CountCorrectCountsEachRowOnce()
    {
        float[] outputs = [0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f];
        float[] targets = [1f, 0f, 0f, 1f, 0f, 1f];

        Assert.Equal(2, Trainer.CountCorrect(outputs, targets, width: 2));
    }

    [Fact]
    public void BestWeightsAreNotRestoredWhenNoEpochImproved()
    {
        // A NaN validation loss is never lower than the best so far, so no epoch is best: the parameters stay those
        // of the last step (1, set by the test) instead of the buffer the best ones would have been copied to.
        var network = new RecordingNetwork(maxBatchSize: 4) { EvaluationLoss = static _ => float.NaN };
        network.Parameters[0] = 1f;

        TrainingResult result = Trainer.Fit(network, Indices(8), new float[8], Indices(4), new float[4], new TrainingOptions { Epochs = 2, BatchSize = 4, RestoreBestWeights = true, DegreeOfParallelism = 1 });

        Assert.Equal(0, result.BestEpoch);
        Assert.False(result.RestoredBestWeights);
        Assert.Equal(1f, network.Parameters[0]);
    }

    [Fact]
    public void BestWeightsAreRestoredFromTheBestEpoch()
    {
        // Validation losses 3, 1, 2: epoch 2 is best, so the parameters it validated come back after epoch 3. The
        // epoch callback runs after validation and stands in for training: epoch 2 validated the 10 that epoch 1's
        // callback left, and the last value is 30.
        float[] losses = [3f, 1f, 2f];
        int call = 0;
        var network = new RecordingNetwork(maxBatchSize: 4) { EvaluationLoss = _ => losses[call++] };
        var options = new TrainingOptions
        {
            Epochs = 3,
            BatchSize = 4,
            RestoreBestWeights = true,
            DegreeOfParallelism = 1,
            OnEpochEnd = record => network.Parameters[0] = 10 * record.Epoch, // what "training" left after each epoch
        };

        TrainingResult result = Trainer.Fit(network, Indices(4), new float[4], Indices(4), new float[4], options);

        Assert.Equal(2, result.BestEpoch);
        Assert.True(result.RestoredBestWeights);
        Assert.Equal(10f, network.Parameters[0]);
    }

    [Fact]
    public void BatchProgressReportsTheSamplesDoneAfterEachBatch()
    {
        var progress = new List<BatchProgress>();
        var network = new RecordingNetwork(maxBatchSize: 4);

        Trainer.Fit(network, Indices(10), new float[10], new TrainingOptions { Epochs = 2, BatchSize = 4, DegreeOfParallelism = 1, OnBatchEnd = progress.Add });

        Assert.Equal([4, 8, 10, 4, 8, 10], progress.Select(static p => p.SamplesDone));
        Assert.All(progress, static p => Assert.Equal(10, p.Samples));
        Assert.Equal([1, 1, 1, 2, 2, 2], progress.Select(static p => p.Epoch));
    }

    public static TheoryData<string, TrainingOptions> RefusedOptions => new()
    {
        { "Epochs", new TrainingOptions { Epochs = -1 } },
        { "ValidationInterval", new TrainingOptions { ValidationInterval = 0 } },
        { "EarlyStoppingPatience", new TrainingOptions { EarlyStoppingPatience = -1 } },
        { "DegreeOfParallelism", new TrainingOptions { DegreeOfParallelism = 0 } },
        { "BatchSize", new TrainingOptions { BatchSize = -1 } },
    };

    [Theory]
    [MemberData(nameof(RefusedOptions))]
    public void AnOptionJustOutOfRangeIsRefusedByName(string name, TrainingOptions options)
    {
        var network = new RecordingNetwork(maxBatchSize: 4);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(network, Indices(4), new float[4], options));

        Assert.Equal(name, error.ParamName);
        Assert.Empty(network.Batches);
    }

    [Fact]
    public void TheSmallestAcceptedValueOfEachOptionTrains()
    {
        // Epochs 0 trains nothing; the others at their lower bounds train one epoch.
        var none = new RecordingNetwork(maxBatchSize: 4);
        TrainingResult nothing = Trainer.Fit(none, Indices(4), new float[4], new TrainingOptions { Epochs = 0 });
        Assert.Empty(none.Batches);
        Assert.Empty(nothing.History);

        var network = new RecordingNetwork(maxBatchSize: 4);
        TrainingResult result = Trainer.Fit(network, Indices(4), new float[4], new TrainingOptions
        {
            Epochs = 1,
            ValidationInterval = 1,
            EarlyStoppingPatience = 0,
            DegreeOfParallelism = 1,
            BatchSize = TrainingOptions.FullBatch,
        });

        Assert.Single(result.History);
        Assert.Equal([4], network.Batches.Select(static b => b.Samples.Length));
    }

    [Fact]
    public void AllFiniteFindsAnyNonFiniteValueWhereverItLies()
    {
        // Lengths around the blocks of 4 vectors of 8 and the single vectors, each non-finite kind at each position.
        foreach (int length in new[] { 0, 1, 7, 8, 9, 15, 16, 31, 32, 33, 39, 40, 63, 64, 65, 71 })
        {
            float[] values = Enumerable.Range(0, length).Select(static i => i * 0.5f - 3f).ToArray();
            Assert.True(Trainer.AllFinite(values), $"length {length}");
            for (int position = 0; position < length; position++)
            {
                foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                {
                    float kept = values[position];
                    values[position] = bad;
                    Assert.False(Trainer.AllFinite(values), $"{bad} at {position} of {length}");
                    values[position] = kept;
                }
            }
        }
    }

    [Fact]
    public void AllFiniteAcceptsTheLargestFiniteValues()
    {
        float[] values = Enumerable.Repeat(float.MaxValue, 40).Concat(Enumerable.Repeat(-float.MaxValue, 3)).ToArray();

        Assert.True(Trainer.AllFinite(values));
    }

    private static float[] Indices(int samples) => Enumerable.Range(0, samples).Select(static i => (float)i).ToArray();
}
