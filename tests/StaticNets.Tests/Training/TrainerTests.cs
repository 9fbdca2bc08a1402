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
