using System;
using System.Collections.Generic;

namespace StaticNets.Reference;

/// <summary>
/// A sequential network of convolution, pooling, flatten and dense layers evaluated with
/// <see cref="ConvolutionReference"/> and <see cref="DenseReference"/> in <see cref="double"/>: a run-time interpreted
/// twin of a generated CNN, used to check generated code and finite differences. Slow and allocating by design; never
/// use it in production.
/// </summary>
/// <remarks>
/// Samples are HWC (channels last) row-major, a batch is <c>(batch, H·W·C)</c> row-major. The parameter vector holds,
/// for each layer in order, its weights and then its biases: Conv2D weights are <c>(KH, KW, Cin, Cout)</c>, dense
/// weights <c>(inputs, outputs)</c>; pooling and flatten layers have no parameters. Gradients use the same layout.
/// Losses are means, as PyTorch reduces them.
/// </remarks>
public sealed class ConvolutionalReferenceNetwork
{
    private readonly ReferenceLayer[] _layers;
    private readonly (int Height, int Width, int Channels)[] _shapes; // [0] the input, [l + 1] the output of layer l
    private readonly int[] _offsets; // where each layer's parameters start
    private readonly (int Top, int Left)[] _pads; // Conv2D padding before the first row and column
    private readonly double[] _activationParameters; // LeakyReLU's slope or ELU's alpha, defaults filled in; 0 without an activation
    private readonly Loss _loss;

    /// <summary>Describes a network taking <c>(height, width, channels)</c> samples through the given layers.</summary>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="layers">The layers, in order.</param>
    /// <param name="loss"><see cref="StaticNets.Loss.SoftmaxCrossEntropy"/> (the last layer must be a Softmax dense layer) or <see cref="StaticNets.Loss.MeanSquaredError"/>.</param>
    /// <exception cref="ArgumentException">
    /// The layers do not chain, the loss does not fit the last layer, or a layer has an activation parameter its
    /// activation does not take or that is not finite.
    /// </exception>
    public ConvolutionalReferenceNetwork(int height, int width, int channels, IReadOnlyList<ReferenceLayer> layers, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        _layers = new ReferenceLayer[layers.Count];
        _shapes = new (int, int, int)[layers.Count + 1];
        _offsets = new int[layers.Count];
        _pads = new (int, int)[layers.Count];
        _activationParameters = new double[layers.Count];
        _shapes[0] = (height, width, channels);
        bool flat = false;
        for (int l = 0; l < layers.Count; l++)
        {
            ReferenceLayer layer = layers[l] ?? throw new ArgumentException($"Layer {l} is null.", nameof(layers));
            (int h, int w, int c) = _shapes[l];
            bool spatial = layer is not ReferenceLayer.Dense;
            if (spatial && flat)
            {
                throw new ArgumentException($"Layer {l} ({layer}) needs an image input, but the previous layer is flat.", nameof(layers));
            }

            if (!spatial && !flat)
            {
                throw new ArgumentException($"Layer {l} ({layer}) needs a flat input: add Flatten or GlobalAveragePool2D first.", nameof(layers));
            }

            if (ActivationOf(layer) == Activation.Softmax && l != layers.Count - 1)
            {
                throw new ArgumentException($"Layer {l}: Softmax is only allowed on the last layer.", nameof(layers));
            }

            _layers[l] = layer;
            _offsets[l] = ParameterCount;
            _activationParameters[l] = ReferenceActivations.LayerParameter(ActivationOf(layer), ActivationParameterOf(layer), l, nameof(layers));
            switch (layer)
            {
                case ReferenceLayer.Conv2D conv:
                    if (conv.Activation == Activation.Softmax)
                    {
                        throw new ArgumentException($"Layer {l}: a convolution cannot use Softmax.", nameof(layers));
                    }

                    (int outHeight, int padTop) = ConvolutionReference.OutputSize(h, conv.KernelHeight, conv.StrideHeight, conv.Same);
                    (int outWidth, int padLeft) = ConvolutionReference.OutputSize(w, conv.KernelWidth, conv.StrideWidth, conv.Same);
                    _pads[l] = (padTop, padLeft);
                    _shapes[l + 1] = (outHeight, outWidth, conv.Filters);
                    ParameterCount += conv.KernelHeight * conv.KernelWidth * c * conv.Filters + conv.Filters;
                    break;
                case ReferenceLayer.MaxPool2D pool:
                    _shapes[l + 1] = PoolOutput(_shapes[l], pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth);
                    break;
                case ReferenceLayer.AveragePool2D pool:
                    _shapes[l + 1] = PoolOutput(_shapes[l], pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth);
                    break;
                case ReferenceLayer.GlobalAveragePool2D:
                    _shapes[l + 1] = (1, 1, c);
                    flat = true;
                    break;
                case ReferenceLayer.Flatten:
                    _shapes[l + 1] = (1, 1, h * w * c);
                    flat = true;
                    break;
                case ReferenceLayer.Dense dense:
                    _shapes[l + 1] = (1, 1, dense.Units);
                    ParameterCount += h * w * c * dense.Units + dense.Units;
                    break;
                default:
                    throw new ArgumentException($"Layer {l}: unknown layer {layer}.", nameof(layers));
            }
        }

        bool softmaxOutput = ActivationOf(_layers[^1]) == Activation.Softmax;
        switch (loss)
        {
            case StaticNets.Loss.SoftmaxCrossEntropy when !softmaxOutput:
                throw new ArgumentException("SoftmaxCrossEntropy needs a Softmax dense output layer.", nameof(loss));
            case StaticNets.Loss.MeanSquaredError when softmaxOutput:
                throw new ArgumentException("A Softmax output layer needs the SoftmaxCrossEntropy loss.", nameof(loss));
            case StaticNets.Loss.SoftmaxCrossEntropy or StaticNets.Loss.MeanSquaredError:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Only SoftmaxCrossEntropy and MeanSquaredError are supported.");
        }

        _loss = loss;
    }

    /// <summary>Number of parameters, as in the generated network.</summary>
    public int ParameterCount { get; }

    /// <summary>Values per input sample, <c>H·W·C</c>.</summary>
    public int InputSize => Size(_shapes[0]);

    /// <summary>Values per output sample.</summary>
    public int OutputSize => Size(_shapes[^1]);

    /// <summary>Number of layers.</summary>
    public int LayerCount => _layers.Length;

    /// <summary>The output shape of layer <paramref name="layer"/>; flat layers report <c>(1, 1, size)</c>.</summary>
    /// <param name="layer">The layer's index, from 0.</param>
    /// <returns>Rows, columns and channels of the layer's output.</returns>
    public (int Height, int Width, int Channels) OutputShape(int layer) => _shapes[layer + 1];

    /// <summary>Where layer <paramref name="layer"/>'s parameters (weights, then biases) start in the parameter vector.</summary>
    /// <param name="layer">The layer's index, from 0.</param>
    /// <returns>The offset; for a layer without parameters, where the next layer's parameters start.</returns>
    public int ParameterOffset(int layer) => _offsets[layer];

    /// <summary>Runs one sample and writes the output activations (probabilities for a Softmax output).</summary>
    /// <param name="parameters">The parameters in the generated layout.</param>
    /// <param name="input">One <c>(H, W, C)</c> sample.</param>
    /// <param name="output">Receives the output activations.</param>
    public void Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, Span<double> output)
    {
        RequireLength(parameters, ParameterCount, nameof(parameters));
        RequireLength(input, InputSize, nameof(input));
        double[][] z = new double[_layers.Length][];
        double[][] a = new double[_layers.Length][];
        ForwardSample(parameters, input, z, a);
        a[^1].CopyTo(output);
    }

    /// <summary>The mean loss of a batch.</summary>
    /// <param name="parameters">The parameters in the generated layout.</param>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>.</param>
    /// <returns>The loss, a mean as PyTorch reduces it.</returns>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets) =>
        LossAndGradient(parameters, inputs, targets, Span<double>.Empty);

    /// <summary>
    /// The mean loss of a batch and, if <paramref name="gradient"/> is not empty, its gradient. SoftmaxCrossEntropy:
    /// <c>Σ_b Σ_k -y_bk·log softmax(z_b)_k / batch</c>; MeanSquaredError: <c>Σ (a - y)² / (batch·outputs)</c>.
    /// </summary>
    /// <param name="parameters">The parameters in the generated layout.</param>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>.</param>
    /// <param name="gradient">Receives the gradient (overwritten), or empty.</param>
    /// <returns>The mean loss.</returns>
    public double LossAndGradient(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradient)
    {
        RequireLength(parameters, ParameterCount, nameof(parameters));
        if (inputs.Length == 0 || inputs.Length % InputSize != 0)
        {
            throw new ArgumentException($"Expected a positive multiple of {InputSize} values.", nameof(inputs));
        }

        int batch = inputs.Length / InputSize;
        RequireLength(targets, batch * OutputSize, nameof(targets));
        if (!gradient.IsEmpty)
        {
            RequireLength(gradient, ParameterCount, nameof(gradient));
        }

        gradient.Clear();
        int last = _layers.Length - 1;
        double total = 0;
        for (int s = 0; s < batch; s++)
        {
            double[][] z = new double[_layers.Length][];
            double[][] a = new double[_layers.Length][];
            ReadOnlySpan<double> x = inputs.Slice(s * InputSize, InputSize);
            ReadOnlySpan<double> y = targets.Slice(s * OutputSize, OutputSize);
            ForwardSample(parameters, x, z, a);

            double[] dz = new double[OutputSize]; // the loss gradient with respect to z of the last layer
            if (_loss == StaticNets.Loss.SoftmaxCrossEntropy)
            {
                double max = double.NegativeInfinity;
                foreach (double value in z[last])
                {
                    max = Math.Max(max, value);
                }

                double sumExp = 0;
                foreach (double value in z[last])
                {
                    sumExp += Math.Exp(value - max);
                }

                double logSumExp = max + Math.Log(sumExp);
                double targetSum = 0;
                for (int k = 0; k < OutputSize; k++)
                {
                    total += y[k] * (logSumExp - z[last][k]);
                    targetSum += y[k];
                }

                for (int k = 0; k < OutputSize; k++)
                {
                    dz[k] = (a[last][k] * targetSum - y[k]) / batch;
                }
            }
            else
            {
                double scale = 1.0 / ((double)batch * OutputSize);
                for (int k = 0; k < OutputSize; k++)
                {
                    double error = a[last][k] - y[k];
                    total += error * error / OutputSize; // the mean over outputs; over the batch below
                    dz[k] = 2 * error * scale * ReferenceActivations.Derivative(ActivationOf(_layers[last]), z[last][k], _activationParameters[last]);
                }
            }

            if (!gradient.IsEmpty)
            {
                BackwardSample(parameters, x, z, a, dz, gradient);
            }
        }

        return total / batch;
    }

    /// <summary>Fills <paramref name="z"/> (pre-activations) and <paramref name="a"/> (activations) of every layer.</summary>
    private void ForwardSample(ReadOnlySpan<double> parameters, ReadOnlySpan<double> x, double[][] z, double[][] a)
    {
        ReadOnlySpan<double> input = x;
        for (int l = 0; l < _layers.Length; l++)
        {
            (int h, int w, int c) = _shapes[l];
            z[l] = new double[Size(_shapes[l + 1])];
            a[l] = z[l]; // layers without an activation share the buffer
            switch (_layers[l])
            {
                case ReferenceLayer.Conv2D conv:
                    (int outHeight, int outWidth, _) = _shapes[l + 1];
                    int weightCount = conv.KernelHeight * conv.KernelWidth * c * conv.Filters;
                    ConvolutionReference.Conv2DForward(input, h, w, c,
                        parameters.Slice(_offsets[l], weightCount), parameters.Slice(_offsets[l] + weightCount, conv.Filters),
                        conv.KernelHeight, conv.KernelWidth, conv.Filters, conv.StrideHeight, conv.StrideWidth,
                        _pads[l].Top, _pads[l].Left, outHeight, outWidth, z[l]);
                    a[l] = new double[z[l].Length];
                    for (int i = 0; i < z[l].Length; i++)
                    {
                        a[l][i] = ReferenceActivations.Forward(conv.Activation, z[l][i], _activationParameters[l]);
                    }

                    break;
                case ReferenceLayer.MaxPool2D pool:
                    ConvolutionReference.MaxPool2DForward(input, h, w, c, pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth, z[l]);
                    break;
                case ReferenceLayer.AveragePool2D pool:
                    ConvolutionReference.AveragePool2DForward(input, h, w, c, pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth, z[l]);
                    break;
                case ReferenceLayer.GlobalAveragePool2D:
                    ConvolutionReference.GlobalAveragePool2DForward(input, h, w, c, z[l]);
                    break;
                case ReferenceLayer.Flatten:
                    input.CopyTo(z[l]);
                    break;
                case ReferenceLayer.Dense dense:
                    int inputs = input.Length;
                    a[l] = new double[dense.Units];
                    DenseReference.Forward(parameters.Slice(_offsets[l], inputs * dense.Units),
                        parameters.Slice(_offsets[l] + inputs * dense.Units, dense.Units), dense.Activation, _activationParameters[l], input, z[l], a[l]);
                    break;
            }

            input = a[l];
        }
    }

    /// <summary>Back-propagates <paramref name="dz"/>, the gradient of the last layer's pre-activation, adding into <paramref name="gradient"/>.</summary>
    private void BackwardSample(ReadOnlySpan<double> parameters, ReadOnlySpan<double> x, double[][] z, double[][] a, double[] dz, Span<double> gradient)
    {
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            (int h, int w, int c) = _shapes[l];
            ReadOnlySpan<double> input = l == 0 ? x : a[l - 1];
            double[] dx = l == 0 ? Array.Empty<double>() : new double[Size(_shapes[l])]; // the gradient of a[l - 1]
            switch (_layers[l])
            {
                case ReferenceLayer.Conv2D conv:
                    (int outHeight, int outWidth, _) = _shapes[l + 1];
                    int weightCount = conv.KernelHeight * conv.KernelWidth * c * conv.Filters;
                    ConvolutionReference.Conv2DBackward(input, h, w, c, parameters.Slice(_offsets[l], weightCount),
                        conv.KernelHeight, conv.KernelWidth, conv.Filters, conv.StrideHeight, conv.StrideWidth,
                        _pads[l].Top, _pads[l].Left, outHeight, outWidth, dz,
                        gradient.Slice(_offsets[l], weightCount), gradient.Slice(_offsets[l] + weightCount, conv.Filters), dx);
                    break;
                case ReferenceLayer.Dense dense:
                    int inputs = input.Length;
                    DenseReference.Backward(parameters.Slice(_offsets[l], inputs * dense.Units), input, dz,
                        gradient.Slice(_offsets[l], inputs * dense.Units), gradient.Slice(_offsets[l] + inputs * dense.Units, dense.Units), dx);
                    break;
                case ReferenceLayer.MaxPool2D pool when l > 0:
                    ConvolutionReference.MaxPool2DBackward(input, h, w, c, pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth, dz, dx);
                    break;
                case ReferenceLayer.AveragePool2D pool when l > 0:
                    ConvolutionReference.AveragePool2DBackward(h, w, c, pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth, dz, dx);
                    break;
                case ReferenceLayer.GlobalAveragePool2D when l > 0:
                    ConvolutionReference.GlobalAveragePool2DBackward(h, w, c, dz, dx);
                    break;
                case ReferenceLayer.Flatten when l > 0:
                    dz.CopyTo(dx, 0);
                    break;
            }

            if (l == 0)
            {
                break;
            }

            Activation previous = ActivationOf(_layers[l - 1]);
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] *= ReferenceActivations.Derivative(previous, z[l - 1][i], _activationParameters[l - 1]);
            }

            dz = dx;
        }
    }

    /// <summary>The activation a layer applies to its output: Linear for layers without one.</summary>
    private static Activation ActivationOf(ReferenceLayer layer) => layer switch
    {
        ReferenceLayer.Conv2D conv => conv.Activation,
        ReferenceLayer.Dense dense => dense.Activation,
        _ => Activation.Linear,
    };

    /// <summary>The activation parameter a layer declares: null for the default and for layers without an activation.</summary>
    private static double? ActivationParameterOf(ReferenceLayer layer) => layer switch
    {
        ReferenceLayer.Conv2D conv => conv.ActivationParameter,
        ReferenceLayer.Dense dense => dense.ActivationParameter,
        _ => null,
    };

    private static (int Height, int Width, int Channels) PoolOutput((int Height, int Width, int Channels) input,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth) =>
        (ConvolutionReference.OutputSize(input.Height, poolHeight, strideHeight, same: false).Output,
            ConvolutionReference.OutputSize(input.Width, poolWidth, strideWidth, same: false).Output,
            input.Channels);

    private static int Size((int Height, int Width, int Channels) shape) => shape.Height * shape.Width * shape.Channels;

    private static void RequireLength(ReadOnlySpan<double> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} values, got {span.Length}.", name);
        }
    }
}
