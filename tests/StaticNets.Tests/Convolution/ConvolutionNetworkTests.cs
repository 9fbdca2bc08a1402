using System;
using System.Linq;
using System.Threading.Tasks;
using StaticNets.Tests.Networks;
using StaticNets.Tests.PyTorch;
using StaticNets.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.Convolution;

/// <summary>
/// Generated convolutional networks against the double-precision reference (itself checked against PyTorch and finite
/// differences), against finite differences directly, and against PyTorch's own outputs and gradients.
/// </summary>
public sealed class ConvolutionNetworkTests(ITestOutputHelper output)
{
    private const int Batch = 3;

    /// <summary>
    /// float32 against double: every value is a sum of up to a few hundred rounded products, so its error is a few
    /// 1e-7 of the largest term; measured against the largest value of the vector. 1e-5 is the bar the issue sets.
    /// </summary>
    private const double Tolerance = 1e-5;

    /// <summary>Step of the centred differences of the double reference loss (see GradientCheckTests).</summary>
    private const double Step = 1e-5;

    [Theory]
    [MemberData(nameof(ConvolutionCase.AllNames), MemberType = typeof(ConvolutionCase))]
    public void ForwardLossAndGradientsMatchTheReference(string name)
    {
        ConvolutionCase network = ConvolutionCase.Get(name);
        INetwork generated = network.Create(seed: 5, maxBatchSize: Batch);
        (float[] inputs, float[] targets) = Data(network, seed: 11);
        double[] parameters = TestData.ToDouble(generated.Parameters);

        var outputs = new float[Batch * network.OutputSize];
        generated.ZeroGradients();
        generated.Forward(inputs, outputs);
        float loss = generated.Backward(targets);

        var expectedOutputs = new double[Batch * network.OutputSize];
        for (int s = 0; s < Batch; s++)
        {
            network.Reference.Predict(parameters, TestData.ToDouble(inputs.AsSpan(s * network.InputSize, network.InputSize)), expectedOutputs.AsSpan(s * network.OutputSize, network.OutputSize));
        }

        var expectedGradient = new double[parameters.Length];
        double expectedLoss = network.Reference.LossAndGradient(parameters, TestData.ToDouble(inputs), TestData.ToDouble(targets), expectedGradient);

        double outputError = RelativeError(outputs, expectedOutputs);
        double gradientError = RelativeError(generated.Gradients, expectedGradient);
        output.WriteLine($"{name}: outputs {outputError:E2}, loss {Math.Abs(loss - expectedLoss) / Math.Abs(expectedLoss):E2}, gradient {gradientError:E2}");
        Assert.True(outputError <= Tolerance, $"outputs: {outputError:E2}");
        Assert.Equal(expectedLoss, loss, Tolerance * Math.Abs(expectedLoss));
        Assert.True(gradientError <= Tolerance, $"gradient: {gradientError:E2}");
        Assert.Contains(expectedGradient, g => g != 0); // gradients really flow to the parameters
    }

    [Theory]
    [MemberData(nameof(ConvolutionCase.AllNames), MemberType = typeof(ConvolutionCase))]
    public void PredictMatchesForwardSampleBySample(string name)
    {
        ConvolutionCase network = ConvolutionCase.Get(name);
        INetwork generated = network.Create(seed: 6, maxBatchSize: Batch);
        (float[] inputs, _) = Data(network, seed: 12);
        var outputs = new float[Batch * network.OutputSize];
        generated.Forward(inputs, outputs);

        var single = new float[network.OutputSize];
        for (int s = 0; s < Batch; s++)
        {
            generated.Predict(inputs.AsSpan(s * network.InputSize, network.InputSize), single);
            ReadOnlySpan<float> batched = outputs.AsSpan(s * network.OutputSize, network.OutputSize);
            if (network.Name != nameof(ReferenceCnn))
            {
                Assert.Equal(TestData.Bits(batched), TestData.Bits(single));
                continue;
            }

            // ReferenceCnn's 1600 -> 64 layer has enough weights for Forward to sum its inputs in four chunks (so that
            // threads can share them), while Predict sums them in one chain: a few roundings apart.
            for (int k = 0; k < network.OutputSize; k++)
            {
                Assert.True(Math.Abs(batched[k] - single[k]) <= 1e-5f * Math.Max(1f, Math.Abs(single[k])), $"sample {s}, output {k}: {batched[k]} vs {single[k]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ConvolutionCase.SmallNames), MemberType = typeof(ConvolutionCase))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        ConvolutionCase network = ConvolutionCase.Get(name);
        INetwork generated = network.Create(seed: 7, maxBatchSize: Batch);
        (float[] inputs, float[] targets) = Data(network, seed: 13);
        double[] parameters = TestData.ToDouble(generated.Parameters);
        double[] x = TestData.ToDouble(inputs), y = TestData.ToDouble(targets);

        var outputs = new float[Batch * network.OutputSize];
        generated.ZeroGradients();
        generated.Forward(inputs, outputs);
        generated.Backward(targets);

        var differences = new double[parameters.Length];
        for (int k = 0; k < parameters.Length; k++)
        {
            double saved = parameters[k];
            parameters[k] = saved + Step;
            double plus = network.Reference.Loss(parameters, x, y);
            parameters[k] = saved - Step;
            double minus = network.Reference.Loss(parameters, x, y);
            parameters[k] = saved;
            differences[k] = (plus - minus) / (2 * Step);
        }

        double error = RelativeError(generated.Gradients, differences);
        output.WriteLine($"{name}: {parameters.Length} parameters, worst error {error:E2}");
        Assert.True(error <= 5e-5, $"gradient vs finite differences: {error:E2}");
    }

    public static TheoryData<string> FixtureNetworks => new(ConvolutionFixtures.Networks.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(FixtureNetworks))]
    public void GeneratedNetworkMatchesPyTorch(string name)
    {
        ConvolutionNetworkCase fixture = ConvolutionFixtures.Network(name);
        INetwork generated = name switch
        {
            "cnn_relu_maxpool_tanh_softmax_ce" => new FixtureReluMaxPoolTanhSoftmax(0, fixture.Batch),
            "cnn_same_avgpool_gap_linear_mse" => new FixtureSameAveragePoolGlobalMse(0, fixture.Batch),
            "cnn_stride2_overlapping_maxpool_two_dense_softmax_ce" => new FixtureStrideOverlappingMaxPoolSoftmax(0, fixture.Batch),
            _ => throw new ArgumentException($"No generated network declared for fixture {name}.", nameof(name)),
        };
        Assert.Equal(fixture.Parameters.Length, generated.Parameters.Length);
        ToFloat(fixture.Parameters).CopyTo(generated.Parameters);

        var outputs = new float[fixture.Outputs.Length];
        generated.ZeroGradients();
        generated.Forward(ToFloat(fixture.Inputs), outputs);
        float loss = generated.Backward(ToFloat(fixture.Targets));

        double outputError = RelativeError(outputs, fixture.Outputs);
        double gradientError = RelativeError(generated.Gradients, fixture.Gradients);
        output.WriteLine($"{name}: outputs {outputError:E2}, loss {Math.Abs(loss - fixture.LossValue) / fixture.LossValue:E2}, gradient {gradientError:E2}");
        Assert.True(outputError <= Tolerance, $"outputs: {outputError:E2}");
        Assert.Equal(fixture.LossValue, loss, Tolerance * Math.Abs(fixture.LossValue));
        Assert.True(gradientError <= Tolerance, $"gradient: {gradientError:E2}");
    }

    [Fact]
    public void MaxPoolingSendsATiedGradientToTheFirstMaximum()
    {
        // Every output channel computes z = x0 + x1 at each pixel. Pixels (0, 0) = (1, 0) and (0, 1) = (0, 1) both give
        // z = 1, the window's maximum; (1, 0) and (1, 1) give less. The dense layer sums the 16 maxima: y = 16, and
        // with target 0 the mean squared error's gradient is dL/dy = 2·16 = 32 for every channel. Routed to the first
        // maximum, pixel (0, 0), the convolution's gradient is dW[c = 0, f] = 32·1 and dW[c = 1, f] = 32·0.
        var network = new MaxPoolTies(seed: 1);
        Span<float> parameters = network.Parameters;
        parameters.Clear();
        parameters[..32].Fill(1f);                 // conv weights (1, 1, 2, 16): both input channels, every filter
        parameters.Slice(48, 16).Fill(1f);         // dense weights (16, 1), after the 16 conv biases
        float[] input = [1f, 0f, 0f, 1f, 0.5f, 0f, 0f, 0.25f];

        network.ZeroGradients();
        network.Forward(input, new float[1]);
        float loss = network.Backward([0f]);

        Assert.Equal(256f, loss);
        ReadOnlySpan<float> gradient = network.Gradients;
        for (int f = 0; f < 16; f++)
        {
            Assert.Equal(32f, gradient[f]);        // dW[0, 0, c = 0, f]
            Assert.Equal(0f, gradient[16 + f]);    // dW[0, 0, c = 1, f]
            Assert.Equal(32f, gradient[32 + f]);   // db[f]
        }
    }

    [Fact]
    public void ReferenceCnnHasTheShapesOfTheKerasNetwork()
    {
        // Keras' summary of report 000's network: 320 + 18,496 + 102,464 + 650 parameters.
        Assert.Equal(320 + 18_496 + 102_464 + 650, ReferenceCnn.ParameterCount);
        Assert.Equal(784, ReferenceCnn.InputSize);
        Assert.Equal(10, ReferenceCnn.OutputSize);
        Assert.Equal(
            "Input(28x28x1) -> Conv2D(32, 3x3, ReLU) -> MaxPool2D(2x2) -> Conv2D(64, 3x3, ReLU) -> MaxPool2D(2x2) -> Flatten -> Dense(64, ReLU) -> Dense(10, Softmax)",
            ReferenceCnn.Architecture);
    }

    [Fact]
    public void PredictBatchOnTwoThreadsGivesTheOneThreadOutputsBitForBitAndPredictsToRounding()
    {
        var network = new ReferenceCnn(seed: 8, maxBatchSize: 37);
        float[] inputs = TestData.Uniform(new SeededRandom(9), 37 * ReferenceCnn.InputSize, 0f, 1f);
        var expected = new float[37 * ReferenceCnn.OutputSize];
        network.PredictBatch(inputs, expected);
        var predicted = new float[expected.Length];
        for (int s = 0; s < 37; s++)
        {
            network.Predict(inputs.AsSpan(s * 784, 784), predicted.AsSpan(s * 10, 10));
        }

        var outputs = new float[expected.Length];
        network.DegreeOfParallelism = 2;
        network.PredictBatch(inputs, outputs);
        network.DegreeOfParallelism = 1;

        Assert.Equal(TestData.Bits(expected), TestData.Bits(outputs));

        // Predict's one-sample dense kernels sum in another order (partial sums, a softmax across one register), so
        // they agree to float rounding, not bit for bit.
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(predicted[k] - expected[k]) <= 1e-6f + 1e-5f * Math.Abs(expected[k]), $"output {k}: Predict {predicted[k]}, PredictBatch {expected[k]}");
        }
    }

    [Fact]
    public void PredictIsThreadSafe()
    {
        var network = new ReferenceCnn(seed: 3);
        float[] inputs = TestData.Uniform(new SeededRandom(4), 16 * ReferenceCnn.InputSize, 0f, 1f);
        var expected = new float[16 * ReferenceCnn.OutputSize];
        for (int s = 0; s < 16; s++)
        {
            network.Predict(inputs.AsSpan(s * 784, 784), expected.AsSpan(s * 10, 10));
        }

        var actual = new float[8][];
        Parallel.For(0, 8, t =>
        {
            actual[t] = new float[expected.Length];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                for (int s = 0; s < 16; s++)
                {
                    network.Predict(inputs.AsSpan(s * 784, 784), actual[t].AsSpan(s * 10, 10));
                }
            }
        });

        foreach (float[] result in actual)
        {
            Assert.Equal(TestData.Bits(expected), TestData.Bits(result));
        }
    }

    [Fact]
    public void PredictAndTrainBatchAllocateNothing()
    {
        var network = new ReferenceCnn(seed: 1, maxBatchSize: 4);
        var padded = new ConvSameAveragePoolMse(seed: 1, maxBatchSize: 4);
        var random = new SeededRandom(2);
        float[] inputs = TestData.Uniform(random, 4 * ReferenceCnn.InputSize, 0f, 1f);
        float[] targets = TestData.Targets(random, Loss.SoftmaxCrossEntropy, 4, ReferenceCnn.OutputSize);
        float[] paddedInputs = TestData.Uniform(random, 4 * ConvSameAveragePoolMse.InputSize);
        float[] paddedTargets = TestData.Targets(random, Loss.MeanSquaredError, 4, ConvSameAveragePoolMse.OutputSize);
        var output = new float[ReferenceCnn.OutputSize];
        var paddedOutput = new float[ConvSameAveragePoolMse.OutputSize];

        static long Measure(Action call) => Allocations.OnThisThread(call);

        Assert.Equal(0, Measure(() => network.Predict(inputs.AsSpan(0, 784), output)));
        Assert.Equal(0, Measure(() => network.TrainBatch(inputs, targets)));
        Assert.Equal(0, Measure(() => padded.Predict(paddedInputs.AsSpan(0, ConvSameAveragePoolMse.InputSize), paddedOutput)));
        Assert.Equal(0, Measure(() => padded.TrainBatch(paddedInputs, paddedTargets)));
        Assert.True(float.IsFinite(network.LastDataLoss) && float.IsFinite(padded.LastDataLoss));
    }

    private static (float[] Inputs, float[] Targets) Data(ConvolutionCase network, int seed)
    {
        var random = new SeededRandom((ulong)seed);
        return (TestData.Uniform(random, Batch * network.InputSize), TestData.Targets(random, network.Loss, Batch, network.OutputSize));
    }

    /// <summary>The largest |actual − expected| relative to the largest |expected| of the vector (the README's measure).</summary>
    private static double RelativeError(ReadOnlySpan<float> actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        double worst = 0;
        for (int k = 0; k < actual.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(actual[k] - expected[k]));
        }

        return scale == 0 ? worst : worst / scale;
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
}
