using System;

namespace StaticNets.Reference;

/// <summary>
/// Convolution and pooling layers in <see cref="double"/> with plain loops, one sample at a time: the definition the
/// generated CNN kernels are tested against.
/// </summary>
/// <remarks>
/// <para>
/// Tensors are HWC (channels last), row-major: element <c>(y, x, c)</c> of an <c>H×W×C</c> tensor is at
/// <c>(y·W + x)·C + c</c>. Conv2D weights are <c>(KH, KW, Cin, Cout)</c> row-major, index
/// <c>((ky·KW + kx)·Cin + ci)·Cout + co</c>, followed by <c>Cout</c> biases; that is PyTorch's
/// <c>Conv2d.weight.permute(2, 3, 1, 0)</c>.
/// </para>
/// <para>
/// Activations are not part of these methods: a caller applies <see cref="ReferenceActivations"/> to a convolution's
/// output and multiplies the output gradient by the derivative before calling the backward method.
/// </para>
/// </remarks>
public static class ConvolutionReference
{
    /// <summary>
    /// The output size along one axis and the padding before the first element.
    /// Valid: <c>(input - kernel) / stride + 1</c> (floor), no padding. Same (Keras/TensorFlow):
    /// <c>ceil(input / stride)</c>, with <c>padTotal = max((output - 1)·stride + kernel - input, 0)</c> split as
    /// <c>padTotal / 2</c> before (floor) and the rest after.
    /// </summary>
    /// <param name="input">The input size along the axis.</param>
    /// <param name="kernel">The kernel (or pool window) size along the axis.</param>
    /// <param name="stride">The stride along the axis.</param>
    /// <param name="same">True for "same" padding, false for "valid".</param>
    /// <returns>The output size and the padding before the first input element (the padding after is implied).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive, or a valid window does not fit.</exception>
    public static (int Output, int PadBefore) OutputSize(int input, int kernel, int stride, bool same)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (!same)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(kernel, input);
            return ((input - kernel) / stride + 1, 0);
        }

        int output = (input + stride - 1) / stride;
        int padTotal = Math.Max((output - 1) * stride + kernel - input, 0);
        return (output, padTotal / 2);
    }

    /// <summary>
    /// One sample: <c>out[oy, ox, co] = b[co] + Σ_{ky, kx, ci} in[oy·strideH + ky - padTop, ox·strideW + kx - padLeft, ci]
    /// · W[ky, kx, ci, co]</c>, where input elements outside the image are zero.
    /// </summary>
    /// <param name="input">The <c>(height, width, inChannels)</c> input.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="weights">The <c>(kernelHeight, kernelWidth, inChannels, outChannels)</c> weights.</param>
    /// <param name="bias">The <c>outChannels</c> biases.</param>
    /// <param name="kernelHeight">Kernel rows.</param>
    /// <param name="kernelWidth">Kernel columns.</param>
    /// <param name="outChannels">Output channels (filters).</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="padTop">Zero rows above the input.</param>
    /// <param name="padLeft">Zero columns left of the input.</param>
    /// <param name="outHeight">Output rows.</param>
    /// <param name="outWidth">Output columns.</param>
    /// <param name="output">Receives the <c>(outHeight, outWidth, outChannels)</c> output (the pre-activation).</param>
    public static void Conv2DForward(ReadOnlySpan<double> input, int height, int width, int inChannels,
        ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, int kernelHeight, int kernelWidth, int outChannels,
        int strideHeight, int strideWidth, int padTop, int padLeft, int outHeight, int outWidth, Span<double> output)
    {
        RequireLength(input, height * width * inChannels, nameof(input));
        RequireLength(weights, kernelHeight * kernelWidth * inChannels * outChannels, nameof(weights));
        RequireLength(bias, outChannels, nameof(bias));
        RequireLength(output, outHeight * outWidth * outChannels, nameof(output));
        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                for (int co = 0; co < outChannels; co++)
                {
                    double sum = bias[co];
                    for (int ky = 0; ky < kernelHeight; ky++)
                    {
                        int y = oy * strideHeight + ky - padTop;
                        if (y < 0 || y >= height)
                        {
                            continue;
                        }

                        for (int kx = 0; kx < kernelWidth; kx++)
                        {
                            int x = ox * strideWidth + kx - padLeft;
                            if (x < 0 || x >= width)
                            {
                                continue;
                            }

                            for (int ci = 0; ci < inChannels; ci++)
                            {
                                sum += input[(y * width + x) * inChannels + ci]
                                    * weights[((ky * kernelWidth + kx) * inChannels + ci) * outChannels + co];
                            }
                        }
                    }

                    output[(oy * outWidth + ox) * outChannels + co] = sum;
                }
            }
        }
    }

    /// <summary>
    /// One sample, given <c>dOut</c> (the loss gradient with respect to the convolution's output, the pre-activation):
    /// adds <c>Σ_{oy, ox} in[y, x, ci]·dOut[oy, ox, co]</c> to <c>dW[ky, kx, ci, co]</c> and <c>Σ_{oy, ox} dOut[oy, ox, co]</c>
    /// to <c>db[co]</c>, and writes <c>dIn[y, x, ci] = Σ dOut[oy, ox, co]·W[ky, kx, ci, co]</c> over every output position
    /// whose window covers <c>(y, x)</c>.
    /// </summary>
    /// <param name="input">The <c>(height, width, inChannels)</c> input of the forward pass.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="weights">The <c>(kernelHeight, kernelWidth, inChannels, outChannels)</c> weights.</param>
    /// <param name="kernelHeight">Kernel rows.</param>
    /// <param name="kernelWidth">Kernel columns.</param>
    /// <param name="outChannels">Output channels (filters).</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="padTop">Zero rows above the input.</param>
    /// <param name="padLeft">Zero columns left of the input.</param>
    /// <param name="outHeight">Output rows.</param>
    /// <param name="outWidth">Output columns.</param>
    /// <param name="outputGradient">The <c>(outHeight, outWidth, outChannels)</c> gradient of the output.</param>
    /// <param name="weightGradient">Accumulates the <c>(kernelHeight, kernelWidth, inChannels, outChannels)</c> weight gradient.</param>
    /// <param name="biasGradient">Accumulates the <c>outChannels</c> bias gradient.</param>
    /// <param name="inputGradient">Receives (overwritten) the <c>(height, width, inChannels)</c> input gradient; may be empty to skip it.</param>
    public static void Conv2DBackward(ReadOnlySpan<double> input, int height, int width, int inChannels,
        ReadOnlySpan<double> weights, int kernelHeight, int kernelWidth, int outChannels,
        int strideHeight, int strideWidth, int padTop, int padLeft, int outHeight, int outWidth,
        ReadOnlySpan<double> outputGradient, Span<double> weightGradient, Span<double> biasGradient, Span<double> inputGradient)
    {
        RequireLength(input, height * width * inChannels, nameof(input));
        RequireLength(weights, kernelHeight * kernelWidth * inChannels * outChannels, nameof(weights));
        RequireLength(outputGradient, outHeight * outWidth * outChannels, nameof(outputGradient));
        RequireLength(weightGradient, weights.Length, nameof(weightGradient));
        RequireLength(biasGradient, outChannels, nameof(biasGradient));
        bool wantInput = !inputGradient.IsEmpty;
        if (wantInput)
        {
            RequireLength(inputGradient, input.Length, nameof(inputGradient));
            inputGradient.Clear();
        }

        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                for (int co = 0; co < outChannels; co++)
                {
                    double g = outputGradient[(oy * outWidth + ox) * outChannels + co];
                    biasGradient[co] += g;
                    for (int ky = 0; ky < kernelHeight; ky++)
                    {
                        int y = oy * strideHeight + ky - padTop;
                        if (y < 0 || y >= height)
                        {
                            continue;
                        }

                        for (int kx = 0; kx < kernelWidth; kx++)
                        {
                            int x = ox * strideWidth + kx - padLeft;
                            if (x < 0 || x >= width)
                            {
                                continue;
                            }

                            for (int ci = 0; ci < inChannels; ci++)
                            {
                                int i = (y * width + x) * inChannels + ci;
                                int w = ((ky * kernelWidth + kx) * inChannels + ci) * outChannels + co;
                                weightGradient[w] += input[i] * g;
                                if (wantInput)
                                {
                                    inputGradient[i] += weights[w] * g;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// One sample: <c>out[oy, ox, c] = max_{ky, kx} in[oy·strideH + ky, ox·strideW + kx, c]</c>, without padding.
    /// The output is <c>((height - poolHeight) / strideHeight + 1, (width - poolWidth) / strideWidth + 1, channels)</c>
    /// (floor): trailing rows and columns that do not fill a window are dropped.
    /// </summary>
    /// <param name="input">The <c>(height, width, channels)</c> input.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="poolHeight">Window rows.</param>
    /// <param name="poolWidth">Window columns.</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="output">Receives the output.</param>
    public static void MaxPool2DForward(ReadOnlySpan<double> input, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth, Span<double> output)
    {
        (int outHeight, int outWidth) = PoolShape(input, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth);
        RequireLength(output, outHeight * outWidth * channels, nameof(output));
        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int argmax = MaxIndex(input, width, channels, poolHeight, poolWidth, oy * strideHeight, ox * strideWidth, c);
                    output[(oy * outWidth + ox) * channels + c] = input[argmax];
                }
            }
        }
    }

    /// <summary>
    /// One sample: sends each output's gradient to the first maximal element of its window in row-major
    /// <c>(ky, kx)</c> order, as PyTorch does. Where windows overlap (stride smaller than the window), gradients add.
    /// </summary>
    /// <param name="input">The <c>(height, width, channels)</c> input of the forward pass.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="poolHeight">Window rows.</param>
    /// <param name="poolWidth">Window columns.</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="outputGradient">The gradient of the output.</param>
    /// <param name="inputGradient">Receives (overwritten) the <c>(height, width, channels)</c> input gradient.</param>
    public static void MaxPool2DBackward(ReadOnlySpan<double> input, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth,
        ReadOnlySpan<double> outputGradient, Span<double> inputGradient)
    {
        (int outHeight, int outWidth) = PoolShape(input, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth);
        RequireLength(outputGradient, outHeight * outWidth * channels, nameof(outputGradient));
        RequireLength(inputGradient, input.Length, nameof(inputGradient));
        inputGradient.Clear();
        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int argmax = MaxIndex(input, width, channels, poolHeight, poolWidth, oy * strideHeight, ox * strideWidth, c);
                    inputGradient[argmax] += outputGradient[(oy * outWidth + ox) * channels + c];
                }
            }
        }
    }

    /// <summary>
    /// One sample: <c>out[oy, ox, c] = mean_{ky, kx} in[oy·strideH + ky, ox·strideW + kx, c]</c>, the same windows as
    /// <see cref="MaxPool2DForward"/>.
    /// </summary>
    /// <param name="input">The <c>(height, width, channels)</c> input.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="poolHeight">Window rows.</param>
    /// <param name="poolWidth">Window columns.</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="output">Receives the output.</param>
    public static void AveragePool2DForward(ReadOnlySpan<double> input, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth, Span<double> output)
    {
        (int outHeight, int outWidth) = PoolShape(input, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth);
        RequireLength(output, outHeight * outWidth * channels, nameof(output));
        double scale = 1.0 / (poolHeight * poolWidth);
        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double sum = 0;
                    for (int ky = 0; ky < poolHeight; ky++)
                    {
                        for (int kx = 0; kx < poolWidth; kx++)
                        {
                            sum += input[((oy * strideHeight + ky) * width + ox * strideWidth + kx) * channels + c];
                        }
                    }

                    output[(oy * outWidth + ox) * channels + c] = sum * scale;
                }
            }
        }
    }

    /// <summary>
    /// One sample: adds <c>dOut[oy, ox, c] / (poolHeight·poolWidth)</c> to every input element of the window of
    /// <c>(oy, ox)</c>; overlapping windows add.
    /// </summary>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="poolHeight">Window rows.</param>
    /// <param name="poolWidth">Window columns.</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="outputGradient">The gradient of the output.</param>
    /// <param name="inputGradient">Receives (overwritten) the <c>(height, width, channels)</c> input gradient.</param>
    public static void AveragePool2DBackward(int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth,
        ReadOnlySpan<double> outputGradient, Span<double> inputGradient)
    {
        RequireLength(inputGradient, height * width * channels, nameof(inputGradient));
        (int outHeight, int outWidth) = PoolShape(inputGradient, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth);
        RequireLength(outputGradient, outHeight * outWidth * channels, nameof(outputGradient));
        inputGradient.Clear();
        double scale = 1.0 / (poolHeight * poolWidth);
        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double g = outputGradient[(oy * outWidth + ox) * channels + c] * scale;
                    for (int ky = 0; ky < poolHeight; ky++)
                    {
                        for (int kx = 0; kx < poolWidth; kx++)
                        {
                            inputGradient[((oy * strideHeight + ky) * width + ox * strideWidth + kx) * channels + c] += g;
                        }
                    }
                }
            }
        }
    }

    /// <summary>One sample: <c>out[c] = mean_{y, x} in[y, x, c]</c>, <c>(height, width, channels) → (channels)</c>.</summary>
    /// <param name="input">The <c>(height, width, channels)</c> input.</param>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="output">Receives the <c>channels</c> means.</param>
    public static void GlobalAveragePool2DForward(ReadOnlySpan<double> input, int height, int width, int channels, Span<double> output)
    {
        RequireLength(input, height * width * channels, nameof(input));
        RequireLength(output, channels, nameof(output));
        double scale = 1.0 / (height * width);
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int p = 0; p < height * width; p++)
            {
                sum += input[p * channels + c];
            }

            output[c] = sum * scale;
        }
    }

    /// <summary>One sample: <c>dIn[y, x, c] = dOut[c] / (height·width)</c>.</summary>
    /// <param name="height">Input rows.</param>
    /// <param name="width">Input columns.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="outputGradient">The <c>channels</c> gradient of the output.</param>
    /// <param name="inputGradient">Receives (overwritten) the <c>(height, width, channels)</c> input gradient.</param>
    public static void GlobalAveragePool2DBackward(int height, int width, int channels,
        ReadOnlySpan<double> outputGradient, Span<double> inputGradient)
    {
        RequireLength(outputGradient, channels, nameof(outputGradient));
        RequireLength(inputGradient, height * width * channels, nameof(inputGradient));
        double scale = 1.0 / (height * width);
        for (int p = 0; p < height * width; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                inputGradient[p * channels + c] = outputGradient[c] * scale;
            }
        }
    }

    /// <summary>The index in <paramref name="input"/> of the first maximum of one window, in row-major (ky, kx) order.</summary>
    private static int MaxIndex(ReadOnlySpan<double> input, int width, int channels, int poolHeight, int poolWidth, int top, int left, int c)
    {
        int best = (top * width + left) * channels + c;
        for (int ky = 0; ky < poolHeight; ky++)
        {
            for (int kx = 0; kx < poolWidth; kx++)
            {
                int i = ((top + ky) * width + left + kx) * channels + c;
                if (input[i] > input[best])
                {
                    best = i;
                }
            }
        }

        return best;
    }

    /// <summary>Checks a pooling call's input length and returns its output rows and columns.</summary>
    private static (int OutHeight, int OutWidth) PoolShape(ReadOnlySpan<double> input, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        RequireLength(input, height * width * channels, nameof(input));
        return (OutputSize(height, poolHeight, strideHeight, same: false).Output,
            OutputSize(width, poolWidth, strideWidth, same: false).Output);
    }

    private static void RequireLength(ReadOnlySpan<double> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} values, got {span.Length}.", name);
        }
    }
}
