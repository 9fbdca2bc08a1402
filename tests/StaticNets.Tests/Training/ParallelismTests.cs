using System;
using System.Linq;
using StaticNets.Tests.Networks;
using StaticNets.Training;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>
/// The automatic thread count (<see cref="Parallelism"/>), the multiply-add counts it reads, and
/// <see cref="TrainingOptions.DegreeOfParallelism"/> in <see cref="Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions?)"/>.
/// </summary>
public sealed class ParallelismTests
{
    [Fact]
    public void MultiplyAddsPerSampleCountsEveryWeightOfADenseLayerOnce()
    {
        // 37 -> [dropout] -> 49 -> [dropout] -> 21 -> 10: one multiply-add per weight, none for dropout.
        Assert.Equal(37L * 49 + 49 * 21 + 21 * 10, Read<ParallelNet>());
        Assert.Equal(2L * 1, Read<TrainerLinearNet>());
    }

    [Fact]
    public void MultiplyAddsPerSampleCountsEveryWeightOfAConvolutionOncePerOutputPixel()
    {
        // 28x28x1 -> 3x3x32 valid: 26x26 pixels; pool -> 13x13; 3x3x32x64 valid: 11x11 pixels; pool -> 5x5x64 = 1600;
        // dense 1600 -> 64 -> 10. Pooling and flatten multiply nothing.
        long expected = 26L * 26 * (3 * 3 * 1 * 32) + 11L * 11 * (3 * 3 * 32 * 64) + 1600L * 64 + 64L * 10;
        Assert.Equal(expected, Read<ReferenceCnn>());

        // 9x8x3 -> 3x3x5 stride 2, same padding: ceil(9/2) x ceil(8/2) = 5x4 pixels; then 2x2x5x6 same: 5x4 pixels;
        // average pool 2, stride 1: 4x3x6 = 72; dense 72 -> 3.
        long strided = 5L * 4 * (3 * 3 * 3 * 5) + 5L * 4 * (2 * 2 * 5 * 6) + 72L * 3;
        Assert.Equal(strided, Read<ConvSameAveragePoolMse>());
    }

    [Theory]
    [InlineData(0L, 1, 8, 1)] // no arithmetic: one thread
    [InlineData(101_632L, 4, 2, 1)] // 0.4 million: below one thread's share
    [InlineData(101_632L, 8, 2, 1)] // 0.81 million: one share, still one thread
    [InlineData(101_632L, 16, 2, 2)] // 1.6 million: two shares
    [InlineData(101_632L, 128, 2, 2)] // many shares, two processors
    [InlineData(101_632L, 128, 1, 1)] // one processor
    [InlineData(101_632L, 128, 64, Parallelism.MaxThreads)] // many processors: capped
    [InlineData(long.MaxValue, 1000, 3, 3)] // no overflow
    public void AutomaticChoiceGivesEachThreadItsShareUpToTheProcessors(long multiplyAdds, int batch, int processors, int expected)
    {
        Assert.Equal(expected, Parallelism.For(multiplyAdds, batch, processors));
    }

    [Fact]
    public void AutomaticChoiceNamesTheArgumentItRefuses()
    {
        Assert.Equal("multiplyAddsPerSample", Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.For(-1, 1, 1)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.For(1, 0, 1)).ParamName);
        Assert.Equal("processors", Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.For(1, 1, 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.For<ParallelNet>(0)).ParamName);
    }

    [Fact]
    public void FitRunsOnTheThreadsItIsGivenAndRestoresTheNetworksOwnSetting()
    {
        (float[] x, float[] y) = Data(64, seed: 1);
        var network = new ParallelNet(seed: 2) { DegreeOfParallelism = 3 };
        int seen = 0;
        Trainer.Fit(network, x, y, new TrainingOptions
        {
            Epochs = 1,
            BatchSize = 16,
            DegreeOfParallelism = 2,
            OnBatchEnd = _ => seen = network.DegreeOfParallelism,
        });

        Assert.Equal(2, seen);
        Assert.Equal(3, network.DegreeOfParallelism);
        network.DegreeOfParallelism = 1;
    }

    [Fact]
    public void FitWithoutAThreadCountUsesTheAutomaticChoice()
    {
        (float[] x, float[] y) = Data(64, seed: 1);
        var network = new ParallelNet(seed: 2);
        int seen = 0;
        Trainer.Fit(network, x, y, new TrainingOptions { Epochs = 1, BatchSize = 64, OnBatchEnd = _ => seen = network.DegreeOfParallelism });

        Assert.Equal(Parallelism.For<ParallelNet>(64), seen);
        Assert.Equal(1, network.DegreeOfParallelism);
    }

    [Fact]
    public void EveryThreadCountTrainsBitwiseTheSame()
    {
        (float[] x, float[] y) = Data(64, seed: 3);
        (float[] vx, float[] vy) = Data(20, seed: 4);
        float[]? expected = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var network = new ParallelNet(seed: 5);
            TrainingResult result = Trainer.Fit(network, x, y, vx, vy, new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = 6, DegreeOfParallelism = threads });
            Assert.False(result.Diverged);
            float[] parameters = network.Parameters.ToArray();
            expected ??= parameters;
            Assert.True(expected.AsSpan().SequenceEqual(parameters), $"{threads} threads trained other parameters than 1 thread");
        }
    }

    [Fact]
    public void ThreadCountBelowOneIsRejectedNamingTheOption()
    {
        (float[] x, float[] y) = Data(16, seed: 1);
        var network = new ParallelNet(seed: 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(network, x, y, new TrainingOptions { DegreeOfParallelism = 0 }));
        Assert.Equal(nameof(TrainingOptions.DegreeOfParallelism), error.ParamName);
        Assert.Contains("0", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, network.DegreeOfParallelism);
    }

    private static long Read<TNetwork>()
        where TNetwork : INetwork => TNetwork.MultiplyAddsPerSample;

    private static (float[] Inputs, float[] Targets) Data(int samples, ulong seed)
    {
        var random = new SeededRandom(seed);
        var inputs = new float[samples * ParallelNet.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle() * 2f - 1f;
        }

        var targets = new float[samples * ParallelNet.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            targets[s * ParallelNet.OutputSize + random.NextInt32(ParallelNet.OutputSize)] = 1f;
        }

        return (inputs, targets);
    }
}
