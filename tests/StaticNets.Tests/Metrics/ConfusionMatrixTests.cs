using StaticNets.Metrics;
using Xunit;

namespace StaticNets.Tests.Metrics;

/// <summary>Counts and metrics against values worked out by hand (the arithmetic is in the comments).</summary>
public sealed class ConfusionMatrixTests
{
    /// <summary>
    /// The metrics are ratios of small integers and means of a few of them, so the only error is a few ulps of
    /// rounding (about 1e-16); anything above this tolerance is a wrong formula, not rounding.
    /// </summary>
    private const double Tolerance = 1e-12;

    /// <summary>
    /// Three classes, ten samples, every class both labelled and predicted. As (label, prediction) pairs, interleaved so
    /// that order cannot matter: the counts are
    /// <code>
    ///              predicted 0  1  2    support
    ///   label 0              3  1  0    4
    ///   label 1              0  1  1    2
    ///   label 2              2  0  2    4
    ///   predicted            5  2  3    10
    /// </code>
    /// </summary>
    internal static readonly int[] ThreeClassLabels = [2, 0, 1, 0, 2, 0, 1, 2, 0, 2];

    internal static readonly int[] ThreeClassPredictions = [0, 0, 1, 1, 2, 0, 2, 0, 0, 2];

    /// <summary>
    /// Four classes, seven samples; class 2 is never predicted and class 3 never occurs in the labels:
    /// <code>
    ///              predicted 0  1  2  3    support
    ///   label 0              2  0  0  1    3
    ///   label 1              1  1  0  0    2
    ///   label 2              0  1  0  1    2
    ///   label 3              0  0  0  0    0
    ///   predicted            3  2  0  2    7
    /// </code>
    /// </summary>
    internal static readonly int[] ZeroDivisionLabels = [0, 2, 1, 0, 2, 1, 0];

    internal static readonly int[] ZeroDivisionPredictions = [0, 1, 0, 3, 3, 1, 0];

    [Fact]
    public void CountsArePairsOfTrueRowAndPredictedColumn()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        int[,] expected = { { 3, 1, 0 }, { 0, 1, 1 }, { 2, 0, 2 } };
        for (int label = 0; label < 3; label++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
            {
                Assert.Equal(expected[label, predicted], matrix[label, predicted]);
            }
        }

        Assert.Equal(3, matrix.ClassCount);
        Assert.Equal(10, matrix.SampleCount);
    }

    [Fact]
    public void SupportIsTheRowSumAndPredictedCountTheColumnSum()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        Assert.Equal([4, 2, 4], new[] { matrix.Support(0), matrix.Support(1), matrix.Support(2) });
        Assert.Equal([5, 2, 3], new[] { matrix.PredictedCount(0), matrix.PredictedCount(1), matrix.PredictedCount(2) });
    }

    [Fact]
    public void AccuracyIsTheTraceOverTheSampleCount()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        // (3 + 1 + 2) / 10
        Assert.Equal(0.6, matrix.Accuracy, Tolerance);
    }

    [Fact]
    public void PerClassPrecisionRecallAndF1MatchHandComputedValues()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        // Class 0: tp 3, fp 5 - 3 = 2, fn 4 - 3 = 1. P = 3/5, R = 3/4, F1 = 2·3 / (2·3 + 2 + 1) = 6/9.
        Assert.Equal(3.0 / 5, matrix.Precision(0), Tolerance);
        Assert.Equal(3.0 / 4, matrix.Recall(0), Tolerance);
        Assert.Equal(6.0 / 9, matrix.F1(0), Tolerance);

        // Class 1: tp 1, fp 2 - 1 = 1, fn 2 - 1 = 1. P = 1/2, R = 1/2, F1 = 2 / (2 + 1 + 1) = 1/2.
        Assert.Equal(1.0 / 2, matrix.Precision(1), Tolerance);
        Assert.Equal(1.0 / 2, matrix.Recall(1), Tolerance);
        Assert.Equal(1.0 / 2, matrix.F1(1), Tolerance);

        // Class 2: tp 2, fp 3 - 2 = 1, fn 4 - 2 = 2. P = 2/3, R = 2/4, F1 = 4 / (4 + 1 + 2) = 4/7.
        Assert.Equal(2.0 / 3, matrix.Precision(2), Tolerance);
        Assert.Equal(2.0 / 4, matrix.Recall(2), Tolerance);
        Assert.Equal(4.0 / 7, matrix.F1(2), Tolerance);
    }

    [Fact]
    public void F1IsTheHarmonicMeanOfPrecisionAndRecall()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        for (int c = 0; c < 3; c++)
        {
            double p = matrix.Precision(c), r = matrix.Recall(c);
            Assert.Equal(2 * p * r / (p + r), matrix.F1(c), Tolerance);
        }
    }

    [Fact]
    public void MacroAveragesAreUnweightedMeansOverClasses()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        // P: (3/5 + 1/2 + 2/3) / 3 = (54 + 45 + 60) / 90 / 3 = 159/270 = 53/90 ≈ 0.58889
        Assert.Equal(53.0 / 90, matrix.MacroPrecision, Tolerance);
        // R: (3/4 + 1/2 + 1/2) / 3 = (7/4) / 3 = 7/12 ≈ 0.58333
        Assert.Equal(7.0 / 12, matrix.MacroRecall, Tolerance);
        // F1: (2/3 + 1/2 + 4/7) / 3 = (28 + 21 + 24) / 42 / 3 = 73/126 ≈ 0.57937 (the mean of the F1s, not the F1 of the means)
        Assert.Equal(73.0 / 126, matrix.MacroF1, Tolerance);
    }

    [Fact]
    public void WeightedAveragesWeightEachClassBySupport()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        // P: (4·3/5 + 2·1/2 + 4·2/3) / 10 = (12/5 + 1 + 8/3) / 10 = (36 + 15 + 40) / 15 / 10 = 91/150 ≈ 0.60667
        Assert.Equal(91.0 / 150, matrix.WeightedPrecision, Tolerance);
        // R: (4·3/4 + 2·1/2 + 4·1/2) / 10 = (3 + 1 + 2) / 10 = 0.6, which is the accuracy
        Assert.Equal(0.6, matrix.WeightedRecall, Tolerance);
        // F1: (4·2/3 + 2·1/2 + 4·4/7) / 10 = (56 + 21 + 48) / 21 / 10 = 125/210 = 25/42 ≈ 0.59524
        Assert.Equal(25.0 / 42, matrix.WeightedF1, Tolerance);
    }

    [Fact]
    public void WeightedAndMacroAveragesDifferWhenSupportIsUneven()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        // 53/90 ≈ 0.58889 vs 91/150 ≈ 0.60667: the well-supported classes 0 and 2 have the higher precisions.
        Assert.True(matrix.WeightedPrecision - matrix.MacroPrecision > 0.017);
    }

    [Fact]
    public void AClassNeverPredictedHasPrecisionZeroAndAClassNeverLabelledHasRecallZero()
    {
        var matrix = new ConfusionMatrix(ZeroDivisionPredictions, ZeroDivisionLabels, 4);

        // Class 2: tp 0, fp 0, fn 2. P = 0/0, reported as 0 (scikit-learn's convention); R = 0/2 = 0; F1 = 0/(0+0+2) = 0.
        Assert.Equal(0, matrix.PredictedCount(2));
        Assert.Equal(0.0, matrix.Precision(2));
        Assert.Equal(0.0, matrix.Recall(2));
        Assert.Equal(0.0, matrix.F1(2));

        // Class 3: tp 0, fp 2, fn 0. P = 0/2 = 0; R = 0/0, reported as 0; F1 = 0/(0+2+0) = 0.
        Assert.Equal(0, matrix.Support(3));
        Assert.Equal(0.0, matrix.Precision(3));
        Assert.Equal(0.0, matrix.Recall(3));
        Assert.Equal(0.0, matrix.F1(3));
    }

    [Fact]
    public void ClassesWithDefinedRatiosAreUnaffectedByTheZeroDivisionClasses()
    {
        var matrix = new ConfusionMatrix(ZeroDivisionPredictions, ZeroDivisionLabels, 4);

        // Class 0: tp 2, fp 3 - 2 = 1, fn 3 - 2 = 1. P = R = F1 = 2/3.
        Assert.Equal(2.0 / 3, matrix.Precision(0), Tolerance);
        Assert.Equal(2.0 / 3, matrix.Recall(0), Tolerance);
        Assert.Equal(2.0 / 3, matrix.F1(0), Tolerance);
        // Class 1: tp 1, fp 2 - 1 = 1, fn 2 - 1 = 1. P = R = F1 = 1/2.
        Assert.Equal(1.0 / 2, matrix.Precision(1), Tolerance);
        Assert.Equal(1.0 / 2, matrix.Recall(1), Tolerance);
        Assert.Equal(1.0 / 2, matrix.F1(1), Tolerance);
        // (2 + 1) / 7
        Assert.Equal(3.0 / 7, matrix.Accuracy, Tolerance);
    }

    [Fact]
    public void MacroAveragesCountZeroDivisionClassesAsZeros()
    {
        var matrix = new ConfusionMatrix(ZeroDivisionPredictions, ZeroDivisionLabels, 4);

        // (2/3 + 1/2 + 0 + 0) / 4 = (7/6) / 4 = 7/24 ≈ 0.29167, for precision, recall and F1 alike.
        Assert.Equal(7.0 / 24, matrix.MacroPrecision, Tolerance);
        Assert.Equal(7.0 / 24, matrix.MacroRecall, Tolerance);
        Assert.Equal(7.0 / 24, matrix.MacroF1, Tolerance);
    }

    [Fact]
    public void WeightedAveragesIgnoreAClassWithoutSupport()
    {
        var matrix = new ConfusionMatrix(ZeroDivisionPredictions, ZeroDivisionLabels, 4);

        // (3·2/3 + 2·1/2 + 2·0 + 0·0) / 7 = (2 + 1) / 7 = 3/7 ≈ 0.42857, for precision, recall and F1 alike.
        Assert.Equal(3.0 / 7, matrix.WeightedPrecision, Tolerance);
        Assert.Equal(3.0 / 7, matrix.WeightedRecall, Tolerance);
        Assert.Equal(3.0 / 7, matrix.WeightedF1, Tolerance);
    }

    [Fact]
    public void PerfectPredictionsScoreOneEverywhere()
    {
        int[] labels = [0, 1, 2, 1];
        var matrix = new ConfusionMatrix(labels, labels, 3);

        Assert.Equal(1.0, matrix.Accuracy);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(1.0, matrix.Precision(c));
            Assert.Equal(1.0, matrix.Recall(c));
            Assert.Equal(1.0, matrix.F1(c));
        }

        Assert.Equal(1.0, matrix.MacroF1, Tolerance);
        Assert.Equal(1.0, matrix.WeightedF1, Tolerance);
    }

    [Fact]
    public void FromOutputsGivesTiesToTheLowestIndex()
    {
        // Row 0 ties classes 0 and 1 → 0; row 1 ties 1 and 2 → 1; row 2 is all equal → 0; row 3 has a clear 2.
        float[] outputs =
        [
            0.4f, 0.4f, 0.2f,
            0.0f, 0.5f, 0.5f,
            1.0f, 1.0f, 1.0f,
            0.1f, 0.2f, 0.7f,
        ];
        int[] labels = [1, 1, 2, 2];

        var matrix = ConfusionMatrix.FromOutputs(outputs, labels, 3);

        // Pairs (label, prediction): (1, 0), (1, 1), (2, 0), (2, 2).
        Assert.Equal(1, matrix[1, 0]);
        Assert.Equal(1, matrix[1, 1]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(1, matrix[2, 2]);
        Assert.Equal(0, matrix[0, 0]);
        Assert.Equal(0, matrix[1, 2]);
        Assert.Equal(2.0 / 4, matrix.Accuracy, Tolerance);
    }

    [Fact]
    public void FromOutputsEqualsCountingTheArgMaxOfEachRow()
    {
        float[] outputs = [-1f, -3f, 2f, 5f, -0.5f, 0.25f];
        int[] labels = [0, 1, 1];

        var fromOutputs = ConfusionMatrix.FromOutputs(outputs, labels, 2);
        // Rows: (-1, -3) → 0, (2, 5) → 1, (-0.5, 0.25) → 1.
        var fromPredictions = new ConfusionMatrix([0, 1, 1], labels, 2);

        Assert.Equal(fromPredictions.FormatMatrix(), fromOutputs.FormatMatrix());
        Assert.Equal(1.0, fromOutputs.Accuracy);
    }

    [Fact]
    public void ClassNamesDefaultToTheIndices()
    {
        var matrix = new ConfusionMatrix([0, 1], [1, 1], 3);

        Assert.Equal(["0", "1", "2"], matrix.ClassNames);
    }

    [Fact]
    public void ClassNamesAreCopiedSoLaterChangesToTheListDoNotShow()
    {
        string[] names = ["cat", "dog"];
        var matrix = new ConfusionMatrix([0, 1], [1, 1], 2, names);
        names[0] = "changed";

        Assert.Equal(["cat", "dog"], matrix.ClassNames);
    }

    [Fact]
    public void ToStringIsTheFourDecimalReport()
    {
        var matrix = new ConfusionMatrix(ThreeClassPredictions, ThreeClassLabels, 3);

        Assert.Equal(matrix.FormatReport(4), matrix.ToString());
        Assert.Contains("0.5889", matrix.ToString(), System.StringComparison.Ordinal);
    }
}
