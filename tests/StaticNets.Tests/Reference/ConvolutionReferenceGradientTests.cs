using System;
using System.Linq;
using StaticNets.Reference;
using Xunit;
using Xunit.Abstractions;

// StaticNets.Tests rather than StaticNets.Tests.Reference: a StaticNets.Tests.Reference namespace would hide
// StaticNets.Reference from code in StaticNets.Tests that writes Reference.ReferenceActivations.
namespace StaticNets.Tests;

/// <summary>
/// <see cref="ConvolutionReference"/>'s backward methods and <see cref="ConvolutionalReferenceNetwork.LossAndGradient"/>
/// against centred finite differences in <see cref="double"/>, on odd shapes: non-square kernels and windows, stride 2,
/// same padding (even kernels pad asymmetrically), overlapping pools, channel counts that are not multiples of 4.
/// </summary>
public sealed class ConvolutionReferenceGradientTests(ITestOutputHelper output)
{
    /// <summary>
    /// Step of the centred difference. A single layer's scalar <c>Σ out·g</c> is linear in every input and parameter
    /// (max pooling too, away from ties), so the difference has no truncation error, only rounding: about
    /// ε·|L|/h ≈ 1e-16 · 10 / 1e-6 = 1e-9.
    /// </summary>
    private const double LayerStep = 1e-6;

    /// <summary>
    /// Layer gradients vs finite differences, relative to the largest |gradient|: 100× the rounding error above.
    /// Measured worst: 2.7e-9 (same 2x2 convolution, input gradient).
    /// </summary>
    private const double LayerTolerance = 1e-7;

    /// <summary>
    /// Step for whole networks, which are smooth but not linear: truncation h²·|L'''|/6 ≈ 1e-11 and rounding
    /// ε·|L|/h ≈ 1e-11 (as in GradientCheckTests).
    /// </summary>
    private const double NetworkStep = 1e-5;

    /// <summary>Network gradients vs finite differences (as GradientCheckTests' ReferenceTolerance): any wrong formula gives order 1.</summary>
    private const double NetworkTolerance = 1e-6;

    /// <summary>
    /// Pooling inputs are distinct multiples of this spacing (shuffled, plus noise below a tenth of it), so every max-pool
    /// window's maximum leads by far more than <see cref="LayerStep"/> and no difference crosses a tie.
    /// </summary>
    private const double PoolSpacing = 0.01;

    /// <summary>
    /// Convolutions: (name, H, W, Cin, Cout, KH, KW, strideH, strideW, same).
    /// </summary>
    public static TheoryData<string, int, int, int, int, int, int, int, int, bool> Convolutions => new()
    {
        { "valid 3x3, Cin 3, Cout 5", 6, 5, 3, 5, 3, 3, 1, 1, false },
        { "valid 2x3 stride 2, Cin 2, Cout 3", 7, 8, 2, 3, 2, 3, 2, 2, false },
        { "valid 3x2 stride 2x1, dropped row, Cin 5, Cout 7", 8, 5, 5, 7, 3, 2, 2, 1, false },
        { "same 2x2 stride 1 (pad 0 before, 1 after), Cin 3, Cout 5", 5, 6, 3, 5, 2, 2, 1, 1, true },
        { "same 3x3 stride 2, Cin 2, Cout 6", 7, 8, 2, 6, 3, 3, 2, 2, true },
        { "same 4x3 stride 2x3, Cin 1, Cout 9", 6, 7, 1, 9, 4, 3, 2, 3, true },
        { "same 5x5 on 3x3 (padding wider than the input), Cin 3, Cout 2", 3, 3, 3, 2, 5, 5, 1, 1, true },
    };

    /// <summary>Pools: (name, H, W, C, poolH, poolW, strideH, strideW).</summary>
    public static TheoryData<string, int, int, int, int, int, int, int> Pools => new()
    {
        { "2x2 stride 2 on even", 6, 4, 3, 2, 2, 2, 2 },
        { "2x2 stride 2 on odd (last row and column dropped)", 7, 5, 2, 2, 2, 2, 2 },
        { "3x3 stride 2 overlapping", 7, 8, 3, 3, 3, 2, 2 },
        { "2x3 stride 2x3", 6, 9, 5, 2, 3, 2, 3 },
        { "3x2 stride 1", 5, 4, 2, 3, 2, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv2DBackwardMatchesFiniteDifferences(string name, int height, int width, int inChannels, int outChannels,
        int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, bool same)
    {
        (int outHeight, int padTop) = ConvolutionReference.OutputSize(height, kernelHeight, strideHeight, same);
        (int outWidth, int padLeft) = ConvolutionReference.OutputSize(width, kernelWidth, strideWidth, same);
        var random = new Random(name.Length * 7919 + height * 31 + width);
        double[] input = Normal(random, height * width * inChannels);
        double[] weights = Normal(random, kernelHeight * kernelWidth * inChannels * outChannels);
        double[] bias = Normal(random, outChannels);
        double[] upstream = Normal(random, outHeight * outWidth * outChannels);

        double Objective(double[] x, double[] w, double[] b)
        {
            var result = new double[upstream.Length];
            ConvolutionReference.Conv2DForward(x, height, width, inChannels, w, b, kernelHeight, kernelWidth, outChannels,
                strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth, result);
            return Dot(result, upstream);
        }

        var weightGradient = new double[weights.Length];
        var biasGradient = new double[bias.Length];
        var inputGradient = new double[input.Length];
        ConvolutionReference.Conv2DBackward(input, height, width, inChannels, weights, kernelHeight, kernelWidth, outChannels,
            strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth, upstream, weightGradient, biasGradient, inputGradient);

        var meter = new PyTorch.ErrorMeter();
        meter.Vector("input gradient", name, inputGradient, FiniteDifferences(input, () => Objective(input, weights, bias), LayerStep), LayerTolerance);
        meter.Vector("weight gradient", name, weightGradient, FiniteDifferences(weights, () => Objective(input, weights, bias), LayerStep), LayerTolerance);
        meter.Vector("bias gradient", name, biasGradient, FiniteDifferences(bias, () => Objective(input, weights, bias), LayerStep), LayerTolerance);
        meter.Report(output, $"{name}: worst |analytic - numeric| / max |numeric|");
        meter.AssertNoFailures();
    }

    [Fact]
    public void Conv2DBackwardAccumulatesParameterGradientsAndCanSkipTheInputGradient()
    {
        // 1x1 convolution of a 1x2 single-channel input into one channel: dW = Σ x·g, db = Σ g.
        double[] input = [2.0, -3.0];
        double[] upstream = [0.5, 4.0];
        double[] weightGradient = [10.0];
        double[] biasGradient = [1.0];

        ConvolutionReference.Conv2DBackward(input, 1, 2, 1, [7.0], 1, 1, 1, 1, 1, 0, 0, 1, 2, upstream,
            weightGradient, biasGradient, Span<double>.Empty);

        Assert.Equal(10.0 + 2.0 * 0.5 - 3.0 * 4.0, weightGradient[0]);
        Assert.Equal(1.0 + 0.5 + 4.0, biasGradient[0]);
    }

    [Theory]
    [MemberData(nameof(Pools))]
    public void MaxPool2DBackwardMatchesFiniteDifferences(string name, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        (double[] input, double[] upstream) = PoolData(name, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth);
        double Objective()
        {
            var result = new double[upstream.Length];
            ConvolutionReference.MaxPool2DForward(input, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth, result);
            return Dot(result, upstream);
        }

        var inputGradient = new double[input.Length];
        ConvolutionReference.MaxPool2DBackward(input, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth, upstream, inputGradient);

        AssertMatches(name, inputGradient, FiniteDifferences(input, Objective, LayerStep), LayerTolerance);
    }

    [Theory]
    [MemberData(nameof(Pools))]
    public void AveragePool2DBackwardMatchesFiniteDifferences(string name, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        (double[] input, double[] upstream) = PoolData(name, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth);
        double Objective()
        {
            var result = new double[upstream.Length];
            ConvolutionReference.AveragePool2DForward(input, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth, result);
            return Dot(result, upstream);
        }

        var inputGradient = new double[input.Length];
        ConvolutionReference.AveragePool2DBackward(height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth, upstream, inputGradient);

        AssertMatches(name, inputGradient, FiniteDifferences(input, Objective, LayerStep), LayerTolerance);
    }

    [Theory]
    [InlineData(5, 7, 3)]
    [InlineData(1, 1, 6)]
    [InlineData(4, 3, 17)]
    public void GlobalAveragePool2DBackwardMatchesFiniteDifferences(int height, int width, int channels)
    {
        var random = new Random(height * 100 + width * 10 + channels);
        double[] input = Normal(random, height * width * channels);
        double[] upstream = Normal(random, channels);
        double Objective()
        {
            var result = new double[channels];
            ConvolutionReference.GlobalAveragePool2DForward(input, height, width, channels, result);
            return Dot(result, upstream);
        }

        var inputGradient = new double[input.Length];
        ConvolutionReference.GlobalAveragePool2DBackward(height, width, channels, upstream, inputGradient);

        AssertMatches($"{height}x{width}x{channels}", inputGradient, FiniteDifferences(input, Objective, LayerStep), LayerTolerance);
    }

    [Fact]
    public void MaxPool2DSendsATiedWindowsGradientToItsFirstMaximumInRowMajorOrder()
    {
        // One channel, 2x3 input, 2x2 windows at stride 1: window 0 covers columns 0-1, window 1 columns 1-2.
        // Window 0 ties 5 at (0, 1) and (1, 0): (0, 1) comes first. Window 1 ties 5 at (0, 1) and (1, 2): (0, 1) again.
        double[] input =
        [
            1, 5, 2,
            5, 0, 5,
        ];
        var outputValues = new double[2];
        var inputGradient = new double[6];

        ConvolutionReference.MaxPool2DForward(input, 2, 3, 1, 2, 2, 1, 1, outputValues);
        ConvolutionReference.MaxPool2DBackward(input, 2, 3, 1, 2, 2, 1, 1, [10.0, 100.0], inputGradient);

        Assert.Equal(new double[] { 5, 5 }, outputValues);
        Assert.Equal(new double[] { 0, 110, 0, 0, 0, 0 }, inputGradient);
    }

    [Theory]
    [InlineData(7, 3, 2, true, 4, 1)] // padTotal = 3·2 + 3 − 7 = 2: 1 before, 1 after
    [InlineData(8, 3, 2, true, 4, 0)] // padTotal = 1: 0 before, 1 after
    [InlineData(5, 2, 1, true, 5, 0)] // even kernel: padTotal = 1, all after
    [InlineData(6, 4, 2, true, 3, 1)] // padTotal = 4 + 4 − 6 = 2
    [InlineData(6, 1, 2, true, 3, 0)] // padTotal = max(4 + 1 − 6, 0) = 0
    [InlineData(3, 5, 1, true, 3, 2)] // kernel wider than the input: padTotal = 4
    [InlineData(7, 3, 1, false, 5, 0)]
    [InlineData(7, 2, 2, false, 3, 0)] // floor: the last row is dropped
    [InlineData(9, 3, 3, false, 3, 0)]
    [InlineData(4, 4, 1, false, 1, 0)]
    public void OutputSizeFollowsKerasPadding(int input, int kernel, int stride, bool same, int expectedOutput, int expectedPadBefore)
    {
        Assert.Equal((expectedOutput, expectedPadBefore), ConvolutionReference.OutputSize(input, kernel, stride, same));
    }

    /// <summary>Networks: (name, loss). Each is built by <see cref="Network"/>.</summary>
    public static TheoryData<string> Networks => new("conv tanh, max pool, conv sigmoid, flatten, softmax",
        "same conv softplus, average pool, strided same conv tanh, global average, linear mse",
        "strided conv sigmoid, overlapping max pool, flatten, dense tanh, dense softmax",
        "conv gelu, average pool, same conv gelu, flatten, gelu mse");

    [Theory]
    [MemberData(nameof(Networks))]
    public void NetworkGradientMatchesFiniteDifferences(string name)
    {
        (ConvolutionalReferenceNetwork network, int batch) = Network(name);
        var random = new Random(name.Length);
        double[] parameters = Normal(random, network.ParameterCount).Select(v => 0.5 * v).ToArray();
        double[] inputs = Normal(random, batch * network.InputSize);
        double[] targets = new double[batch * network.OutputSize];
        for (int s = 0; s < batch; s++)
        {
            for (int k = 0; k < network.OutputSize; k++)
            {
                targets[s * network.OutputSize + k] = name.Contains("softmax", StringComparison.Ordinal)
                    ? (k == random.Next(network.OutputSize) ? 1 : 0) // not always one-hot: CE takes probability-like rows too
                    : random.NextDouble() * 2 - 1;
            }
        }

        var gradient = new double[network.ParameterCount];
        double loss = network.LossAndGradient(parameters, inputs, targets, gradient);
        double[] numeric = FiniteDifferences(parameters, () => network.Loss(parameters, inputs, targets), NetworkStep);

        Assert.Equal(loss, network.Loss(parameters, inputs, targets));
        AssertMatches(name, gradient, numeric, NetworkTolerance);
    }

    [Fact]
    public void NetworksRejectLayersThatDoNotChain()
    {
        Assert.Throws<ArgumentException>(() => new ConvolutionalReferenceNetwork(5, 5, 1,
            [new ReferenceLayer.Dense(3, Activation.Softmax)], Loss.SoftmaxCrossEntropy)); // dense on an image
        Assert.Throws<ArgumentException>(() => new ConvolutionalReferenceNetwork(5, 5, 1,
            [new ReferenceLayer.Flatten(), new ReferenceLayer.MaxPool2D(2, 2, 2, 2)], Loss.MeanSquaredError)); // pool on a flat input
        Assert.Throws<ArgumentException>(() => new ConvolutionalReferenceNetwork(5, 5, 1,
            [new ReferenceLayer.GlobalAveragePool2D(), new ReferenceLayer.Dense(3, Activation.Linear)], Loss.SoftmaxCrossEntropy)); // CE without softmax
    }

    private static (ConvolutionalReferenceNetwork Network, int Batch) Network(string name) => name switch
    {
        "conv tanh, max pool, conv sigmoid, flatten, softmax" => (new ConvolutionalReferenceNetwork(9, 8, 2,
        [
            new ReferenceLayer.Conv2D(3, 3, 2, 1, 1, Same: false, Activation.Tanh), // 7x7x3
            new ReferenceLayer.MaxPool2D(2, 2, 2, 2), // 3x3x3
            new ReferenceLayer.Conv2D(5, 2, 3, 1, 1, Same: false, Activation.Sigmoid), // 2x1x5
            new ReferenceLayer.Flatten(), // 10
            new ReferenceLayer.Dense(4, Activation.Softmax),
        ], Loss.SoftmaxCrossEntropy), 3),
        "same conv softplus, average pool, strided same conv tanh, global average, linear mse" => (new ConvolutionalReferenceNetwork(7, 6, 3,
        [
            new ReferenceLayer.Conv2D(5, 2, 2, 1, 1, Same: true, Activation.Softplus), // 7x6x5
            new ReferenceLayer.AveragePool2D(3, 2, 2, 2), // 3x3x5
            new ReferenceLayer.Conv2D(6, 3, 3, 2, 2, Same: true, Activation.Tanh), // 2x2x6
            new ReferenceLayer.GlobalAveragePool2D(), // 6
            new ReferenceLayer.Dense(3, Activation.Linear),
        ], Loss.MeanSquaredError), 2),
        "strided conv sigmoid, overlapping max pool, flatten, dense tanh, dense softmax" => (new ConvolutionalReferenceNetwork(11, 10, 1,
        [
            new ReferenceLayer.Conv2D(3, 3, 2, 2, 2, Same: false, Activation.Sigmoid), // 5x5x3
            new ReferenceLayer.MaxPool2D(3, 3, 2, 2), // 2x2x3
            new ReferenceLayer.Flatten(), // 12
            new ReferenceLayer.Dense(4, Activation.Tanh),
            new ReferenceLayer.Dense(3, Activation.Softmax),
        ], Loss.SoftmaxCrossEntropy), 3),
        "conv gelu, average pool, same conv gelu, flatten, gelu mse" => (new ConvolutionalReferenceNetwork(8, 7, 2,
        [
            new ReferenceLayer.Conv2D(5, 3, 2, 1, 1, Same: false, Activation.GELU), // 6x6x5
            new ReferenceLayer.AveragePool2D(2, 2, 2, 2), // 3x3x5
            new ReferenceLayer.Conv2D(3, 2, 2, 1, 1, Same: true, Activation.GELU), // 3x3x3
            new ReferenceLayer.Flatten(), // 27
            new ReferenceLayer.Dense(4, Activation.GELU),
        ], Loss.MeanSquaredError), 2),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>
    /// A pooling input of distinct values spaced <see cref="PoolSpacing"/> apart in shuffled order, plus noise below a
    /// tenth of the spacing, and a random upstream gradient.
    /// </summary>
    private static (double[] Input, double[] Upstream) PoolData(string name, int height, int width, int channels,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        var random = new Random(name.Length * 31 + height * width * channels);
        int size = height * width * channels;
        double[] input = Enumerable.Range(0, size).Select(k => (k - size / 2) * PoolSpacing + random.NextDouble() * PoolSpacing / 10).ToArray();
        random.Shuffle(input);
        int outHeight = ConvolutionReference.OutputSize(height, poolHeight, strideHeight, same: false).Output;
        int outWidth = ConvolutionReference.OutputSize(width, poolWidth, strideWidth, same: false).Output;
        return (input, Normal(random, outHeight * outWidth * channels));
    }

    /// <summary>Centred differences of <paramref name="objective"/> with respect to each element of <paramref name="values"/> (restored after each).</summary>
    private static double[] FiniteDifferences(double[] values, Func<double> objective, double step)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + step;
            double plus = objective();
            values[i] = saved - step;
            double minus = objective();
            values[i] = saved;
            result[i] = (plus - minus) / (2 * step);
        }

        return result;
    }

    private void AssertMatches(string name, double[] analytic, double[] numeric, double tolerance)
    {
        var meter = new PyTorch.ErrorMeter();
        meter.Vector("gradient", name, analytic, numeric, tolerance);
        meter.Report(output, $"{name}: worst |analytic - numeric| / max |numeric|");
        meter.AssertNoFailures();
    }

    private static double[] Normal(Random random, int count)
    {
        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            // Box–Muller: a standard normal value from two uniform ones.
            result[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return result;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
