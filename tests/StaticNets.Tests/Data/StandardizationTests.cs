using System;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>Per-feature statistics against hand-computed values, applied unchanged to other sets.</summary>
public sealed class StandardizationTests
{
    // Statistics are summed in double and stored as float: they agree with the hand values to float precision.
    private const int FloatDigits = 6;

    // Training set (3 samples, 2 features): column 0 is 1, 2, 6; column 1 is constant 10.
    // Column 0: mean 3, population variance ((1−3)² + (2−3)² + (6−3)²) / 3 = 14/3, deviation √(14/3) = 2.1602469.
    private static readonly float s_deviation0 = (float)Math.Sqrt(14.0 / 3.0);

    [Fact]
    public void StatisticsAreThePerFeatureMeanAndPopulationDeviation()
    {
        Standardization statistics = Standardization.Fit(Training());

        Assert.Equal(2, statistics.FeatureCount);
        Assert.Equal(3f, statistics.Mean[0], FloatDigits);
        Assert.Equal(10f, statistics.Mean[1], FloatDigits);
        Assert.Equal(2.1602469f, statistics.StandardDeviation[0], FloatDigits);
        Assert.Equal(0f, statistics.StandardDeviation[1]);
    }

    [Fact]
    public void TrainingSetIsCentredAndScaledAndConstantFeaturesOnlyCentred()
    {
        Dataset training = Training();

        Dataset standardized = Standardization.Fit(training).Apply(training);

        float[] expected = [-2f / s_deviation0, 0f, -1f / s_deviation0, 0f, 3f / s_deviation0, 0f];
        Assert.Equal(expected.Length, standardized.Features.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], standardized.Features[k], FloatDigits);
        }

        Assert.Equal(training.Labels, standardized.Labels);
        Assert.Equal([1f, 10f, 2f, 10f, 6f, 10f], training.Features); // the original is untouched
    }

    [Fact]
    public void StatisticsOfTheTrainingSetAreAppliedUnchangedToAnotherSet()
    {
        Standardization statistics = Standardization.Fit(Training());
        var validation = new Dataset([3f, 12f, 3f + s_deviation0, 8f], featureCount: 2, labels: [1, 0], classCount: 2);

        Dataset standardized = statistics.Apply(validation);

        Assert.Equal(0f, standardized.Features[0], FloatDigits);
        Assert.Equal(2f, standardized.Features[1], FloatDigits); // (12 − 10) / 1: the constant feature is not scaled
        Assert.Equal(1f, standardized.Features[2], FloatDigits);
        Assert.Equal(-2f, standardized.Features[3], FloatDigits);
    }

    [Fact]
    public void StandardizedFeaturesHaveMeanZeroAndDeviationOne()
    {
        Dataset training = DatasetTests.Indexed(count: 40, featureCount: 3);

        Standardization after = Standardization.Fit(Standardization.Fit(training).Apply(training));

        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0f, after.Mean[j], 5);
            Assert.Equal(1f, after.StandardDeviation[j], 5);
        }
    }

    [Fact]
    public void SavedStatisticsStandardizeLikeTheOriginals()
    {
        Standardization fitted = Standardization.Fit(Training());
        var restored = new Standardization([.. fitted.Mean], [.. fitted.StandardDeviation]);
        float[] inputs = [4f, 11f, -1f, 9f];
        float[] expected = (float[])inputs.Clone();

        fitted.Apply(expected);
        restored.Apply(inputs);

        Assert.Equal(expected, inputs);
        Assert.NotEqual([4f, 11f, -1f, 9f], inputs);
    }

    [Fact]
    public void SetWithAnotherFeatureCountIsRefused()
    {
        Standardization statistics = Standardization.Fit(Training());

        var error = Assert.Throws<ArgumentException>(() => statistics.Apply(DatasetTests.Indexed(count: 2, featureCount: 3)));

        Assert.Equal("dataset", error.ParamName);
        Assert.Contains("Expected a length of 2, but the length is 3", error.Message);
    }

    [Fact]
    public void FeaturesThatAreNotWholeSamplesAreRefused()
    {
        Standardization statistics = Standardization.Fit(Training());

        var error = Assert.Throws<ArgumentException>(() => statistics.Apply(new float[3]));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("samples of 2 values, but the length is 3", error.Message);
    }

    [Fact]
    public void EmptyTrainingSetIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Standardization.Fit(ReadOnlySpan<float>.Empty, featureCount: 2));

        Assert.Equal("features", error.ParamName);
    }

    [Fact]
    public void NegativeOrNonFiniteSavedStatisticsAreRefused()
    {
        var negative = Assert.Throws<ArgumentException>(() => new Standardization([0f, 0f], [1f, -1f]));
        var infinite = Assert.Throws<ArgumentException>(() => new Standardization([0f, float.NaN], [1f, 1f]));
        var mismatched = Assert.Throws<ArgumentException>(() => new Standardization([0f, 0f], [1f]));

        Assert.Equal("standardDeviation", negative.ParamName);
        Assert.Contains("standardDeviation[1] is -1", negative.Message);
        Assert.Equal("mean", infinite.ParamName);
        Assert.Equal("standardDeviation", mismatched.ParamName);
    }

    private static Dataset Training() => new([1f, 10f, 2f, 10f, 6f, 10f], featureCount: 2, labels: [0, 1, 0], classCount: 2);
}
