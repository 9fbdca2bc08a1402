using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticNets.Data;

/// <summary>
/// Per-feature standardisation, <c>x' = (x − mean) / std</c>, with the mean and standard deviation computed on the
/// training set only and then applied unchanged to the validation and test sets and to inputs at prediction time.
/// </summary>
/// <remarks>
/// The deviation is the population one (divided by the sample count), as scikit-learn's <c>StandardScaler</c>
/// computes it; both statistics are summed in <see cref="double"/>. A feature that is constant in the training set
/// (deviation 0, e.g. the corner pixels of MNIST) is only centred: it is divided by 1.
/// </remarks>
public sealed class Standardization
{
    private readonly float[] _mean;
    private readonly float[] _standardDeviation;

    /// <summary>Creates a standardisation from statistics computed earlier, e.g. saved with a model.</summary>
    /// <param name="mean">The mean of each feature.</param>
    /// <param name="standardDeviation">The standard deviation of each feature; zero or positive, and finite.</param>
    /// <exception cref="ArgumentException">The lengths differ or are zero, or a value is not finite or a deviation is negative.</exception>
    public Standardization(ReadOnlySpan<float> mean, ReadOnlySpan<float> standardDeviation)
    {
        if (mean.IsEmpty)
        {
            throw new ArgumentException("Expected at least 1 feature, but the mean is empty.", nameof(mean));
        }

        NetworkGuard.Length(standardDeviation.Length, mean.Length, nameof(standardDeviation));
        for (int j = 0; j < mean.Length; j++)
        {
            if (!float.IsFinite(mean[j]))
            {
                throw new ArgumentException(Invariant($"Expected finite means, but mean[{j}] is {mean[j]}."), nameof(mean));
            }

            if (!(standardDeviation[j] >= 0) || float.IsInfinity(standardDeviation[j]))
            {
                throw new ArgumentException(
                    Invariant($"Expected deviations that are zero or positive, and finite, but standardDeviation[{j}] is {standardDeviation[j]}."),
                    nameof(standardDeviation));
            }
        }

        _mean = mean.ToArray();
        _standardDeviation = standardDeviation.ToArray();
    }

    /// <summary>Values per sample.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>The mean of each feature over the training set.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The population standard deviation of each feature over the training set.</summary>
    public IReadOnlyList<float> StandardDeviation => _standardDeviation;

    /// <summary>Computes the statistics of a training set.</summary>
    /// <param name="training">The training set; at least one sample.</param>
    /// <returns>The statistics, to apply to every set.</returns>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public static Standardization Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return Fit(training.Features, training.FeatureCount);
    }

    /// <summary>Computes the statistics of row-major <c>(samples, featureCount)</c> training features.</summary>
    /// <param name="features">The training features; at least one sample.</param>
    /// <param name="featureCount">Values per sample.</param>
    /// <returns>The statistics, to apply to every set.</returns>
    /// <exception cref="ArgumentException">The features are empty or not a whole number of samples.</exception>
    public static Standardization Fit(ReadOnlySpan<float> features, int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.IsEmpty || features.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"Expected a non-empty whole number of samples of {featureCount} values, but the length is {features.Length}.", nameof(features));
        }

        int samples = features.Length / featureCount;
        double[] sum = new double[featureCount];
        for (int offset = 0; offset < features.Length; offset += featureCount)
        {
            ReadOnlySpan<float> row = features.Slice(offset, featureCount);
            for (int j = 0; j < featureCount; j++)
            {
                sum[j] += row[j];
            }
        }

        double[] mean = new double[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            mean[j] = sum[j] / samples;
        }

        // A second pass over the deviations, rather than E[x²] − E[x]², which cancels badly for large means.
        double[] squares = new double[featureCount];
        for (int offset = 0; offset < features.Length; offset += featureCount)
        {
            ReadOnlySpan<float> row = features.Slice(offset, featureCount);
            for (int j = 0; j < featureCount; j++)
            {
                double deviation = row[j] - mean[j];
                squares[j] += deviation * deviation;
            }
        }

        float[] meanValues = new float[featureCount];
        float[] deviationValues = new float[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            meanValues[j] = (float)mean[j];
            deviationValues[j] = (float)Math.Sqrt(squares[j] / samples);
        }

        return new Standardization(meanValues, deviationValues);
    }

    /// <summary>Standardises a data set.</summary>
    /// <param name="dataset">A set with <see cref="FeatureCount"/> features.</param>
    /// <returns>A new data set with standardised features and the same labels.</returns>
    /// <exception cref="ArgumentException">The set has another feature count.</exception>
    public Dataset Apply(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        NetworkGuard.Length(dataset.FeatureCount, FeatureCount, nameof(dataset));
        float[] features = (float[])dataset.Features.Clone();
        Apply(features);
        return new Dataset(features, dataset.FeatureCount, dataset.Labels, dataset.ClassNames);
    }

    /// <summary>Standardises row-major <c>(samples, FeatureCount)</c> features in place, e.g. inputs to predict on.</summary>
    /// <param name="features">The features; a whole number of samples.</param>
    /// <exception cref="ArgumentException">The length is not a whole number of samples.</exception>
    public void Apply(Span<float> features)
    {
        if (features.Length % FeatureCount != 0)
        {
            throw new ArgumentException(
                $"Expected a whole number of samples of {FeatureCount} values, but the length is {features.Length}.", nameof(features));
        }

        float[] divisor = new float[FeatureCount];
        for (int j = 0; j < divisor.Length; j++)
        {
            divisor[j] = _standardDeviation[j] > 0 ? _standardDeviation[j] : 1f;
        }

        for (int offset = 0; offset < features.Length; offset += FeatureCount)
        {
            Span<float> row = features.Slice(offset, FeatureCount);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = (row[j] - _mean[j]) / divisor[j];
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
