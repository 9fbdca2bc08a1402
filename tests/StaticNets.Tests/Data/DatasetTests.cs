using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>Construction checks, pixel scaling, one-hot targets, subsets, shuffles and seeded splits.</summary>
public sealed class DatasetTests
{
    [Fact]
    public void FeaturesThatAreNotOneRowPerLabelAreRefusedNamingBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[7], featureCount: 2, labels: [0, 1, 0], classCount: 2));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("3 samples of 2 values (a length of 6)", error.Message);
        Assert.Contains("the length is 7", error.Message);
    }

    [Fact]
    public void LabelOutsideTheClassesIsRefusedNamingItsIndexAndValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[3], featureCount: 1, labels: [0, 1, 5], classCount: 3));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("[0, 2] for 3 classes", error.Message);
        Assert.Contains("labels[2] is 5", error.Message);
    }

    [Fact]
    public void NegativeLabelIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[2], featureCount: 1, labels: [0, -1], classCount: 3));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[1] is -1", error.Message);
    }

    [Fact]
    public void FeatureCountBelowOneIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([], featureCount: 0, labels: [], classCount: 1));

        Assert.Equal("featureCount", error.ParamName);
    }

    [Fact]
    public void NumberedClassesAreNamedByTheirIndex()
    {
        var dataset = new Dataset(new float[2], featureCount: 1, labels: [0, 2], classCount: 3);

        Assert.Equal(["0", "1", "2"], dataset.ClassNames);
        Assert.Equal(3, dataset.ClassCount);
        Assert.Equal(2, dataset.Count);
    }

    [Fact]
    public void PixelsAreScaledToTheUnitIntervalByDividingBy255()
    {
        Dataset dataset = Dataset.FromPixels([0, 51, 255, 128], featureCount: 2, labels: [1, 0], ["a", "b"]);

        Assert.Equal([0f, 51 / 255f, 1f, 128 / 255f], dataset.Features);
        Assert.Equal(0.2f, dataset.Features[1], 6);
        Assert.Equal([1, 0], dataset.Labels);
        Assert.Equal(2, dataset.FeatureCount);
    }

    [Fact]
    public void OneHotTargetsHaveAOneAtEachSamplesClass()
    {
        var dataset = new Dataset(new float[3], featureCount: 1, labels: [2, 0, 1], classCount: 3);

        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f], dataset.OneHot());
    }

    [Fact]
    public void CountPerClassCountsEveryClassIncludingEmptyOnes()
    {
        var dataset = new Dataset(new float[4], featureCount: 1, labels: [2, 0, 2, 2], classCount: 4);

        Assert.Equal([1, 0, 3, 0], dataset.CountPerClass());
    }

    [Fact]
    public void GetSampleReturnsOneRow()
    {
        Dataset dataset = Indexed(count: 4, featureCount: 3);

        Assert.Equal([2f, 2.5f, 2.25f], dataset.GetSample(2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.GetSample(4).ToArray());
    }

    [Fact]
    public void SubsetKeepsTheFirstSamples()
    {
        Dataset subset = Indexed(count: 10, featureCount: 2).Subset(3);

        Assert.Equal([0, 1, 2], SampleIds(subset));
        Assert.Equal([0, 1, 2], subset.Labels);
        Assert.Equal(3, subset.ClassCount);
    }

    [Fact]
    public void SubsetLargerThanTheSetIsRefusedNamingTheCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(count: 10, featureCount: 2).Subset(11));

        Assert.Equal("count", error.ParamName);
        Assert.Contains("[0, 10], but it is 11", error.Message);
    }

    [Fact]
    public void SelectCopiesTheChosenSamplesInTheGivenOrder()
    {
        Dataset original = Indexed(count: 5, featureCount: 2);

        Dataset selected = original.Select([4, 1, 1]);
        selected.Features[0] = -1f;

        Assert.Equal([4f, 4.5f, 1f, 1.5f, 1f, 1.5f], original.Select([4, 1, 1]).Features);
        Assert.Equal(4f, original.Features[8]);
        Assert.Equal([1, 1, 1], selected.Labels);
        var error = Assert.Throws<ArgumentException>(() => original.Select([0, 5]));
        Assert.Contains("indices[1] is 5", error.Message);
    }

    [Fact]
    public void ShuffleIsAPermutationFixedByTheSeed()
    {
        Dataset original = Indexed(count: 50, featureCount: 2);

        int[] first = SampleIds(original.Shuffle(seed: 7));
        int[] again = SampleIds(original.Shuffle(seed: 7));
        int[] other = SampleIds(original.Shuffle(seed: 8));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(Enumerable.Range(0, 50), first);
        Assert.Equal(Enumerable.Range(0, 50), first.Order());
    }

    [Fact]
    public void SplitByFractionsHasTheRoundedSizes()
    {
        DatasetSplit split = Indexed(count: 100, featureCount: 2).Split(0.8, 0.1, 0.1, seed: 1);

        Assert.Equal(80, split.Train.Count);
        Assert.Equal(10, split.Validation.Count);
        Assert.Equal(10, split.Test.Count);
    }

    [Theory]
    [InlineData(100, 0.7, 0.2, 0.1, 70, 20, 10)]
    [InlineData(10, 0.8, 0.1, 0.1, 8, 1, 1)]
    [InlineData(7, 0.5, 0.25, 0.25, 4, 1, 2)] // cuts at round(3.5) = 4 and round(5.25) = 5
    [InlineData(3, 1.0, 0.0, 0.0, 3, 0, 0)]
    [InlineData(1, 0.8, 0.1, 0.1, 1, 0, 0)]
    [InlineData(0, 0.8, 0.1, 0.1, 0, 0, 0)]
    public void SplitUsesEverySampleExactlyOnce(int count, double train, double validation, double test, int trainCount, int validationCount, int testCount)
    {
        DatasetSplit split = Indexed(count, featureCount: 3).Split(train, validation, test, seed: 42);

        Assert.Equal(trainCount, split.Train.Count);
        Assert.Equal(validationCount, split.Validation.Count);
        Assert.Equal(testCount, split.Test.Count);
        int[] all = [.. SampleIds(split.Train), .. SampleIds(split.Validation), .. SampleIds(split.Test)];
        Assert.Equal(Enumerable.Range(0, count), all.Order());
    }

    [Fact]
    public void SplitPartsAreDisjointKeepTheOriginalOrderAndCarryTheirLabels()
    {
        DatasetSplit split = Indexed(count: 60, featureCount: 2).Split(0.5, 0.25, 0.25, seed: 3);

        foreach (Dataset part in new[] { split.Train, split.Validation, split.Test })
        {
            int[] ids = SampleIds(part);
            Assert.Equal(ids.Order(), ids);
            Assert.Equal(ids.Select(id => id % 3), part.Labels);
            Assert.Equal(3, part.ClassCount);
        }

        Assert.Empty(SampleIds(split.Train).Intersect(SampleIds(split.Validation)));
        Assert.Empty(SampleIds(split.Train).Intersect(SampleIds(split.Test)));
        Assert.Empty(SampleIds(split.Validation).Intersect(SampleIds(split.Test)));
    }

    [Fact]
    public void SplitIsFixedByTheSeedAndChangesWithIt()
    {
        Dataset dataset = Indexed(count: 200, featureCount: 2);

        DatasetSplit first = dataset.Split(0.8, 0.1, 0.1, seed: 5);
        DatasetSplit again = dataset.Split(0.8, 0.1, 0.1, seed: 5);
        DatasetSplit other = dataset.Split(0.8, 0.1, 0.1, seed: 6);

        Assert.Equal(SampleIds(first.Validation), SampleIds(again.Validation));
        Assert.Equal(SampleIds(first.Test), SampleIds(again.Test));
        Assert.Equal(first.Train.Features, again.Train.Features);
        Assert.NotEqual(SampleIds(first.Validation), SampleIds(other.Validation));
    }

    [Fact]
    public void SplitIsRandomNotTheFirstSamples()
    {
        DatasetSplit split = Indexed(count: 100, featureCount: 1).Split(0.8, 0.1, 0.1, seed: 1);

        Assert.NotEqual(Enumerable.Range(0, 80), SampleIds(split.Train));
    }

    [Fact]
    public void FractionsThatDoNotAddUpToOneAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Indexed(10, 1).Split(0.8, 0.1, 0.2, seed: 1));

        Assert.Equal("testFraction", error.ParamName);
        Assert.Contains("0.8 + 0.1 + 0.2 = 1.1", error.Message);
    }

    [Theory]
    [InlineData(-0.1, 0.6, 0.5, "trainFraction")]
    [InlineData(0.5, 1.5, -1.0, "validationFraction")]
    [InlineData(0.5, 0.5, double.NaN, "testFraction")]
    public void FractionOutsideTheUnitIntervalIsRefusedNamingIt(double train, double validation, double test, string paramName)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(10, 1).Split(train, validation, test, seed: 1));

        Assert.Equal(paramName, error.ParamName);
        Assert.Contains("Expected a fraction in [0, 1]", error.Message);
    }

    [Fact]
    public void TakeValidationHoldsOutTheRequestedCountDisjointAndSeeded()
    {
        Dataset train = Indexed(count: 100, featureCount: 2);

        (Dataset rest, Dataset validation) = train.TakeValidation(15, seed: 9);
        (Dataset restAgain, Dataset validationAgain) = train.TakeValidation(15, seed: 9);
        (_, Dataset validationOther) = train.TakeValidation(15, seed: 10);

        Assert.Equal(85, rest.Count);
        Assert.Equal(15, validation.Count);
        Assert.Equal(Enumerable.Range(0, 100), SampleIds(rest).Concat(SampleIds(validation)).Order());
        Assert.Equal(SampleIds(rest), SampleIds(restAgain));
        Assert.Equal(SampleIds(validation), SampleIds(validationAgain));
        Assert.NotEqual(SampleIds(validation), SampleIds(validationOther));
        Assert.Equal(SampleIds(validation).Order(), SampleIds(validation));
    }

    [Fact]
    public void TakeValidationByFractionRoundsTheCount()
    {
        (Dataset rest, Dataset validation) = Indexed(count: 47, featureCount: 1).TakeValidation(0.1, seed: 1);

        Assert.Equal(5, validation.Count); // round(4.7)
        Assert.Equal(42, rest.Count);
    }

    [Fact]
    public void TakeValidationOfMoreThanTheSetIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(10, 1).TakeValidation(11, seed: 1));

        Assert.Equal("validationCount", error.ParamName);
        Assert.Contains("[0, 10], but it is 11", error.Message);
    }

    /// <summary>Sample i has features i, i + 0.5, i + 0.25, … and label i % 3, so every part can be traced back.</summary>
    internal static Dataset Indexed(int count, int featureCount)
    {
        float[] features = new float[count * featureCount];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                features[i * featureCount + j] = i + (j == 0 ? 0f : 1f / (1 << j));
            }

            labels[i] = i % 3;
        }

        return new Dataset(features, featureCount, labels, classCount: 3);
    }

    internal static int[] SampleIds(Dataset dataset)
    {
        var ids = new List<int>();
        for (int i = 0; i < dataset.Count; i++)
        {
            ids.Add((int)dataset.Features[i * dataset.FeatureCount]);
        }

        return [.. ids];
    }
}
