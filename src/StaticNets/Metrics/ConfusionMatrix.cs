using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets.Metrics;

/// <summary>
/// How often each true class was predicted as each class, for a single-label classifier, and the metrics read from
/// those counts: accuracy, per-class precision, recall, F1 and support, and their macro and weighted averages.
/// </summary>
/// <remarks>
/// <para>For class <c>c</c>: <c>tp = counts[c, c]</c>; <c>fp</c> = the other entries of column <c>c</c> (predicted
/// <c>c</c>, labelled otherwise); <c>fn</c> = the other entries of row <c>c</c> (labelled <c>c</c>, predicted otherwise).</para>
/// <list type="bullet">
/// <item><description><see cref="Precision"/> = <c>tp / (tp + fp)</c>, and 0 for a class that is never predicted.</description></item>
/// <item><description><see cref="Recall"/> = <c>tp / (tp + fn)</c>, and 0 for a class absent from the labels (support 0).</description></item>
/// <item><description><see cref="F1"/> = <c>2·tp / (2·tp + fp + fn)</c>, the harmonic mean of precision and recall, and 0 when
/// <c>tp</c> is 0 (which covers both cases above).</description></item>
/// <item><description>Macro averages are plain means over all <see cref="ClassCount"/> classes, including classes with
/// support 0 (their zeros pull the average down). Weighted averages weight each class by its support, so a class
/// absent from the labels does not count.</description></item>
/// </list>
/// <para>These are the definitions and zero-division conventions of scikit-learn's <c>classification_report</c> and
/// <c>precision_recall_fscore_support(labels=range(ClassCount))</c> with the default <c>zero_division="warn"</c>, which
/// sets an undefined ratio to 0 (here without the warning).</para>
/// <para>The matrix is immutable. It holds at least one sample, so <see cref="Accuracy"/> is always defined.</para>
/// </remarks>
public sealed class ConfusionMatrix
{
    /// <summary>The label of the last two rows of the report, and the narrowest its name column can be.</summary>
    private const string WeightedAverageHeading = "weighted avg";

    /// <summary>The corner of <see cref="FormatMatrix"/>: rows are true classes, columns predicted classes.</summary>
    private const string MatrixCorner = "true\\pred";

    /// <summary>The width of each number column of the report, as in scikit-learn.</summary>
    private const int ReportColumnWidth = 9;

    /// <summary>The headers of the report's number columns, as in scikit-learn.</summary>
    private static readonly string[] ReportHeaders = ["precision", "recall", "f1-score", "support"];

    private readonly int[] _counts;     // (ClassCount, ClassCount), row-major: [label * ClassCount + predicted]
    private readonly int[] _support;    // (ClassCount): row sums, samples labelled c
    private readonly int[] _predicted;  // (ClassCount): column sums, samples predicted as c
    private readonly double[] _precision; // (ClassCount)
    private readonly double[] _recall;    // (ClassCount)
    private readonly double[] _f1;        // (ClassCount)
    private readonly string[] _classNames; // (ClassCount)

    /// <summary>Counts predicted against true class indices.</summary>
    /// <param name="predictions">The predicted class of each sample, each in <c>[0, classCount)</c>.</param>
    /// <param name="labels">The true class of each sample, each in <c>[0, classCount)</c>; as many as
    /// <paramref name="predictions"/>, and at least one.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="classNames">A name per class for the formatted tables; <see langword="null"/> names the classes
    /// <c>"0"</c>, <c>"1"</c>, … as scikit-learn does.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1, or a prediction or label is
    /// outside <c>[0, classCount)</c>.</exception>
    /// <exception cref="ArgumentException">The spans are empty or their lengths differ, or <paramref name="classNames"/>
    /// does not hold one non-null name per class.</exception>
    public ConfusionMatrix(ReadOnlySpan<int> predictions, ReadOnlySpan<int> labels, int classCount, IReadOnlyList<string>? classNames = null)
    {
        ValidateClassCount(classCount);
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException(
                $"Expected one label per prediction ({predictions.Length}), but there are {labels.Length} labels.", nameof(labels));
        }

        ValidateNotEmpty(labels.Length);
        ValidateClasses(predictions, classCount, nameof(predictions));
        ValidateClasses(labels, classCount, nameof(labels));

        ClassCount = classCount;
        SampleCount = labels.Length;
        _classNames = CopyClassNames(classNames, classCount);
        _counts = new int[classCount * classCount];
        _support = new int[classCount];
        _predicted = new int[classCount];
        for (int k = 0; k < labels.Length; k++)
        {
            _counts[labels[k] * classCount + predictions[k]]++;
            _support[labels[k]]++;
            _predicted[predictions[k]]++;
        }

        _precision = new double[classCount];
        _recall = new double[classCount];
        _f1 = new double[classCount];
        int correct = 0;
        for (int c = 0; c < classCount; c++)
        {
            int tp = _counts[c * classCount + c];
            int fp = _predicted[c] - tp;
            int fn = _support[c] - tp;
            correct += tp;
            _precision[c] = Ratio(tp, tp + fp);
            _recall[c] = Ratio(tp, tp + fn);
            _f1[c] = Ratio(2.0 * tp, 2.0 * tp + fp + fn);
        }

        Accuracy = (double)correct / SampleCount;
        MacroPrecision = Mean(_precision);
        MacroRecall = Mean(_recall);
        MacroF1 = Mean(_f1);
        WeightedPrecision = SupportWeightedMean(_precision);
        WeightedRecall = SupportWeightedMean(_recall);
        WeightedF1 = SupportWeightedMean(_f1);
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of samples counted (the sum of every entry), at least 1.</summary>
    public int SampleCount { get; }

    /// <summary>The name of each class, as given or <c>"0"</c>, <c>"1"</c>, ….</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The fraction of samples predicted correctly: the trace over <see cref="SampleCount"/>.</summary>
    public double Accuracy { get; }

    /// <summary>The unweighted mean of <see cref="Precision"/> over all classes.</summary>
    public double MacroPrecision { get; }

    /// <summary>The unweighted mean of <see cref="Recall"/> over all classes.</summary>
    public double MacroRecall { get; }

    /// <summary>The unweighted mean of <see cref="F1"/> over all classes (not the F1 of the macro precision and recall).</summary>
    public double MacroF1 { get; }

    /// <summary>The mean of <see cref="Precision"/> weighted by <see cref="Support"/>: <c>Σ_c support_c · precision_c / SampleCount</c>.</summary>
    public double WeightedPrecision { get; }

    /// <summary>The mean of <see cref="Recall"/> weighted by <see cref="Support"/>; always equal to <see cref="Accuracy"/>
    /// up to rounding, since <c>Σ_c support_c · tp_c / support_c = Σ_c tp_c</c>.</summary>
    public double WeightedRecall { get; }

    /// <summary>The mean of <see cref="F1"/> weighted by <see cref="Support"/>.</summary>
    public double WeightedF1 { get; }

    /// <summary>The number of samples labelled <paramref name="label"/> and predicted as <paramref name="predicted"/>.</summary>
    /// <param name="label">The true class (the row).</param>
    /// <param name="predicted">The predicted class (the column).</param>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside <c>[0, ClassCount)</c>.</exception>
    public int this[int label, int predicted]
    {
        get
        {
            ValidateClass(label, nameof(label));
            ValidateClass(predicted, nameof(predicted));
            return _counts[label * ClassCount + predicted];
        }
    }

    /// <summary>
    /// Counts the argmax of each output row against the true classes. A tie goes to the lowest index; see
    /// <see cref="Evaluation.ArgMax"/>.
    /// </summary>
    /// <param name="outputs">Row-major <c>(samples, classCount)</c> network outputs (scores or probabilities).</param>
    /// <param name="labels">The true class of each sample, each in <c>[0, classCount)</c>; at least one.</param>
    /// <param name="classCount">The number of classes: values per output row, at least 1.</param>
    /// <param name="classNames">A name per class, or <see langword="null"/> for <c>"0"</c>, <c>"1"</c>, ….</param>
    /// <returns>The confusion matrix.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1, or a label is outside
    /// <c>[0, classCount)</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="labels"/> is empty, <paramref name="outputs"/> does not hold
    /// one row per label, or <paramref name="classNames"/> does not hold one non-null name per class.</exception>
    public static ConfusionMatrix FromOutputs(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int classCount, IReadOnlyList<string>? classNames = null)
    {
        ValidateClassCount(classCount);
        ValidateNotEmpty(labels.Length);
        long expected = (long)labels.Length * classCount;
        if (outputs.Length != expected)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} rows of {classCount} outputs ({expected} values), one row per label, but the length is {outputs.Length}.",
                nameof(outputs));
        }

        int[] predictions = new int[labels.Length];
        for (int k = 0; k < predictions.Length; k++)
        {
            predictions[k] = Evaluation.ArgMax(outputs.Slice(k * classCount, classCount));
        }

        return new ConfusionMatrix(predictions, labels, classCount, classNames);
    }

    /// <summary>The number of samples labelled <paramref name="classIndex"/> (the row sum).</summary>
    /// <param name="classIndex">A class in <c>[0, ClassCount)</c>.</param>
    /// <returns>The support, 0 for a class absent from the labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The class is out of range.</exception>
    public int Support(int classIndex)
    {
        ValidateClass(classIndex, nameof(classIndex));
        return _support[classIndex];
    }

    /// <summary>The number of samples predicted as <paramref name="classIndex"/> (the column sum).</summary>
    /// <param name="classIndex">A class in <c>[0, ClassCount)</c>.</param>
    /// <returns>The count, 0 for a class never predicted.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The class is out of range.</exception>
    public int PredictedCount(int classIndex)
    {
        ValidateClass(classIndex, nameof(classIndex));
        return _predicted[classIndex];
    }

    /// <summary>Of the samples predicted as <paramref name="classIndex"/>, the fraction labelled so: <c>tp / (tp + fp)</c>.</summary>
    /// <param name="classIndex">A class in <c>[0, ClassCount)</c>.</param>
    /// <returns>The precision, or 0 if the class is never predicted.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The class is out of range.</exception>
    public double Precision(int classIndex)
    {
        ValidateClass(classIndex, nameof(classIndex));
        return _precision[classIndex];
    }

    /// <summary>Of the samples labelled <paramref name="classIndex"/>, the fraction predicted so: <c>tp / (tp + fn)</c>.</summary>
    /// <param name="classIndex">A class in <c>[0, ClassCount)</c>.</param>
    /// <returns>The recall, or 0 if the class is absent from the labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The class is out of range.</exception>
    public double Recall(int classIndex)
    {
        ValidateClass(classIndex, nameof(classIndex));
        return _recall[classIndex];
    }

    /// <summary>The harmonic mean of precision and recall: <c>2·tp / (2·tp + fp + fn)</c>.</summary>
    /// <param name="classIndex">A class in <c>[0, ClassCount)</c>.</param>
    /// <returns>The F1 score, or 0 if no sample of the class was predicted correctly.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The class is out of range.</exception>
    public double F1(int classIndex)
    {
        ValidateClass(classIndex, nameof(classIndex));
        return _f1[classIndex];
    }

    /// <summary>
    /// The per-class table in the layout of scikit-learn's <c>classification_report(digits=digits)</c>: a header, a row per
    /// class (name, precision, recall, f1-score, support), then accuracy, macro avg and weighted avg rows.
    /// </summary>
    /// <remarks>
    /// Names are right-aligned in a column as wide as the longest name or <c>"weighted avg"</c>; the number columns are 9
    /// wide. Numbers use the invariant culture and round to nearest, ties to even, as Python does. Lines end with
    /// <c>\n</c> on every platform. For these metrics the text is character for character what scikit-learn prints with
    /// <c>labels=range(ClassCount)</c>, except that scikit-learn writes "micro avg" instead of "accuracy" when a class is
    /// neither labelled nor predicted.
    /// </remarks>
    /// <param name="digits">Decimals per number, 0 to 15; the report the library mirrors uses 4.</param>
    /// <returns>The report, ending with a newline.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is outside 0 to 15.</exception>
    public string FormatReport(int digits = 4)
    {
        if (digits is < 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, $"The number of decimals must be between 0 and 15, but it is {digits}.");
        }

        int nameWidth = Math.Max(WeightedAverageHeading.Length, digits);
        foreach (string name in _classNames)
        {
            nameWidth = Math.Max(nameWidth, name.Length);
        }

        string format = "F" + digits.ToString(CultureInfo.InvariantCulture);
        var report = new StringBuilder();
        report.Append(' ', nameWidth).Append(' ');
        foreach (string header in ReportHeaders)
        {
            AppendCell(report, header);
        }

        report.Append("\n\n");
        for (int c = 0; c < ClassCount; c++)
        {
            AppendRow(report, _classNames[c], nameWidth, format, _precision[c], _recall[c], _f1[c], _support[c]);
        }

        report.Append('\n');
        report.Append("accuracy".PadLeft(nameWidth)).Append(' ');
        AppendCell(report, "");
        AppendCell(report, "");
        AppendCell(report, Format(Accuracy, format));
        AppendCell(report, SampleCount.ToString(CultureInfo.InvariantCulture));
        report.Append('\n');
        AppendRow(report, "macro avg", nameWidth, format, MacroPrecision, MacroRecall, MacroF1, SampleCount);
        AppendRow(report, WeightedAverageHeading, nameWidth, format, WeightedPrecision, WeightedRecall, WeightedF1, SampleCount);
        return report.ToString();
    }

    /// <summary>
    /// The counts as an aligned grid: a row per true class, a column per predicted class, each headed by its class name.
    /// Row names are right-aligned under the corner <c>true\pred</c>; each column is as wide as its name or largest count,
    /// and columns are separated by two spaces. Lines end with <c>\n</c>.
    /// </summary>
    /// <returns>The grid, ending with a newline.</returns>
    public string FormatMatrix()
    {
        int nameWidth = MatrixCorner.Length;
        foreach (string name in _classNames)
        {
            nameWidth = Math.Max(nameWidth, name.Length);
        }

        int[] columnWidths = new int[ClassCount];
        for (int p = 0; p < ClassCount; p++)
        {
            columnWidths[p] = _classNames[p].Length;
            for (int t = 0; t < ClassCount; t++)
            {
                columnWidths[p] = Math.Max(columnWidths[p], _counts[t * ClassCount + p].ToString(CultureInfo.InvariantCulture).Length);
            }
        }

        var grid = new StringBuilder();
        grid.Append(MatrixCorner.PadLeft(nameWidth));
        for (int p = 0; p < ClassCount; p++)
        {
            grid.Append("  ").Append(_classNames[p].PadLeft(columnWidths[p]));
        }

        grid.Append('\n');
        for (int t = 0; t < ClassCount; t++)
        {
            grid.Append(_classNames[t].PadLeft(nameWidth));
            for (int p = 0; p < ClassCount; p++)
            {
                grid.Append("  ").Append(_counts[t * ClassCount + p].ToString(CultureInfo.InvariantCulture).PadLeft(columnWidths[p]));
            }

            grid.Append('\n');
        }

        return grid.ToString();
    }

    /// <summary>The report of <see cref="FormatReport"/> with 4 decimals.</summary>
    /// <returns>The report.</returns>
    public override string ToString() => FormatReport();

    /// <summary>A ratio whose zero denominator means "undefined", which scikit-learn reports as 0.</summary>
    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    private double SupportWeightedMean(double[] values)
    {
        double sum = 0;
        for (int c = 0; c < values.Length; c++)
        {
            sum += values[c] * _support[c];
        }

        return sum / SampleCount;
    }

    private static void AppendRow(StringBuilder report, string name, int nameWidth, string format, double precision, double recall, double f1, int support)
    {
        report.Append(name.PadLeft(nameWidth)).Append(' ');
        AppendCell(report, Format(precision, format));
        AppendCell(report, Format(recall, format));
        AppendCell(report, Format(f1, format));
        AppendCell(report, support.ToString(CultureInfo.InvariantCulture));
        report.Append('\n');
    }

    /// <summary>One number column: a space, then the text right-aligned in 9 characters (wider text is not cut).</summary>
    private static void AppendCell(StringBuilder report, string text) => report.Append(' ').Append(text.PadLeft(ReportColumnWidth));

    /// <summary>
    /// Fixed-point in the invariant culture. .NET rounds the exact binary value, ties to even, like Python's
    /// <c>format(x, ".4f")</c>: 0.03125 (exactly 1/32) gives "0.0312" in both.
    /// </summary>
    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string[] CopyClassNames(IReadOnlyList<string>? classNames, int classCount)
    {
        string[] names = new string[classCount];
        if (classNames is null)
        {
            for (int c = 0; c < classCount; c++)
            {
                names[c] = c.ToString(CultureInfo.InvariantCulture);
            }

            return names;
        }

        if (classNames.Count != classCount)
        {
            throw new ArgumentException($"Expected one name per class ({classCount}), but there are {classNames.Count} names.", nameof(classNames));
        }

        for (int c = 0; c < classCount; c++)
        {
            names[c] = classNames[c] ?? throw new ArgumentException($"The name of class {c} is null.", nameof(classNames));
        }

        return names;
    }

    private static void ValidateClassCount(int classCount)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"The number of classes must be at least 1, but it is {classCount}.");
        }
    }

    private static void ValidateNotEmpty(int samples)
    {
        if (samples == 0)
        {
            throw new ArgumentException("Expected at least one sample, but there are no labels.", "labels");
        }
    }

    private static void ValidateClasses(ReadOnlySpan<int> classes, int classCount, string paramName)
    {
        for (int k = 0; k < classes.Length; k++)
        {
            if ((uint)classes[k] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(paramName, classes[k],
                    $"{paramName}[{k}] is {classes[k]}, but a class index must be in [0, {classCount}) for {classCount} classes.");
            }
        }
    }

    private void ValidateClass(int classIndex, string paramName)
    {
        if ((uint)classIndex >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(paramName, classIndex,
                $"The class index is {classIndex}, but it must be in [0, {ClassCount}) for {ClassCount} classes.");
        }
    }
}
