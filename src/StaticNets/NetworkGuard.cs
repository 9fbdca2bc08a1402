using System;
using System.Diagnostics.CodeAnalysis;

namespace StaticNets;

/// <summary>Argument checks shared by generated networks. Every message names the parameter and both values.</summary>
public static class NetworkGuard
{
    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    /// <param name="actual">The length passed.</param>
    /// <param name="expected">The length required.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Length(int actual, int expected, string paramName)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName);
        }
    }

    /// <summary>
    /// Returns the batch size of a row-major <c>(batch, rowSize)</c> span of <paramref name="length"/> values, and
    /// throws unless it is a whole number of rows between 1 and <paramref name="maxBatchSize"/>.
    /// </summary>
    /// <param name="length">The length of the span passed.</param>
    /// <param name="rowSize">Values per sample.</param>
    /// <param name="maxBatchSize">The largest batch the network's workspace holds.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <returns>The number of samples.</returns>
    /// <exception cref="ArgumentException">The length is not a whole, allowed number of rows.</exception>
    public static int Batch(int length, int rowSize, int maxBatchSize, string paramName)
    {
        if (length == 0 || length % rowSize != 0)
        {
            throw new ArgumentException(
                $"Expected a non-empty whole number of samples of {rowSize} values, but the length is {length}.", paramName);
        }

        int batch = length / rowSize;
        if (batch > maxBatchSize)
        {
            throw new ArgumentException(
                $"The batch holds {batch} samples ({length} values), more than the {maxBatchSize} (MaxBatchSize) this network was constructed for.",
                paramName);
        }

        return batch;
    }

    /// <summary>Throws unless <paramref name="maxBatchSize"/> is at least 1.</summary>
    /// <param name="maxBatchSize">The requested workspace size.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1.</exception>
    public static void MaxBatchSize(int maxBatchSize, string paramName) => MaxBatchSize(maxBatchSize, 1, paramName);

    /// <summary>
    /// Throws unless <paramref name="maxBatchSize"/> is at least 1 and a workspace of <paramref name="maxBatchSize"/>
    /// rows of <paramref name="largestRow"/> floats fits in an array.
    /// </summary>
    /// <param name="maxBatchSize">The requested workspace size.</param>
    /// <param name="largestRow">The widest row the workspace holds (the largest layer).</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1 or too large.</exception>
    public static void MaxBatchSize(int maxBatchSize, int largestRow, string paramName)
    {
        if (maxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, maxBatchSize, $"The maximum batch size must be at least 1, but it is {maxBatchSize}.");
        }

        long limit = Array.MaxLength / Math.Max(largestRow, 1);
        if (maxBatchSize > limit)
        {
            throw new ArgumentOutOfRangeException(paramName, maxBatchSize,
                $"The maximum batch size must be at most {limit} for rows of {largestRow} floats, but it is {maxBatchSize}.");
        }
    }

    /// <summary>Throws unless <paramref name="learningRate"/> is zero or positive, and finite (a schedule may reach 0).</summary>
    /// <param name="learningRate">The learning rate to set.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, infinite or NaN.</exception>
    public static void LearningRate(float learningRate, string paramName)
    {
        if (!(learningRate >= 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(paramName, learningRate, $"The learning rate must be zero or positive, and finite, but it is {learningRate}.");
        }
    }

    /// <summary>Throws because <see cref="INetwork.Backward"/> was called with no batch from <see cref="INetwork.Forward"/>.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowBackwardWithoutForward() =>
        throw new InvalidOperationException("Backward needs the activations of a batch: call Forward first.");

    /// <summary>Throws the length mismatch error of <see cref="Length"/>.</summary>
    /// <param name="actual">The length passed.</param>
    /// <param name="expected">The length required.</param>
    /// <param name="paramName">The parameter that was passed.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowLength(int actual, int expected, string paramName) =>
        throw new ArgumentException($"Expected a length of {expected}, but the length is {actual}.", paramName);
}
