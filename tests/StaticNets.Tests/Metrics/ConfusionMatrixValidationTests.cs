using System;
using StaticNets.Metrics;
using Xunit;

namespace StaticNets.Tests.Metrics;

/// <summary>Every argument error names its parameter and says what was wrong with which values.</summary>
public sealed class ConfusionMatrixValidationTests
{
    [Fact]
    public void LengthsThatDifferNameTheLabelsAndGiveBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1, 1], [0, 1], 2));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("prediction (3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALabelOutOfRangeIsReportedWithItsIndexValueAndTheClassCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix([0, 1, 2], [0, 3, 1], 3));

        Assert.Equal("labels", error.ParamName);
        Assert.Equal(3, error.ActualValue);
        Assert.Contains("labels[1] is 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 3) for 3 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativePredictionIsReportedAgainstThePredictions()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix([0, 1, -1], [0, 1, 1], 2));

        Assert.Equal("predictions", error.ParamName);
        Assert.Equal(-1, error.ActualValue);
        Assert.Contains("predictions[2] is -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 classes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void AClassCountBelowOneIsRejected(int classCount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix([0], [0], classCount));

        Assert.Equal("classCount", error.ParamName);
        Assert.Equal(classCount, error.ActualValue);
    }

    [Fact]
    public void NoSamplesAtAllIsRejectedBecauseAccuracyWouldBeUndefined()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([], [], 2));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("at least one sample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassNamesMustBeOnePerClass()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0], [0], 3, ["a", "b"]));

        Assert.Equal("classNames", error.ParamName);
        Assert.Contains("one name per class (3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullClassNameIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0], [0], 2, ["a", null!]));

        Assert.Equal("classNames", error.ParamName);
        Assert.Contains("class 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputsThatAreNotOneRowPerLabelAreRejected()
    {
        // 2 labels × 3 classes = 6 values expected, 5 given.
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromOutputs(new float[5], [0, 1], 3));

        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("(6 values)", error.Message, StringComparison.Ordinal);
        Assert.Contains("length is 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOutputsChecksLabelsAgainstTheClassCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.FromOutputs(new float[4], [0, 2], 2));

        Assert.Equal("labels", error.ParamName);
        Assert.Equal(2, error.ActualValue);
    }

    [Fact]
    public void FromOutputsWithoutLabelsIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromOutputs([], [], 2));

        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void ClassQueriesOutOfRangeNameTheirParameter()
    {
        var matrix = new ConfusionMatrix([0, 1], [1, 1], 2);

        Assert.Equal("classIndex", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Precision(2)).ParamName);
        Assert.Equal("classIndex", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Recall(-1)).ParamName);
        Assert.Equal("classIndex", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.F1(2)).ParamName);
        Assert.Equal("classIndex", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Support(2)).ParamName);
        Assert.Equal("classIndex", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.PredictedCount(2)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[2, 0]).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, 2]).ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void ReportDecimalsOutsideZeroToFifteenAreRejected(int digits)
    {
        var matrix = new ConfusionMatrix([0, 1], [1, 1], 2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.FormatReport(digits));

        Assert.Equal("digits", error.ParamName);
        Assert.Equal(digits, error.ActualValue);
    }
}
