using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticNets.Data;

/// <summary>
/// A labelled classification data set in the layout networks take: <see cref="Features"/> is row-major
/// <c>(Count, FeatureCount)</c>, <see cref="Labels"/> holds one class index per sample, and <see cref="OneHot"/> gives
/// the <c>(Count, ClassCount)</c> targets.
/// </summary>
/// <remarks>
/// A data set keeps the arrays it is given without copying them (Fashion-MNIST's training features alone are 188 MB);
/// do not change them afterwards. Every operation returns a new data set and leaves this one as it is.
/// </remarks>
public sealed class Dataset
{
    private readonly string[] _classNames;

    /// <summary>Creates a data set whose classes are named "0", "1", … .</summary>
    /// <param name="features">Row-major <c>(labels.Length, featureCount)</c>.</param>
    /// <param name="featureCount">Values per sample; at least 1.</param>
    /// <param name="labels">One class index per sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">How many classes there are; at least 1.</param>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.</exception>
    public Dataset(float[] features, int featureCount, int[] labels, int classCount)
        : this(features, featureCount, labels, NumberedClassNames(classCount, nameof(classCount)))
    {
    }

    /// <summary>Creates a data set with named classes.</summary>
    /// <param name="features">Row-major <c>(labels.Length, featureCount)</c>.</param>
    /// <param name="featureCount">Values per sample; at least 1.</param>
    /// <param name="labels">One class index per sample, each in [0, <c>classNames.Count</c>).</param>
    /// <param name="classNames">The name of each class, in class-index order; at least one.</param>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.</exception>
    public Dataset(float[] features, int featureCount, int[] labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (featureCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, $"Expected at least 1 feature per sample, but the count is {featureCount}.");
        }

        if (classNames.Count < 1)
        {
            throw new ArgumentException("Expected at least 1 class name, but the list is empty.", nameof(classNames));
        }

        if ((long)labels.Length * featureCount != features.Length)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} samples of {featureCount} values (a length of {(long)labels.Length * featureCount}) to match the {labels.Length} labels, but the length is {features.Length}.",
                nameof(features));
        }

        _classNames = new string[classNames.Count];
        for (int c = 0; c < _classNames.Length; c++)
        {
            _classNames[c] = classNames[c] ?? throw new ArgumentException($"Expected a name for every class, but classNames[{c}] is null.", nameof(classNames));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)_classNames.Length)
            {
                throw new ArgumentException(
                    $"Expected labels in [0, {_classNames.Length - 1}] for {_classNames.Length} classes, but labels[{i}] is {labels[i]}.", nameof(labels));
            }
        }

        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
    }

    /// <summary>The samples, row-major <c>(Count, FeatureCount)</c>.</summary>
    public float[] Features { get; }

    /// <summary>The class index of each sample, in [0, <see cref="ClassCount"/>).</summary>
    public int[] Labels { get; }

    /// <summary>How many samples there are.</summary>
    public int Count => Labels.Length;

    /// <summary>Values per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>How many classes there are (some may have no samples in this set).</summary>
    public int ClassCount => _classNames.Length;

    /// <summary>The name of each class, in class-index order.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    /// <param name="index">A sample index in [0, <see cref="Count"/>).</param>
    /// <returns>The sample's <see cref="FeatureCount"/> values.</returns>
    public ReadOnlySpan<float> GetSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>Scales bytes to [0, 1] by dividing by 255, as pixels are usually fed to a network.</summary>
    /// <param name="pixels">Byte values, e.g. <see cref="IdxImages.Pixels"/>.</param>
    /// <returns>One float per byte, <c>pixel / 255f</c>.</returns>
    public static float[] ScalePixels(ReadOnlySpan<byte> pixels)
    {
        float[] scaled = new float[pixels.Length];
        for (int k = 0; k < pixels.Length; k++)
        {
            scaled[k] = pixels[k] / 255f;
        }

        return scaled;
    }

    /// <summary>Creates a data set from images: pixels scaled to [0, 1] by <see cref="ScalePixels"/>, byte labels.</summary>
    /// <param name="pixels">Row-major <c>(labels.Length, featureCount)</c> bytes.</param>
    /// <param name="featureCount">Pixels per image.</param>
    /// <param name="labels">One class index per image.</param>
    /// <param name="classNames">The name of each class.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.</exception>
    public static Dataset FromPixels(ReadOnlySpan<byte> pixels, int featureCount, ReadOnlySpan<byte> labels, IReadOnlyList<string> classNames)
    {
        int[] classes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            classes[i] = labels[i];
        }

        return new Dataset(ScalePixels(pixels), featureCount, classes, classNames);
    }

    /// <summary>
    /// The one-hot targets: row-major <c>(Count, ClassCount)</c>, 1 at each sample's class and 0 elsewhere, as
    /// softmax cross-entropy takes them.
    /// </summary>
    /// <returns>A new array of <c>Count × ClassCount</c> values.</returns>
    public float[] OneHot()
    {
        if ((long)Count * ClassCount > Array.MaxLength)
        {
            throw new InvalidOperationException($"{Count} samples of {ClassCount} classes need more one-hot values than fit in one array.");
        }

        float[] targets = new float[Count * ClassCount];
        for (int i = 0; i < Labels.Length; i++)
        {
            targets[i * ClassCount + Labels[i]] = 1f;
        }

        return targets;
    }

    /// <summary>How many samples each class has.</summary>
    /// <returns>One count per class, in class-index order.</returns>
    public int[] CountPerClass()
    {
        int[] counts = new int[ClassCount];
        foreach (int label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    /// <param name="indices">Sample indices, each in [0, <see cref="Count"/>).</param>
    /// <returns>A new data set with copies of those samples.</returns>
    /// <exception cref="ArgumentException">An index is out of range.</exception>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        if ((long)indices.Length * FeatureCount > Array.MaxLength)
        {
            throw new ArgumentException($"Expected at most {Array.MaxLength / FeatureCount} indices for samples of {FeatureCount} values, but there are {indices.Length}.", nameof(indices));
        }

        float[] features = new float[indices.Length * FeatureCount];
        int[] labels = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int index = indices[k];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentException($"Expected sample indices in [0, {Count - 1}], but indices[{k}] is {index}.", nameof(indices));
            }

            Features.AsSpan(index * FeatureCount, FeatureCount).CopyTo(features.AsSpan(k * FeatureCount));
            labels[k] = Labels[index];
        }

        return new Dataset(features, FeatureCount, labels, _classNames);
    }

    /// <summary>The first <paramref name="count"/> samples, e.g. to try a network on a small part of a large set.</summary>
    /// <param name="count">How many samples to keep, in [0, <see cref="Count"/>].</param>
    /// <returns>A new data set with copies of those samples.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="Count"/>.</exception>
    public Dataset Subset(int count)
    {
        if ((uint)count > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected a count in [0, {Count}], but it is {count}.");
        }

        return Select(Range(0, count));
    }

    /// <summary>The samples in an order fixed by <paramref name="seed"/> (a Fisher–Yates shuffle with <see cref="SeededRandom"/>).</summary>
    /// <param name="seed">Equal seeds give equal orders.</param>
    /// <returns>A new, shuffled data set.</returns>
    public Dataset Shuffle(ulong seed)
    {
        int[] order = Range(0, Count);
        new SeededRandom(seed).Shuffle<int>(order);
        return Select(order);
    }

    /// <summary>
    /// Splits the samples at random into training, validation and test sets. The samples are shuffled with
    /// <paramref name="seed"/>, cut at <c>round(Count × trainFraction)</c> and
    /// <c>round(Count × (trainFraction + validationFraction))</c>, and each part is put back into the original order.
    /// Every sample lands in exactly one part.
    /// </summary>
    /// <param name="trainFraction">The training share, in [0, 1], e.g. 0.8.</param>
    /// <param name="validationFraction">The validation share, in [0, 1], e.g. 0.1.</param>
    /// <param name="testFraction">The test share, in [0, 1], e.g. 0.1; the three must add up to 1.</param>
    /// <param name="seed">Equal seeds give equal splits.</param>
    /// <returns>The three parts.</returns>
    /// <exception cref="ArgumentException">A fraction is outside [0, 1] or they do not add up to 1.</exception>
    public DatasetSplit Split(double trainFraction, double validationFraction, double testFraction, ulong seed)
    {
        CheckFraction(trainFraction, nameof(trainFraction));
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        double sum = trainFraction + validationFraction + testFraction;
        if (Math.Abs(sum - 1.0) > FractionSumTolerance)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Expected the fractions to add up to 1, but {trainFraction} + {validationFraction} + {testFraction} = {sum}."),
                nameof(testFraction));
        }

        int trainEnd = (int)Math.Round(Count * trainFraction);
        int validationEnd = Math.Max(trainEnd, Math.Min(Count, (int)Math.Round(Count * (trainFraction + validationFraction))));
        if (testFraction == 0)
        {
            validationEnd = Count;
        }

        int[] order = Range(0, Count);
        new SeededRandom(seed).Shuffle<int>(order);
        return new DatasetSplit(
            SelectSorted(order.AsSpan(0, trainEnd)),
            SelectSorted(order.AsSpan(trainEnd, validationEnd - trainEnd)),
            SelectSorted(order.AsSpan(validationEnd)));
    }

    /// <summary>
    /// Holds <paramref name="validationCount"/> randomly chosen samples out of this training set as a validation set,
    /// for data sets such as Fashion-MNIST that come with their own test set. Each part keeps the original order.
    /// </summary>
    /// <param name="validationCount">How many samples to hold out, in [0, <see cref="Count"/>].</param>
    /// <param name="seed">Equal seeds choose equal samples.</param>
    /// <returns>The remaining training samples and the validation samples.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationCount"/> is negative or above <see cref="Count"/>.</exception>
    public (Dataset Train, Dataset Validation) TakeValidation(int validationCount, ulong seed)
    {
        if ((uint)validationCount > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount, $"Expected a validation count in [0, {Count}], but it is {validationCount}.");
        }

        int[] order = Range(0, Count);
        new SeededRandom(seed).Shuffle<int>(order);
        int trainCount = Count - validationCount;
        return (SelectSorted(order.AsSpan(0, trainCount)), SelectSorted(order.AsSpan(trainCount)));
    }

    /// <summary>Holds <c>round(Count × validationFraction)</c> randomly chosen samples out as a validation set.</summary>
    /// <param name="validationFraction">The share to hold out, in [0, 1], e.g. 0.1.</param>
    /// <param name="seed">Equal seeds choose equal samples.</param>
    /// <returns>The remaining training samples and the validation samples.</returns>
    /// <exception cref="ArgumentException"><paramref name="validationFraction"/> is outside [0, 1].</exception>
    public (Dataset Train, Dataset Validation) TakeValidation(double validationFraction, ulong seed)
    {
        CheckFraction(validationFraction, nameof(validationFraction));
        return TakeValidation((int)Math.Round(Count * validationFraction), seed);
    }

    // Fractions come from decimal literals such as 0.7 + 0.2 + 0.1, which add up to 1 only within rounding.
    private const double FractionSumTolerance = 1e-9;

    private Dataset SelectSorted(Span<int> indices)
    {
        indices.Sort();
        return Select(indices);
    }

    private static void CheckFraction(double fraction, string paramName)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, fraction, string.Create(CultureInfo.InvariantCulture, $"Expected a fraction in [0, 1], but it is {fraction}."));
        }
    }

    private static int[] Range(int start, int count)
    {
        int[] values = new int[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = start + k;
        }

        return values;
    }

    private static string[] NumberedClassNames(int classCount, string paramName)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, classCount, $"Expected at least 1 class, but the count is {classCount}.");
        }

        string[] names = new string[classCount];
        for (int c = 0; c < classCount; c++)
        {
            names[c] = c.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }
}
