using System;
using StaticNets.Metrics;
using Xunit;

namespace StaticNets.Tests.Metrics;

/// <summary>
/// The metrics and report against scikit-learn 1.2 on the cases of <see cref="SklearnFixture"/> (written by
/// make_sklearn_fixture.py beside this file): a random 10-class case scored from output rows with many ties, and a
/// case with a class never predicted, a class never labelled, a long name and a precision of exactly 1/32.
/// </summary>
public sealed class SklearnCrossCheckTests
{
    /// <summary>
    /// scikit-learn 1.2 computes F1 as <c>2·p·r / (p + r)</c> and averages with NumPy's pairwise sums; StaticNets uses
    /// <c>2·tp / (2·tp + fp + fn)</c> and a plain loop. Both are a few double roundings (~1e-16) from the exact
    /// fractions; this bound leaves a wide margin while still catching any wrong formula.
    /// </summary>
    private const double Tolerance = 1e-12;

    public static TheoryData<SklearnCase> Cases => new(SklearnFixture.FashionWithTies, SklearnFixture.ZeroDivisionsAndTie);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConfusionMatrixMatchesSklearn(SklearnCase c)
    {
        ConfusionMatrix matrix = Build(c);

        for (int label = 0; label < c.ClassCount; label++)
        {
            for (int predicted = 0; predicted < c.ClassCount; predicted++)
            {
                Assert.Equal(c.Matrix[label * c.ClassCount + predicted], matrix[label, predicted]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PerClassMetricsMatchSklearn(SklearnCase c)
    {
        ConfusionMatrix matrix = Build(c);

        for (int k = 0; k < c.ClassCount; k++)
        {
            Assert.Equal(c.Precision[k], matrix.Precision(k), Tolerance);
            Assert.Equal(c.Recall[k], matrix.Recall(k), Tolerance);
            Assert.Equal(c.F1[k], matrix.F1(k), Tolerance);
            Assert.Equal(c.Support[k], matrix.Support(k));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AccuracyAndAveragesMatchSklearn(SklearnCase c)
    {
        ConfusionMatrix matrix = Build(c);

        Assert.Equal(c.Accuracy, matrix.Accuracy, Tolerance);
        Assert.Equal(c.Macro[0], matrix.MacroPrecision, Tolerance);
        Assert.Equal(c.Macro[1], matrix.MacroRecall, Tolerance);
        Assert.Equal(c.Macro[2], matrix.MacroF1, Tolerance);
        Assert.Equal(c.Weighted[0], matrix.WeightedPrecision, Tolerance);
        Assert.Equal(c.Weighted[1], matrix.WeightedRecall, Tolerance);
        Assert.Equal(c.Weighted[2], matrix.WeightedF1, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportIsCharacterForCharacterSklearnsClassificationReport(SklearnCase c)
    {
        Assert.Equal(c.Report.ReplaceLineEndings("\n"), Build(c).FormatReport(digits: 4));
    }

    [Fact]
    public void ArgMaxOfTheFixtureOutputsGivesNumPysPredictions()
    {
        SklearnCase c = SklearnFixture.FashionWithTies;
        float[] outputs = c.Outputs!;
        int ties = 0;

        for (int k = 0; k < c.Labels.Length; k++)
        {
            ReadOnlySpan<float> row = outputs.AsSpan(k * c.ClassCount, c.ClassCount);
            Assert.Equal(c.Predictions[k], Evaluation.ArgMax(row));
            ties += row.Count(row[c.Predictions[k]]) > 1 ? 1 : 0;
        }

        // The case is meant to exercise ties (169 of its 300 rows have a tied maximum); a regenerated fixture with few
        // would prove less.
        Assert.True(ties > 100, $"only {ties} rows have a tied maximum");
    }

    /// <summary>From the output rows when the case has them (so argmax is checked too), else from the predictions.</summary>
    private static ConfusionMatrix Build(SklearnCase c) => c.Outputs is { } outputs
        ? ConfusionMatrix.FromOutputs(outputs, c.Labels, c.ClassCount, c.ClassNames)
        : new ConfusionMatrix(c.Predictions, c.Labels, c.ClassCount, c.ClassNames);
}
