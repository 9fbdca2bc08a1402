using System;

namespace StaticNets.Benchmarks.Baselines;

/// <summary>
/// The baseline for the W5 reference CNN: inference only, written the way a developer would write a small
/// convolutional network by hand, with direct convolution in ordinary scalar loops over <c>float[]</c> arrays.
/// No SIMD, no unsafe code, no im2col, no code generation.
/// </summary>
/// <remarks>
/// <para>Architecture: Input(28, 28, 1) -> Conv2D(32, 3x3, ReLU) -> MaxPool2D(2) -> Conv2D(64, 3x3, ReLU)
/// -> MaxPool2D(2) -> Flatten -> Dense(64, ReLU) -> Dense(10, Softmax). Valid convolutions with stride 1; pooling
/// drops a last row or column that fills no window (11 -> 5), as PyTorch and Keras do.</para>
/// <para>Layouts are StaticNets' so that <see cref="CopyFrom"/> is a plain copy: images are channels last, element
/// <c>(y, x, c)</c> at <c>(y * W + x) * C + c</c>; convolution weights are <c>(KH, KW, Cin, Cout)</c> row-major and
/// dense weights <c>(inputs, outputs)</c> row-major, each followed by its biases. The innermost loops run over the
/// output channels or output units, which are contiguous in both the weights and the output.</para>
/// <para><see cref="Predict"/> allocates nothing (its scratch buffers are created once), but it is not
/// thread-safe.</para>
/// </remarks>
public sealed class PlainCnn
{
    private const int Side = 28, Kernel = 3, Pool = 2;
    private const int Channels1 = 32, Channels2 = 64, Hidden = 64, Outputs = 10;

    private const int Side1 = Side - Kernel + 1;   // 26, after the first convolution
    private const int Side2 = Side1 / Pool;        // 13, after the first pooling
    private const int Side3 = Side2 - Kernel + 1;  // 11, after the second convolution
    private const int Side4 = Side3 / Pool;        // 5, after the second pooling
    private const int Flat = Side4 * Side4 * Channels2; // 1600

    // Parameters, in StaticNets' order: (KH, KW, Cin, Cout) and (inputs, outputs) weights, each followed by biases.
    private readonly float[] _w1 = new float[Kernel * Kernel * 1 * Channels1], _b1 = new float[Channels1];
    private readonly float[] _w2 = new float[Kernel * Kernel * Channels1 * Channels2], _b2 = new float[Channels2];
    private readonly float[] _w3 = new float[Flat * Hidden], _b3 = new float[Hidden];
    private readonly float[] _w4 = new float[Hidden * Outputs], _b4 = new float[Outputs];

    // Scratch, channels last: each layer's output.
    private readonly float[] _conv1 = new float[Side1 * Side1 * Channels1];
    private readonly float[] _pool1 = new float[Side2 * Side2 * Channels1];
    private readonly float[] _conv2 = new float[Side3 * Side3 * Channels2];
    private readonly float[] _pool2 = new float[Flat];
    private readonly float[] _hidden = new float[Hidden];
    private readonly float[] _logits = new float[Outputs];

    /// <summary>Number of weights and biases (121,930).</summary>
    public int ParameterCount =>
        _w1.Length + _b1.Length + _w2.Length + _b2.Length + _w3.Length + _b3.Length + _w4.Length + _b4.Length;

    /// <summary>Copies the parameters from a vector in StaticNets' layout.</summary>
    public void CopyFrom(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        int offset = 0;
        foreach (var part in new[] { _w1, _b1, _w2, _b2, _w3, _b3, _w4, _b4 })
        {
            parameters.Slice(offset, part.Length).CopyTo(part);
            offset += part.Length;
        }
    }

    /// <summary>Runs one 28x28x1 image forward and writes the 10 softmax probabilities to <paramref name="probabilities"/>.</summary>
    public void Predict(ReadOnlySpan<float> image, Span<float> probabilities)
    {
        Conv2DReLU(image, Side, 1, _w1, _b1, Channels1, _conv1);
        MaxPool(_conv1, Side1, Channels1, _pool1);
        Conv2DReLU(_pool1, Side2, Channels1, _w2, _b2, Channels2, _conv2);
        MaxPool(_conv2, Side3, Channels2, _pool2);
        Dense(_pool2, _w3, _b3, _hidden, relu: true); // the pooled maps are already flat in channels-last order
        Dense(_hidden, _w4, _b4, _logits, relu: false);
        Softmax(_logits, probabilities);
    }

    /// <summary>Valid 3x3 convolution, stride 1, then ReLU: <c>out[y, x, o] = relu(b[o] + Σ in[y+ky, x+kx, i]·w[ky, kx, i, o])</c>.</summary>
    private static void Conv2DReLU(
        ReadOnlySpan<float> input, int side, int inChannels, float[] weights, float[] biases, int outChannels, float[] output)
    {
        int outSide = side - Kernel + 1;
        for (int y = 0; y < outSide; y++)
        {
            for (int x = 0; x < outSide; x++)
            {
                int o0 = (y * outSide + x) * outChannels;
                for (int o = 0; o < outChannels; o++)
                {
                    output[o0 + o] = biases[o];
                }

                for (int ky = 0; ky < Kernel; ky++)
                {
                    for (int kx = 0; kx < Kernel; kx++)
                    {
                        int i0 = ((y + ky) * side + (x + kx)) * inChannels;
                        for (int i = 0; i < inChannels; i++)
                        {
                            float value = input[i0 + i];
                            int w0 = ((ky * Kernel + kx) * inChannels + i) * outChannels;
                            for (int o = 0; o < outChannels; o++)
                            {
                                output[o0 + o] += value * weights[w0 + o];
                            }
                        }
                    }
                }

                for (int o = 0; o < outChannels; o++)
                {
                    output[o0 + o] = MathF.Max(output[o0 + o], 0f);
                }
            }
        }
    }

    /// <summary>2x2 max pooling with stride 2; a last odd row and column are dropped.</summary>
    private static void MaxPool(float[] input, int side, int channels, float[] output)
    {
        int outSide = side / Pool;
        for (int y = 0; y < outSide; y++)
        {
            for (int x = 0; x < outSide; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float max = float.NegativeInfinity;
                    for (int py = 0; py < Pool; py++)
                    {
                        for (int px = 0; px < Pool; px++)
                        {
                            max = MathF.Max(max, input[((y * Pool + py) * side + (x * Pool + px)) * channels + c]);
                        }
                    }

                    output[(y * outSide + x) * channels + c] = max;
                }
            }
        }
    }

    /// <summary><c>out[o] = b[o] + Σ_i in[i]·W[i, o]</c>, then ReLU if asked.</summary>
    private static void Dense(float[] input, float[] weights, float[] biases, float[] output, bool relu)
    {
        int outputs = output.Length;
        Array.Copy(biases, output, outputs);
        for (int i = 0; i < input.Length; i++)
        {
            float value = input[i];
            int w0 = i * outputs;
            for (int o = 0; o < outputs; o++)
            {
                output[o] += value * weights[w0 + o];
            }
        }

        if (relu)
        {
            for (int o = 0; o < outputs; o++)
            {
                output[o] = MathF.Max(output[o], 0f);
            }
        }
    }

    /// <summary>Numerically stable softmax: <c>p_k = exp(z_k - max z) / Σ_j exp(z_j - max z)</c>.</summary>
    private static void Softmax(float[] logits, Span<float> probabilities)
    {
        float max = logits[0];
        for (int k = 1; k < logits.Length; k++)
        {
            max = MathF.Max(max, logits[k]);
        }

        float sum = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            probabilities[k] = MathF.Exp(logits[k] - max);
            sum += probabilities[k];
        }

        for (int k = 0; k < logits.Length; k++)
        {
            probabilities[k] /= sum;
        }
    }
}
