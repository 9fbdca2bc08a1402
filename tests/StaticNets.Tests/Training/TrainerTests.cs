using System;
using System.Linq;
using StaticNets.Schedules;
using StaticNets.Training;
using Xunit;

namespace StaticNets.Tests.Training;

public sealed class TrainerTests
{
    private const int Samples = 100;

    [Fact]
    public void FullBatchTakesOneStepPerEpochAndEqualsAHandWrittenLoop()
    {
        (float[] x, float[] y) = LinearData(Samples, seed: 1);
        var trained = new TrainerLinearNet(seed: 3);
        var manual = new TrainerLinearNet(seed: 3);

        TrainingResult result = Trainer.Fit(trained, x, y, new TrainingOptions { Epochs = 20, BatchSize = TrainingOptions.FullBatch, Shuffle = false });
        for (int epoch = 0; epoch < 20; epoch++)
        {
            manual.TrainBatch(x, y);
        }

        Assert.False(result.Diverged);
        Assert.Equal(20, result.Steps);
        Assert.Equal(20, result.EpochLosses.Count);
        Assert.Equal(Bits(manual.Parameters.ToArray()), Bits(trained.Parameters.ToArray()));
    }

    [Fact]
    public void StochasticModeTakesOneStepPerSample()
    {
        (float[] x, float[] y) = LinearData(Samples, seed: 2);
        var net = new TrainerLinearNet(seed: 3) { LearningRate = 0.001f };

        TrainingResult result = Trainer.Fit(net, x, y, new TrainingOptions { Epochs = 3, BatchSize = TrainingOptions.Stochastic, Seed = 5 });

        Assert.Equal(3 * Samples, result.Steps);
        Assert.True(result.EpochLosses[^1] < result.EpochLosses[0], $"loss did not fall: {string.Join(", ", result.EpochLosses)}");
    }

    [Fact]
    public void MiniBatchesCoverTheSetWithASmallerLastBatch()
    {
        (float[] x, float[] y) = LinearData(10, seed: 3);
        var net = new TrainerLinearNet(seed: 3);

        TrainingResult result = Trainer.Fit(net, x, y, new TrainingOptions { Epochs = 2, BatchSize = 4 });

        Assert.Equal(2 * 3, result.Steps); // batches of 4, 4 and 2
    }

    [Fact]
    public void SameSeedsGiveBitwiseIdenticalTrainingWithShufflingAndDropout()
    {
        (float[] x, float[] y) = ClassData(Samples, seed: 4);
        var first = new TrainerClassifierNet(seed: 9);
        var second = new TrainerClassifierNet(seed: 9);
        var otherShuffle = new TrainerClassifierNet(seed: 9);
        var options = new TrainingOptions { Epochs = 5, BatchSize = 16, Seed = 11 };

        TrainingResult a = Trainer.Fit(first, x, y, options);
        TrainingResult b = Trainer.Fit(second, x, y, options);
        Trainer.Fit(otherShuffle, x, y, new TrainingOptions { Epochs = 5, BatchSize = 16, Seed = 12 });

        Assert.Equal(a.EpochLosses, b.EpochLosses);
        Assert.Equal(Bits(first.Parameters.ToArray()), Bits(second.Parameters.ToArray()));
        Assert.NotEqual(Bits(first.Parameters.ToArray()), Bits(otherShuffle.Parameters.ToArray()));
    }

    [Fact]
    public void ClassifierLearnsASeparableProblem()
    {
        (float[] x, float[] y) = ClassData(Samples, seed: 5);
        var net = new TrainerClassifierNet(seed: 1);

        TrainingResult result = Trainer.Fit(net, x, y, new TrainingOptions { Epochs = 40, BatchSize = 10, Seed = 2 });

        Assert.False(result.Diverged);
        Assert.True(result.EpochLosses[^1] < 0.5f * result.EpochLosses[0], $"loss: {result.EpochLosses[0]} -> {result.EpochLosses[^1]}");
    }

    [Fact]
    public void TooLargeALearningRateStopsWithTheEpochStepAndRate()
    {
        // The linear data has inputs up to 10 in size: full-batch descent at rate 1 overshoots by a factor of
        // about 2·E[x²] ≈ 67 per step and overflows float within a few dozen steps, as in report 003.
        (float[] x, float[] y) = LinearData(Samples, seed: 6);
        var net = new TrainerLinearNet(seed: 3) { LearningRate = 1f };

        TrainingResult result = Trainer.Fit(net, x, y, new TrainingOptions { Epochs = 500, BatchSize = TrainingOptions.FullBatch });

        Assert.True(result.Diverged);
        Divergence divergence = result.Divergence!;
        Assert.Equal(1f, divergence.LearningRate);
        Assert.Equal(divergence.Step, result.Steps);
        Assert.Equal(divergence.Epoch, divergence.Step); // one step per epoch in full-batch mode
        Assert.InRange(divergence.Step, 2, 100);
        Assert.Equal(divergence.Epoch - 1, result.EpochLosses.Count);
        Assert.Contains("diverged at epoch", result.ToString());
    }

    [Fact]
    public void ScheduleSetsTheLearningRateOfEveryStep()
    {
        (float[] x, float[] y) = LinearData(Samples, seed: 7);
        var net = new TrainerLinearNet(seed: 3);
        var schedule = new StepDecaySchedule(0.01f, 4, 0.5f);

        TrainingResult result = Trainer.Fit(net, x, y, new TrainingOptions { Epochs = 10, BatchSize = TrainingOptions.FullBatch, Schedule = schedule });

        Assert.Equal(10, result.Steps);
        Assert.Equal(0.01f * 0.5f * 0.5f, net.LearningRate); // step 9 (the tenth) is in the third period of 4
    }

    [Fact]
    public void BatchLargerThanTheWorkspaceIsRejectedNamingTheOption()
    {
        (float[] x, float[] y) = LinearData(Samples, seed: 8);
        var net = new TrainerLinearNet(seed: 3, maxBatchSize: 50);

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, y, new TrainingOptions { BatchSize = TrainingOptions.FullBatch }));

        Assert.Equal("BatchSize", e.ParamName);
        Assert.Contains("100", e.Message);
        Assert.Contains("50", e.Message);
    }

    [Fact]
    public void TargetsOfTheWrongLengthAreRejected()
    {
        (float[] x, float[] y) = LinearData(Samples, seed: 9);

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new TrainerLinearNet(), x, y.AsSpan(1).ToArray()));

        Assert.Equal("targets", e.ParamName);
        Assert.Contains("100", e.Message);
        Assert.Contains("99", e.Message);
    }

    [Fact]
    public void AllFiniteFindsNaNAndInfinityAnywhere()
    {
        var values = new float[37];
        Assert.True(Trainer.AllFinite(values));
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = k % 2 == 0 ? float.NaN : float.NegativeInfinity;
            Assert.False(Trainer.AllFinite(values));
            values[k] = 0f;
        }
    }

    [Fact]
    public void HistoryHasOneRecordPerEpochWithValidationAtTheInterval()
    {
        (float[] x, float[] y) = ClassData(Samples, seed: 10);
        (float[] vx, float[] vy) = ClassData(30, seed: 11);
        var net = new TrainerClassifierNet(seed: 1);
        var seen = new System.Collections.Generic.List<int>();

        TrainingResult result = Trainer.Fit(net, x, y, vx, vy, new TrainingOptions
        {
            Epochs = 7,
            BatchSize = 10,
            ValidationInterval = 3,
            OnEpochEnd = record => seen.Add(record.Epoch),
        });

        Assert.Equal(StopReason.Completed, result.Reason);
        Assert.Equal(7, result.History.Count);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7 }, seen);
        Assert.Equal(new[] { 3, 6, 7 }, result.History.Where(r => r.HasValidation).Select(r => r.Epoch)); // every third, and the last
        Assert.All(result.History, r => Assert.InRange(r.TrainAccuracy, 0f, 1f));
        Assert.True(result.History[^1].ValidationAccuracy > 0.9f, $"validation accuracy {result.History[^1].ValidationAccuracy}");
    }

    [Fact]
    public void ValidationLossEqualsAnIndependentEvaluation()
    {
        (float[] x, float[] y) = ClassData(Samples, seed: 12);
        (float[] vx, float[] vy) = ClassData(30, seed: 13);
        var net = new TrainerClassifierNet(seed: 1);

        TrainingResult result = Trainer.Fit(net, x, y, vx, vy, new TrainingOptions { Epochs = 3, BatchSize = 10, RestoreBestWeights = false });

        // Recompute the last validation loss sample by sample with Predict (inference mode) and -log p(label).
        double loss = 0;
        var probabilities = new float[3];
        for (int s = 0; s < 30; s++)
        {
            net.Predict(vx.AsSpan(4 * s, 4), probabilities);
            int label = Array.IndexOf(vy, 1f, 3 * s, 3) - 3 * s;
            loss -= Math.Log(probabilities[label]);
        }

        Assert.Equal(loss / 30, result.History[^1].ValidationLoss, 4);
    }

    [Fact]
    public void EarlyStoppingRestoresTheWeightsOfTheBestValidationEpoch()
    {
        // A large learning rate makes the validation loss rise after the first epochs, so patience runs out.
        (float[] x, float[] y) = ClassData(Samples, seed: 14);
        (float[] vx, float[] vy) = ClassData(30, seed: 15);
        var net = new TrainerClassifierNet(seed: 1) { LearningRate = 0.5f };
        float[]? bestSeen = null;
        float bestLoss = float.PositiveInfinity;

        TrainingResult result = Trainer.Fit(net, x, y, vx, vy, new TrainingOptions
        {
            Epochs = 200,
            BatchSize = 10,
            EarlyStoppingPatience = 3,
            OnEpochEnd = record =>
            {
                if (record.ValidationLoss < bestLoss)
                {
                    bestLoss = record.ValidationLoss;
                    bestSeen = net.Parameters.ToArray();
                }
            },
        });

        Assert.Equal(StopReason.EarlyStopped, result.Reason);
        Assert.True(result.RestoredBestWeights);
        Assert.Equal(result.History.Count - 3, result.BestEpoch);
        Assert.Equal(Bits(bestSeen!), Bits(net.Parameters.ToArray()));
        Assert.Equal(bestLoss, Trainer.Evaluate(net, vx, vy).Loss, 5);
    }

    [Fact]
    public void CancellationStopsBetweenBatchesAndKeepsTheHistory()
    {
        (float[] x, float[] y) = ClassData(Samples, seed: 16);
        var net = new TrainerClassifierNet(seed: 1);
        using var cancellation = new System.Threading.CancellationTokenSource();

        TrainingResult result = Trainer.Fit(net, x, y, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, new TrainingOptions
        {
            Epochs = 50,
            BatchSize = 10,
            OnEpochEnd = record =>
            {
                if (record.Epoch == 2)
                {
                    cancellation.Cancel();
                }
            },
        }, cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(2, result.History.Count);
        Assert.Equal(20, result.Steps);
    }

    [Fact]
    public void EarlyStoppingWithoutAValidationSetIsRejected()
    {
        (float[] x, float[] y) = ClassData(Samples, seed: 17);

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new TrainerClassifierNet(), x, y, new TrainingOptions { EarlyStoppingPatience = 2 }));

        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void CountCorrectComparesArgMaxOrTheHalfwayThreshold()
    {
        Assert.Equal(2, Trainer.CountCorrect([0.1f, 0.7f, 0.2f, 0.5f, 0.4f, 0.1f], [0f, 1f, 0f, 1f, 0f, 0f], 3));
        Assert.Equal(1, Trainer.CountCorrect([0.1f, 0.7f, 0.2f, 0.5f, 0.4f, 0.1f], [0f, 0f, 1f, 1f, 0f, 0f], 3));
        Assert.Equal(2, Trainer.CountCorrect([0.9f, 0.2f, 0.6f], [1f, 0f, 0f], 1));
    }

    private static (float[] X, float[] Y) LinearData(int samples, ulong seed)
    {
        var random = new SeededRandom(seed);
        var x = new float[2 * samples];
        var y = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            x[2 * s] = (float)(20 * random.NextDouble() - 10);
            x[2 * s + 1] = (float)(20 * random.NextDouble() - 10);
            y[s] = 13 * x[2 * s] + 7 * x[2 * s + 1] - 12 + (float)(2 * random.NextDouble() - 1);
        }

        return (x, y);
    }

    private static (float[] X, float[] Y) ClassData(int samples, ulong seed)
    {
        // Three well-separated blobs in four dimensions.
        var random = new SeededRandom(seed);
        var x = new float[4 * samples];
        var y = new float[3 * samples];
        for (int s = 0; s < samples; s++)
        {
            int label = s % 3;
            for (int k = 0; k < 4; k++)
            {
                x[4 * s + k] = (k == label ? 3f : 0f) + (float)(0.5 * random.NextGaussian());
            }

            y[3 * s + label] = 1f;
        }

        return (x, y);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
