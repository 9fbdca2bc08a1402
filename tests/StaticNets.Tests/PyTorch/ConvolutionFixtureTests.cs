using System;
using System.Linq;
using StaticNets.Reference;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// convolution.json: <see cref="ConvolutionReference"/> and <see cref="ConvolutionalReferenceNetwork"/> (double) against
/// PyTorch 1.13 (float32) on every layer case and every network case: shapes and padding, outputs, input gradients,
/// parameter gradients and losses.
/// </summary>
public sealed class ConvolutionFixtureTests(ITestOutputHelper output)
{
    /// <summary>
    /// Every comparison is <c>|a − b| ≤ tol · max(|b|, s)</c> with <c>s</c> the largest |reference| of the same vector
    /// (losses: relative to themselves). The fixtures are float32 results and the reference computes in double, so the
    /// difference is torch's float32 rounding: sums of at most a few hundred products, a few 1e-7 relative to the
    /// largest term. 1e-5 is the target of the fixtures (Reference/README.md, "Comparing at 1e-5"); a wrong index,
    /// padding or stride gives errors of order 1. Measured worst errors (x64, .NET 10, Release): outputs 2.6e-7, input
    /// gradients 2.5e-7, parameter gradients 2.1e-7, network gradients 3.0e-7, losses 2.7e-8.
    /// </summary>
    private const double Tolerance = 1e-5;

    public static TheoryData<string> LayerCases => new(ConvolutionFixtures.Layers.Select(c => c.Name));

    public static TheoryData<string> NetworkCases => new(ConvolutionFixtures.Networks.Select(c => c.Name));

    [Fact]
    public void TheFixtureCoversEveryLayerKindAndBothPaddings()
    {
        ConvolutionLayerSpec[] layers = ConvolutionFixtures.Layers.Select(c => c.Layer).ToArray();

        Assert.Equal(ConvolutionFixtures.Layers.Count, ConvolutionFixtures.Layers.Select(c => c.Name).Distinct().Count());
        Assert.Equal(ConvolutionFixtures.Networks.Count, ConvolutionFixtures.Networks.Select(c => c.Name).Distinct().Count());
        Assert.Equal(new[] { "AveragePool2D", "Conv2D", "GlobalAveragePool2D", "MaxPool2D" }, layers.Select(l => l.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(layers, l => l.Padding == "same" && l.StrideHeight == 2);
        Assert.Contains(layers, l => l.Padding == "same" && l.KernelHeight % 2 == 0);
        Assert.Contains(layers, l => l.Padding == "valid" && l.KernelHeight != l.KernelWidth);
        Assert.Contains(layers, l => l.Kind == "MaxPool2D" && l.StrideHeight < l.PoolHeight); // overlapping windows
        Assert.Equal(new[] { "MeanSquaredError", "SoftmaxCrossEntropy" }, ConvolutionFixtures.Networks.Select(c => c.Loss).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void OutputSizeAndPaddingMatchTheCase(string name)
    {
        ConvolutionLayerCase fixture = ConvolutionFixtures.Layer(name);
        var network = new ConvolutionalReferenceNetwork(fixture.InputHeight, fixture.InputWidth, fixture.InputChannels,
            [fixture.Layer.ToReferenceLayer()], Loss.MeanSquaredError);
        (int kernelHeight, int kernelWidth, int strideHeight, int strideWidth) = Window(fixture);
        bool same = fixture.Layer.Padding == "same";

        (int outHeight, int padTop) = ConvolutionReference.OutputSize(fixture.InputHeight, kernelHeight, strideHeight, same);
        (int outWidth, int padLeft) = ConvolutionReference.OutputSize(fixture.InputWidth, kernelWidth, strideWidth, same);

        Assert.Equal((fixture.OutputHeight, fixture.OutputWidth, fixture.OutputChannels), network.OutputShape(0));
        Assert.Equal((fixture.OutputHeight, fixture.PadTop), (outHeight, padTop));
        Assert.Equal((fixture.OutputWidth, fixture.PadLeft), (outWidth, padLeft));
        // The padding after is implied: what the last window needs beyond the input, never negative.
        Assert.Equal(fixture.PadBottom, Math.Max((outHeight - 1) * strideHeight + kernelHeight - fixture.InputHeight - padTop, 0));
        Assert.Equal(fixture.PadRight, Math.Max((outWidth - 1) * strideWidth + kernelWidth - fixture.InputWidth - padLeft, 0));
        Assert.Equal(network.ParameterCount, fixture.Parameters.Length);
    }

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void LayerOutputsAndGradientsMatchPyTorch(string name)
    {
        ErrorMeter meter = EvaluateLayer(ConvolutionFixtures.Layer(name));

        meter.Report(output, $"{name}: worst |a - b| / max(|b|, max |b_k|)");
        meter.AssertNoFailures();
    }

    [Theory]
    [MemberData(nameof(NetworkCases))]
    public void NetworkOutputsLossAndGradientsMatchPyTorch(string name)
    {
        ConvolutionNetworkCase fixture = ConvolutionFixtures.Network(name);
        var network = new ConvolutionalReferenceNetwork(fixture.InputHeight, fixture.InputWidth, fixture.InputChannels,
            fixture.Layers.Select(l => l.ToReferenceLayer()).ToArray(), Enum.Parse<Loss>(fixture.Loss));
        Assert.Equal(fixture.Parameters.Length, network.ParameterCount);
        Assert.Equal(fixture.Inputs.Length, fixture.Batch * network.InputSize);
        Assert.Equal(fixture.Outputs.Length, fixture.Batch * network.OutputSize);

        var meter = new ErrorMeter();
        var outputs = new double[fixture.Outputs.Length];
        for (int s = 0; s < fixture.Batch; s++)
        {
            network.Predict(fixture.Parameters, fixture.Inputs.AsSpan(s * network.InputSize, network.InputSize),
                outputs.AsSpan(s * network.OutputSize, network.OutputSize));
        }

        var gradient = new double[network.ParameterCount];
        double loss = network.LossAndGradient(fixture.Parameters, fixture.Inputs, fixture.Targets, gradient);
        meter.Vector("outputs", name, outputs, fixture.Outputs, Tolerance);
        meter.Scalar("loss", name, loss, fixture.LossValue, Tolerance);
        meter.Vector("gradients", name, gradient, fixture.Gradients, Tolerance);

        meter.Report(output, $"{name}: worst |a - b| / max(|b|, scale)");
        meter.AssertNoFailures();
    }

    /// <summary>Runs one layer case through <see cref="ConvolutionReference"/>, sample by sample, and compares with torch.</summary>
    private static ErrorMeter EvaluateLayer(ConvolutionLayerCase fixture)
    {
        int height = fixture.InputHeight, width = fixture.InputWidth, channels = fixture.InputChannels;
        int outHeight = fixture.OutputHeight, outWidth = fixture.OutputWidth, outChannels = fixture.OutputChannels;
        int inSize = height * width * channels, outSize = outHeight * outWidth * outChannels;
        (int kernelHeight, int kernelWidth, int strideHeight, int strideWidth) = Window(fixture);
        ReadOnlySpan<double> parameters = fixture.Parameters;
        int weightCount = parameters.Length - (fixture.Layer.Kind == "Conv2D" ? outChannels : 0);
        var outputs = new double[fixture.Batch * outSize];
        var inputGradient = new double[fixture.Batch * inSize];
        var parameterGradient = new double[parameters.Length];
        for (int s = 0; s < fixture.Batch; s++)
        {
            ReadOnlySpan<double> x = fixture.Inputs.AsSpan(s * inSize, inSize);
            ReadOnlySpan<double> dOut = fixture.OutputGradient.AsSpan(s * outSize, outSize);
            Span<double> y = outputs.AsSpan(s * outSize, outSize);
            Span<double> dx = inputGradient.AsSpan(s * inSize, inSize);
            switch (fixture.Layer.Kind)
            {
                case "Conv2D":
                    ConvolutionReference.Conv2DForward(x, height, width, channels, parameters[..weightCount], parameters[weightCount..],
                        kernelHeight, kernelWidth, outChannels, strideHeight, strideWidth, fixture.PadTop, fixture.PadLeft, outHeight, outWidth, y);
                    ConvolutionReference.Conv2DBackward(x, height, width, channels, parameters[..weightCount],
                        kernelHeight, kernelWidth, outChannels, strideHeight, strideWidth, fixture.PadTop, fixture.PadLeft, outHeight, outWidth,
                        dOut, parameterGradient.AsSpan(0, weightCount), parameterGradient.AsSpan(weightCount), dx);
                    break;
                case "MaxPool2D":
                    ConvolutionReference.MaxPool2DForward(x, height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, y);
                    ConvolutionReference.MaxPool2DBackward(x, height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, dOut, dx);
                    break;
                case "AveragePool2D":
                    ConvolutionReference.AveragePool2DForward(x, height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, y);
                    ConvolutionReference.AveragePool2DBackward(height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, dOut, dx);
                    break;
                case "GlobalAveragePool2D":
                    ConvolutionReference.GlobalAveragePool2DForward(x, height, width, channels, y);
                    ConvolutionReference.GlobalAveragePool2DBackward(height, width, channels, dOut, dx);
                    break;
                default:
                    throw new InvalidOperationException($"{fixture.Name}: no layer case for {fixture.Layer.Kind}.");
            }
        }

        var meter = new ErrorMeter();
        meter.Vector("outputs", fixture.Name, outputs, fixture.Outputs, Tolerance);
        meter.Vector("input gradient", fixture.Name, inputGradient, fixture.InputGradient, Tolerance);
        if (parameters.Length > 0)
        {
            meter.Vector("parameter gradient", fixture.Name, parameterGradient, fixture.ParameterGradient, Tolerance);
        }
        else if (fixture.ParameterGradient.Length != 0)
        {
            meter.Fail($"{fixture.Name}: a layer without parameters has {fixture.ParameterGradient.Length} parameter gradients");
        }

        return meter;
    }

    /// <summary>The kernel or pool window and the strides of a layer case; a global average pool's window is the whole input.</summary>
    private static (int Height, int Width, int StrideHeight, int StrideWidth) Window(ConvolutionLayerCase fixture)
    {
        ConvolutionLayerSpec layer = fixture.Layer;
        return layer.Kind switch
        {
            "Conv2D" => (layer.KernelHeight!.Value, layer.KernelWidth!.Value, layer.StrideHeight!.Value, layer.StrideWidth!.Value),
            "MaxPool2D" or "AveragePool2D" => (layer.PoolHeight!.Value, layer.PoolWidth!.Value, layer.StrideHeight!.Value, layer.StrideWidth!.Value),
            _ => (fixture.InputHeight, fixture.InputWidth, 1, 1),
        };
    }
}
