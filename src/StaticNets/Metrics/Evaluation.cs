using System;
using System.Collections.Generic;

namespace StaticNets.Metrics;

/// <summary>
/// Classification helpers over row-major network outputs <c>(samples, classes)</c> and class-index labels: the argmax of
/// a row, accuracy, and running a generated network over a dataset to get its predictions or its
/// <see cref="ConfusionMatrix"/>.
/// </summary>
public static class Evaluation
{
    /// <summary>
    /// The index of the largest value in <paramref name="row"/>. A tie goes to the lowest index. A NaN counts as larger
    /// than any number, so the first NaN wins, as in NumPy's <c>argmax</c>: a diverged network does not pass for one
    /// that predicts the class of its largest finite output.
    /// </summary>
    /// <param name="row">One output row; not empty.</param>
    /// <returns>The predicted class.</returns>
    /// <exception cref="ArgumentException"><paramref name="row"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        if (row.IsEmpty)
        {
            throw new ArgumentException("Expected at least one value, but the row is empty.", nameof(row));
        }

        int best = 0;
        for (int k = 0; k < row.Length; k++)
        {
            if (float.IsNaN(row[k]))
            {
                return k;
            }

            // Strictly greater, so an equal value later in the row does not take over.
            if (row[k] > row[best])
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>
    /// The fraction of samples whose output row's <see cref="ArgMax"/> equals the label. The number of classes is
    /// <c>outputs.Length / labels.Length</c>.
    /// </summary>
    /// <param name="outputs">Row-major <c>(samples, classes)</c> network outputs.</param>
    /// <param name="labels">The true class of each sample, each in <c>[0, classes)</c>; at least one.</param>
    /// <returns>The accuracy, in [0, 1].</returns>
    /// <exception cref="ArgumentException"><paramref name="labels"/> is empty, or <paramref name="outputs"/> is not a
    /// non-empty whole number of values per label.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside <c>[0, classes)</c>.</exception>
    public static double Accuracy(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels)
    {
        if (labels.IsEmpty)
        {
            throw new ArgumentException("Expected at least one sample, but there are no labels.", nameof(labels));
        }

        if (outputs.Length == 0 || outputs.Length % labels.Length != 0)
        {
            throw new ArgumentException(
                $"Expected a non-empty row of outputs per label ({labels.Length}), but the length {outputs.Length} is not a positive multiple of {labels.Length}.",
                nameof(outputs));
        }

        int classes = outputs.Length / labels.Length;
        int correct = 0;
        for (int k = 0; k < labels.Length; k++)
        {
            ValidateLabel(labels[k], k, classes);
            if (ArgMax(outputs.Slice(k * classes, classes)) == labels[k])
            {
                correct++;
            }
        }

        return (double)correct / labels.Length;
    }

    /// <summary>
    /// Runs <paramref name="network"/> on every sample with <see cref="INetwork.Predict"/> (inference mode: no dropout,
    /// no training state touched) and writes the <see cref="ArgMax"/> of each output row. Allocates one output row.
    /// </summary>
    /// <typeparam name="TNetwork">A generated network with one output per class.</typeparam>
    /// <param name="network">The network to run.</param>
    /// <param name="inputs">Row-major <c>(samples, InputSize)</c>.</param>
    /// <param name="predictions">Receives the predicted class of each sample; exactly one per sample.</param>
    /// <exception cref="ArgumentException">The network has a single output, <paramref name="inputs"/> is not a whole
    /// number of samples, or <paramref name="predictions"/> does not hold one entry per sample.</exception>
    public static void Predict<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, Span<int> predictions)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        int samples = Samples<TNetwork>(inputs.Length);
        NetworkGuard.Length(predictions.Length, samples, nameof(predictions));

        float[] output = new float[TNetwork.OutputSize]; // (OutputSize)
        for (int k = 0; k < samples; k++)
        {
            network.Predict(inputs.Slice(k * TNetwork.InputSize, TNetwork.InputSize), output);
            predictions[k] = ArgMax(output);
        }
    }

    /// <summary>The predicted class of every sample; see <see cref="Predict{TNetwork}(TNetwork, ReadOnlySpan{float}, Span{int})"/>.</summary>
    /// <typeparam name="TNetwork">A generated network with one output per class.</typeparam>
    /// <param name="network">The network to run.</param>
    /// <param name="inputs">Row-major <c>(samples, InputSize)</c>.</param>
    /// <returns>One class index per sample.</returns>
    /// <exception cref="ArgumentException">The network has a single output, or <paramref name="inputs"/> is not a whole
    /// number of samples.</exception>
    public static int[] Predict<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        int[] predictions = new int[Samples<TNetwork>(inputs.Length)];
        Predict(network, inputs, predictions);
        return predictions;
    }

    /// <summary>
    /// Runs <paramref name="network"/> over a labelled dataset and counts its predictions against the labels. The classes
    /// are the network's outputs: <c>ClassCount = OutputSize</c>.
    /// </summary>
    /// <typeparam name="TNetwork">A generated network with one output per class.</typeparam>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">Row-major <c>(samples, InputSize)</c>, at least one sample.</param>
    /// <param name="labels">The true class of each sample, each in <c>[0, OutputSize)</c>.</param>
    /// <param name="classNames">A name per output, or <see langword="null"/> for <c>"0"</c>, <c>"1"</c>, ….</param>
    /// <returns>The confusion matrix, with the per-class metrics and report.</returns>
    /// <exception cref="ArgumentException">The network has a single output, <paramref name="inputs"/> is not a whole
    /// number of samples, there is not one label per sample, or the names do not match the outputs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside <c>[0, OutputSize)</c>.</exception>
    public static ConfusionMatrix Evaluate<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IReadOnlyList<string>? classNames = null)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        int samples = Samples<TNetwork>(inputs.Length);
        NetworkGuard.Length(labels.Length, samples, nameof(labels));
        int[] predictions = new int[samples];
        Predict(network, inputs, predictions);
        return new ConfusionMatrix(predictions, labels, TNetwork.OutputSize, classNames);
    }

    /// <summary>The number of samples in <paramref name="inputLength"/> values, after checking the network classifies.</summary>
    private static int Samples<TNetwork>(int inputLength)
        where TNetwork : INetwork
    {
        if (TNetwork.OutputSize < 2)
        {
            throw new ArgumentException(
                $"Expected a network with one output per class, at least 2, but {typeof(TNetwork).Name} has {TNetwork.OutputSize} output; the argmax of a single output is always class 0.",
                "network");
        }

        if (inputLength == 0 || inputLength % TNetwork.InputSize != 0)
        {
            throw new ArgumentException(
                $"Expected a non-empty whole number of samples of {TNetwork.InputSize} values, but the length is {inputLength}.", "inputs");
        }

        return inputLength / TNetwork.InputSize;
    }

    private static void ValidateLabel(int label, int index, int classes)
    {
        if ((uint)label >= (uint)classes)
        {
            throw new ArgumentOutOfRangeException("labels", label,
                $"labels[{index}] is {label}, but a class index must be in [0, {classes}) for {classes} classes.");
        }
    }
}
