using System;
using StaticNets.Metrics;
using Xunit;

namespace StaticNets.Tests.Metrics;

/// <summary>
/// The report and grid texts against strings written by hand. The report follows scikit-learn's
/// <c>classification_report</c>: names right-aligned in a column at least as wide as "weighted avg" (12), then
/// number columns of a space plus 9 characters.
/// </summary>
public sealed class ConfusionMatrixFormatTests
{
    [Fact]
    public void ReportOfTheThreeClassCaseMatchesTheHandWrittenTable()
    {
        var matrix = new ConfusionMatrix(
            ConfusionMatrixTests.ThreeClassPredictions, ConfusionMatrixTests.ThreeClassLabels, 3, ["cat", "dog", "bird"]);

        // The values of ConfusionMatrixTests, rounded to 4 decimals:
        //   cat  3/5, 3/4, 6/9 = 0.6667; dog 1/2 ×3; bird 2/3 = 0.6667, 2/4, 4/7 = 0.5714
        //   accuracy 6/10; macro 53/90 = 0.5889, 7/12 = 0.5833, 73/126 = 0.5794; weighted 91/150 = 0.6067, 0.6, 25/42 = 0.5952
        string expected = Lines("""
                          precision    recall  f1-score   support

                     cat     0.6000    0.7500    0.6667         4
                     dog     0.5000    0.5000    0.5000         2
                    bird     0.6667    0.5000    0.5714         4

                accuracy                         0.6000        10
               macro avg     0.5889    0.5833    0.5794        10
            weighted avg     0.6067    0.6000    0.5952        10
            """);

        Assert.Equal(expected, matrix.FormatReport());
    }

    [Fact]
    public void ReportWidensTheNameColumnForANameLongerThanWeightedAvg()
    {
        // Labels (0, 1), both predicted 0. Class 0: tp 1, fp 1, fn 0 → P 1/2, R 1, F1 2/(2+1) = 0.6667.
        // Class 1: tp 0, fp 0, fn 1 → P 0/0 = 0, R 0, F1 0. Macro: P 1/4, R 1/2, F1 1/3; weighted (support 1 each) the same.
        var matrix = new ConfusionMatrix([0, 0], [0, 1], 2, ["a rather long name", "b"]);

        string expected = Lines("""
                                precision    recall  f1-score   support

            a rather long name     0.5000    1.0000    0.6667         1
                             b     0.0000    0.0000    0.0000         1

                      accuracy                         0.5000         2
                     macro avg     0.2500    0.5000    0.3333         2
                  weighted avg     0.2500    0.5000    0.3333         2
            """);

        Assert.Equal(expected, matrix.FormatReport());
    }

    [Fact]
    public void ReportRoundsAnExactTieToEvenAsPythonDoes()
    {
        // Class 0 is predicted 32 times and right once: precision 1/32 = 0.03125 exactly, which Python's "{:.4f}"
        // (and so scikit-learn) prints as 0.0312, ties to even. Rounding half up would print 0.0313.
        int[] predictions = new int[32];
        int[] labels = new int[32];
        labels.AsSpan(1).Fill(1);

        var matrix = new ConfusionMatrix(predictions, labels, 2);

        Assert.Equal(1.0 / 32, matrix.Precision(0));
        Assert.StartsWith("           0     0.0312    1.0000", matrix.FormatReport().Split('\n')[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ReportUsesTheRequestedNumberOfDecimals()
    {
        var matrix = new ConfusionMatrix(
            ConfusionMatrixTests.ThreeClassPredictions, ConfusionMatrixTests.ThreeClassLabels, 3, ["cat", "dog", "bird"]);

        string[] lines = matrix.FormatReport(digits: 2).Split('\n');

        Assert.Equal("         cat       0.60      0.75      0.67         4", lines[2]);
        Assert.Equal("    accuracy                           0.60        10", lines[6]);
    }

    [Fact]
    public void ReportDoesNotDependOnTheCurrentCulture()
    {
        var matrix = new ConfusionMatrix(
            ConfusionMatrixTests.ThreeClassPredictions, ConfusionMatrixTests.ThreeClassLabels, 3);
        string invariant = matrix.FormatReport();

        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // German writes 0,6000: a culture-sensitive format would change every number.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(invariant, matrix.FormatReport());
            Assert.Contains("0.6000", matrix.FormatReport(), StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void MatrixGridHasTrueClassRowsAndPredictedClassColumns()
    {
        var matrix = new ConfusionMatrix(
            ConfusionMatrixTests.ThreeClassPredictions, ConfusionMatrixTests.ThreeClassLabels, 3, ["cat", "dog", "bird"]);

        // Counts from ConfusionMatrixTests: rows (3 1 0), (0 1 1), (2 0 2).
        string expected = Lines("""
            true\pred  cat  dog  bird
                  cat    3    1     0
                  dog    0    1     1
                 bird    2    0     2
            """);

        Assert.Equal(expected, matrix.FormatMatrix());
    }

    [Fact]
    public void MatrixGridWidensAColumnForALargeCount()
    {
        // Twelve (0, 0) pairs, then (1, 0) and (1, 1): counts (12 0), (1 1). Column 0 needs 2 characters for 12.
        int[] predictions = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        int[] labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
        var matrix = new ConfusionMatrix(predictions, labels, 2);

        string expected = Lines("""
            true\pred   0  1
                    0  12  0
                    1   1  1
            """);

        Assert.Equal(expected, matrix.FormatMatrix());
    }

    /// <summary>A raw string literal as the method returns it: <c>\n</c> line ends (whatever the checkout did) and a final newline.</summary>
    private static string Lines(string text) => text.ReplaceLineEndings("\n") + "\n";
}
