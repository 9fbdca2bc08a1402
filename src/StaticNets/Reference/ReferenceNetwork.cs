using System;
using System.Collections.Generic;

namespace StaticNets.Reference;

/// <summary>
/// A dense network evaluated with <see cref="DenseReference"/> in <see cref="double"/>: a run-time interpreted twin of a
/// generated network, with the same parameter layout, used to check generated code and finite differences.
/// Slow and allocating by design; never use it in production.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly int[] _sizes;
    private readonly Activation[] _activations;
    private readonly double[] _activationParameters; // LeakyReLU's slope or ELU's alpha, defaults filled in
    private readonly Loss _loss;

    /// <summary>
    /// Describes a network of <paramref name="inputSize"/> inputs and the given layers, LeakyReLU and ELU with their
    /// default parameters (<see cref="ReferenceActivations.DefaultParameter"/>).
    /// </summary>
    /// <param name="inputSize">Features per sample.</param>
    /// <param name="layers">Units and activation of each dense layer, in order.</param>
    /// <param name="loss">The loss.</param>
    public ReferenceNetwork(int inputSize, IReadOnlyList<(int Units, Activation Activation)> layers, Loss loss)
        : this(inputSize, WithDefaultParameters(layers), loss)
    {
    }

    /// <summary>Describes a network of <paramref name="inputSize"/> inputs and the given layers.</summary>
    /// <param name="inputSize">Features per sample.</param>
    /// <param name="layers">
    /// Units, activation and activation parameter of each dense layer, in order. The parameter is LeakyReLU's negative
    /// slope or ELU's alpha, as <see cref="DenseAttribute.NegativeSlope"/> and <see cref="DenseAttribute.Alpha"/> set
    /// it; null takes the default (<see cref="ReferenceActivations.DefaultParameter"/>).
    /// </param>
    /// <param name="loss">The loss.</param>
    /// <exception cref="ArgumentException">A layer has a parameter its activation does not take, or one that is not finite.</exception>
    public ReferenceNetwork(int inputSize, IReadOnlyList<(int Units, Activation Activation, double? ActivationParameter)> layers, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _sizes = new int[layers.Count + 1];
        _activations = new Activation[layers.Count];
        _activationParameters = new double[layers.Count];
        _sizes[0] = inputSize;
        for (int l = 0; l < layers.Count; l++)
        {
            _sizes[l + 1] = layers[l].Units;
            _activations[l] = layers[l].Activation;
            _activationParameters[l] = ReferenceActivations.LayerParameter(layers[l].Activation, layers[l].ActivationParameter, l, nameof(layers));
            ParameterCount += _sizes[l] * _sizes[l + 1] + _sizes[l + 1];
        }

        _loss = loss;
    }

    /// <summary>Number of parameters, as in the generated network.</summary>
    public int ParameterCount { get; }

    /// <summary>Features per sample.</summary>
    public int InputSize => _sizes[0];

    /// <summary>Values per output sample.</summary>
    public int OutputSize => _sizes[^1];

    /// <summary>Runs one sample and writes the output activations.</summary>
    /// <param name="parameters">The parameters in the generated layout.</param>
    /// <param name="input">One sample.</param>
    /// <param name="output">Receives the output activations.</param>
    public void Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, Span<double> output)
    {
        double[][] z = NewActivations();
        double[][] a = NewActivations();
        ForwardSample(parameters, input, z, a);
        a[^1].CopyTo(output);
    }

    /// <summary>The mean loss of a batch.</summary>
    /// <param name="parameters">The parameters in the generated layout.</param>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>.</param>
    /// <returns>The loss, defined as the generated network defines it.</returns>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets) =>
        LossAndGradient(parameters, inputs, targets, Span<double>.Empty);

    /// <summary>The mean loss of a batch and, if <paramref name="gradient"/> is not empty, its gradient.</summary>
    /// <param name="parameters">The parameters in the generated layout.</param>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>.</param>
    /// <param name="gradient">Receives the gradient (overwritten), or empty.</param>
    /// <returns>The mean loss.</returns>
    public double LossAndGradient(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradient)
    {
        int batch = inputs.Length / InputSize;
        int layers = _activations.Length;
        gradient.Clear();
        double total = 0;
        for (int s = 0; s < batch; s++)
        {
            double[][] z = NewActivations();
            double[][] a = NewActivations();
            ReadOnlySpan<double> x = inputs.Slice(s * InputSize, InputSize);
            ReadOnlySpan<double> y = targets.Slice(s * OutputSize, OutputSize);
            ForwardSample(parameters, x, z, a);

            double[] dz = new double[OutputSize];
            if (_loss == StaticNets.Loss.SoftmaxCrossEntropy)
            {
                double max = double.NegativeInfinity;
                foreach (double value in z[^1])
                {
                    max = Math.Max(max, value);
                }

                double sumExp = 0;
                foreach (double value in z[^1])
                {
                    sumExp += Math.Exp(value - max);
                }

                double logSumExp = max + Math.Log(sumExp);
                double targetSum = 0;
                for (int k = 0; k < OutputSize; k++)
                {
                    total += y[k] * (logSumExp - z[^1][k]);
                    targetSum += y[k];
                }

                for (int k = 0; k < OutputSize; k++)
                {
                    dz[k] = (a[^1][k] * targetSum - y[k]) / batch;
                }
            }
            else
            {
                double scale = 1.0 / ((double)batch * OutputSize);
                for (int k = 0; k < OutputSize; k++)
                {
                    double error = a[^1][k] - y[k];
                    total += error * error / OutputSize; // the mean over outputs; over the batch below
                    dz[k] = 2 * error * scale * ReferenceActivations.Derivative(_activations[^1], z[^1][k], _activationParameters[^1]);
                }
            }

            if (gradient.IsEmpty)
            {
                continue;
            }

            int offset = ParameterCount;
            for (int l = layers - 1; l >= 0; l--)
            {
                int fanIn = _sizes[l], outputs = _sizes[l + 1];
                offset -= fanIn * outputs + outputs;
                ReadOnlySpan<double> w = parameters.Slice(offset, fanIn * outputs);
                ReadOnlySpan<double> layerInput = l == 0 ? x : a[l - 1];
                double[] dx = l == 0 ? Array.Empty<double>() : new double[fanIn];
                DenseReference.Backward(w, layerInput, dz, gradient.Slice(offset, fanIn * outputs),
                    gradient.Slice(offset + fanIn * outputs, outputs), dx);
                if (l > 0)
                {
                    for (int i = 0; i < fanIn; i++)
                    {
                        dx[i] *= ReferenceActivations.Derivative(_activations[l - 1], z[l - 1][i], _activationParameters[l - 1]);
                    }

                    dz = dx;
                }
            }
        }

        return total / batch;
    }

    private void ForwardSample(ReadOnlySpan<double> parameters, ReadOnlySpan<double> x, double[][] z, double[][] a)
    {
        int offset = 0;
        ReadOnlySpan<double> input = x;
        for (int l = 0; l < _activations.Length; l++)
        {
            int inputs = _sizes[l], outputs = _sizes[l + 1];
            DenseReference.Forward(parameters.Slice(offset, inputs * outputs), parameters.Slice(offset + inputs * outputs, outputs),
                _activations[l], _activationParameters[l], input, z[l], a[l]);
            offset += inputs * outputs + outputs;
            input = a[l];
        }
    }

    private static (int Units, Activation Activation, double? ActivationParameter)[] WithDefaultParameters(
        IReadOnlyList<(int Units, Activation Activation)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var result = new (int, Activation, double?)[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            result[l] = (layers[l].Units, layers[l].Activation, null);
        }

        return result;
    }

    private double[][] NewActivations()
    {
        var result = new double[_activations.Length][];
        for (int l = 0; l < result.Length; l++)
        {
            result[l] = new double[_sizes[l + 1]];
        }

        return result;
    }
}
