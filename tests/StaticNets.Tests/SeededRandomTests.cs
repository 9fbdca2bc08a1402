using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace StaticNets.Tests;

/// <summary>The networks' random source: fixed sequences per seed, values in range, unbiased shuffles.</summary>
public sealed class SeededRandomTests
{
    private const int Draws = 100_000;

    [Fact]
    public void SameSeedGivesTheSameSequence()
    {
        var first = new SeededRandom(12345);
        var second = new SeededRandom(12345);
        for (int k = 0; k < 1000; k++)
        {
            Assert.Equal(first.NextUInt64(), second.NextUInt64());
            Assert.Equal(first.NextDouble(), second.NextDouble());
            Assert.Equal(first.NextSingle(), second.NextSingle());
            Assert.Equal(first.NextGaussian(), second.NextGaussian());
            Assert.Equal(first.NextInt32(1000), second.NextInt32(1000));
        }
    }

    [Fact]
    public void SeedZeroStartsWithTheXoshiroOutputOfItsSplitMixState()
    {
        // SplitMix64 from state 0 gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, ... (the published reference
        // sequence); xoshiro256** returns rotl(s1 · 5, 7) · 9 for its first value.
        ulong s1 = 0x6E789E6AA1B965F4UL;
        ulong expected = ulong.RotateLeft(s1 * 5, 7) * 9;

        Assert.Equal(expected, new SeededRandom(0).NextUInt64());
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSequences()
    {
        ulong[] Take(ulong seed)
        {
            var random = new SeededRandom(seed);
            return Enumerable.Range(0, 8).Select(_ => random.NextUInt64()).ToArray();
        }

        Assert.NotEqual(Take(0), Take(1));
        Assert.NotEqual(Take(1), Take(2));
        Assert.NotEqual(Take(0), Take(ulong.MaxValue));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextInt32StaysInRange(int maxExclusive)
    {
        var random = new SeededRandom(7);
        int smallest = int.MaxValue, largest = int.MinValue;
        for (int k = 0; k < Draws; k++)
        {
            int value = random.NextInt32(maxExclusive);
            smallest = Math.Min(smallest, value);
            largest = Math.Max(largest, value);
        }

        Assert.True(smallest >= 0, $"drew {smallest}");
        Assert.True(largest < maxExclusive, $"drew {largest} for a bound of {maxExclusive}");
        if (maxExclusive <= 1000)
        {
            Assert.Equal(0, smallest); // both ends are reached
            Assert.Equal(maxExclusive - 1, largest);
        }
    }

    [Fact]
    public void NextInt32IsUniform()
    {
        // Chi-square over 10 buckets, 9 degrees of freedom: the 99.9th percentile is 27.9.
        const int buckets = 10;
        var counts = new int[buckets];
        var random = new SeededRandom(8);
        for (int k = 0; k < Draws; k++)
        {
            counts[random.NextInt32(buckets)]++;
        }

        double expected = Draws / (double)buckets;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 27.9, $"chi-square {chiSquare:F1} over counts {string.Join(", ", counts)}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NextInt32RejectsBoundsBelowOne(int maxExclusive)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SeededRandom(1).NextInt32(maxExclusive));
        Assert.Equal("maxExclusive", e.ParamName);
    }

    [Fact]
    public void NextSingleAndNextDoubleStayInUnitInterval()
    {
        var random = new SeededRandom(9);
        double sum = 0;
        for (int k = 0; k < Draws; k++)
        {
            float f = random.NextSingle();
            double d = random.NextDouble();
            Assert.InRange(f, 0f, 0.99999994f);
            Assert.InRange(d, 0.0, 1.0 - 1e-16);
            sum += d;
        }

        // The mean of U(0, 1) is 1/2 with standard error √(1/12 / n) = 0.0009; 5 standard errors.
        Assert.InRange(sum / Draws, 0.5 - 0.0046, 0.5 + 0.0046);
    }

    [Fact]
    public void NextGaussianHasZeroMeanAndUnitDeviation()
    {
        var random = new SeededRandom(10);
        double sum = 0, sum2 = 0;
        for (int k = 0; k < Draws; k++)
        {
            double g = random.NextGaussian();
            Assert.True(double.IsFinite(g));
            sum += g;
            sum2 += g * g;
        }

        double mean = sum / Draws;
        double deviation = Math.Sqrt(sum2 / Draws - mean * mean);
        // Standard errors: mean 1/√n = 0.0032, deviation 1/√(2n) = 0.0022; 5 of each.
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(deviation, 1 - 0.011, 1 + 0.011);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    public void ShuffleIsAPermutation(int count)
    {
        int[] items = Enumerable.Range(0, count).ToArray();

        new SeededRandom(11).Shuffle<int>(items);

        Assert.Equal(Enumerable.Range(0, count), items.Order());
        if (count >= 17)
        {
            Assert.NotEqual(Enumerable.Range(0, count), items); // 1 in 17! that a shuffle leaves it sorted
        }
    }

    [Fact]
    public void ShuffleIsDeterministicPerSeed()
    {
        int[] first = Enumerable.Range(0, 100).ToArray();
        int[] second = Enumerable.Range(0, 100).ToArray();
        int[] other = Enumerable.Range(0, 100).ToArray();

        new SeededRandom(5).Shuffle<int>(first);
        new SeededRandom(5).Shuffle<int>(second);
        new SeededRandom(6).Shuffle<int>(other);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ShuffleOfThreeReachesEveryOrderEvenly()
    {
        // 6 orders, 60 000 shuffles: chi-square with 5 degrees of freedom, 99.9th percentile 20.5.
        const int shuffles = 60_000;
        var random = new SeededRandom(12);
        var counts = new Dictionary<string, int>();
        for (int k = 0; k < shuffles; k++)
        {
            char[] items = ['a', 'b', 'c'];
            random.Shuffle<char>(items);
            string key = new(items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(6, counts.Count);
        double expected = shuffles / 6.0;
        double chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 20.5, $"chi-square {chiSquare:F1}");
    }
}
