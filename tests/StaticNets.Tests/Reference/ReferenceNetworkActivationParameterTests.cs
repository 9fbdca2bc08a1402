using System;
using StaticNets.Reference;
using Xunit;

// StaticNets.Tests rather than StaticNets.Tests.Reference: see ConvolutionReferenceGradientTests.
namespace StaticNets.Tests;

/// <summary>
/// <see cref="ReferenceNetwork"/> and <see cref="ConvolutionalReferenceNetwork"/> apply each layer's own LeakyReLU
/// slope and ELU alpha, forward and backward, checked against a network small enough to work out by hand, and reject a
/// parameter an activation does not take.
/// </summary>
public sealed class ReferenceNetworkActivationParameterTests
{
    /// <summary>Hand-worked values below against the networks' double arithmetic: a few ulps.</summary>
    private const double Tolerance = 1e-14;

    /// <summary>
    /// The same network twice: 1 input → 1 LeakyReLU unit (slope 0.2, w = 1, b = 0) → 1 ELU unit (alpha 0.5, w = 2,
    /// b = 0), mean squared error. At x = −1 and target 0: z1 = −1, a1 = −0.2, z2 = −0.4, a2 = 0.5·(e^−0.4 − 1).
    /// </summary>
    private static readonly double[] Parameters = [1.0, 0.0, 2.0, 0.0];

    /// <summary>a2 = 0.5·(e^−0.4 − 1).</summary>
    private const double Output = -0.16483997698218034;

    /// <summary>
    /// L = a2², dz2 = 2·a2·0.5·e^−0.4; dW2 = dz2·a1, db2 = dz2; dz1 = dz2·W2·0.2; dW1 = dz1·x, db1 = dz1.
    /// </summary>
    private static readonly double[] Gradient = [0.04419821638368354, -0.04419821638368354, 0.02209910819184177, -0.11049554095920885];

    /// <summary>The output with the default slope 0.01 and alpha 1: e^(2·−0.01) − 1.</summary>
    private const double DefaultOutput = -0.019801326693244747;

    [Fact]
    public void ReferenceNetworkAppliesEachLayersSlopeAndAlpha()
    {
        var network = new ReferenceNetwork(1, [(1, Activation.LeakyReLU, 0.2), (1, Activation.ELU, 0.5)], Loss.MeanSquaredError);
        AssertOutputAndGradient(network.Predict, network.LossAndGradient);

        var defaults = new ReferenceNetwork(1, [(1, Activation.LeakyReLU), (1, Activation.ELU)], Loss.MeanSquaredError);
        var unset = new ReferenceNetwork(1, [(1, Activation.LeakyReLU, null), (1, Activation.ELU, null)], Loss.MeanSquaredError);
        AssertClose(DefaultOutput, Predict(defaults.Predict), "output with the default slope and alpha");
        AssertClose(DefaultOutput, Predict(unset.Predict), "output with null parameters");
    }

    [Fact]
    public void ConvolutionalReferenceNetworkAppliesEachLayersSlopeAndAlpha()
    {
        // A 1x1x1 image through a 1x1 convolution is the first dense unit above.
        var network = new ConvolutionalReferenceNetwork(1, 1, 1,
        [
            new ReferenceLayer.Conv2D(1, 1, 1, 1, 1, Same: false, Activation.LeakyReLU) { ActivationParameter = 0.2 },
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(1, Activation.ELU) { ActivationParameter = 0.5 },
        ], Loss.MeanSquaredError);
        AssertOutputAndGradient(network.Predict, network.LossAndGradient);

        var defaults = new ConvolutionalReferenceNetwork(1, 1, 1,
        [
            new ReferenceLayer.Conv2D(1, 1, 1, 1, 1, Same: false, Activation.LeakyReLU),
            new ReferenceLayer.Flatten(),
            new ReferenceLayer.Dense(1, Activation.ELU),
        ], Loss.MeanSquaredError);
        AssertClose(DefaultOutput, Predict(defaults.Predict), "output with the default slope and alpha");
    }

    [Fact]
    public void NetworksRejectAParameterTheActivationDoesNotTakeOrThatIsNotFinite()
    {
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork(2, [(3, Activation.ReLU, 0.2), (1, Activation.Linear, null)], Loss.MeanSquaredError));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork(2, [(3, Activation.GELU, 1.0), (1, Activation.Linear, null)], Loss.MeanSquaredError));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork(2, [(3, Activation.LeakyReLU, double.NaN), (1, Activation.Linear, null)], Loss.MeanSquaredError));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork(2, [(3, Activation.ELU, double.PositiveInfinity), (1, Activation.Linear, null)], Loss.MeanSquaredError));
        Assert.Throws<ArgumentException>(() => new ConvolutionalReferenceNetwork(3, 3, 1,
            [new ReferenceLayer.Conv2D(2, 2, 2, 1, 1, Same: false, Activation.Tanh) { ActivationParameter = 0.5 }, new ReferenceLayer.Flatten(), new ReferenceLayer.Dense(1, Activation.Linear)],
            Loss.MeanSquaredError));
        Assert.Throws<ArgumentException>(() => new ConvolutionalReferenceNetwork(3, 3, 1,
            [new ReferenceLayer.Flatten(), new ReferenceLayer.Dense(1, Activation.ELU) { ActivationParameter = double.NaN }],
            Loss.MeanSquaredError));
    }

    private delegate void PredictMethod(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, Span<double> output);

    private delegate double LossAndGradientMethod(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradient);

    private static double Predict(PredictMethod predict)
    {
        var output = new double[1];
        predict(Parameters, [-1.0], output);
        return output[0];
    }

    private static void AssertOutputAndGradient(PredictMethod predict, LossAndGradientMethod lossAndGradient)
    {
        AssertClose(Output, Predict(predict), "output");
        var gradient = new double[Parameters.Length];
        double loss = lossAndGradient(Parameters, [-1.0], [0.0], gradient);
        AssertClose(Output * Output, loss, "loss");
        for (int k = 0; k < Gradient.Length; k++)
        {
            AssertClose(Gradient[k], gradient[k], $"gradient {k}");
        }
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"{what}: {actual:R}, expected {expected:R}");
}
