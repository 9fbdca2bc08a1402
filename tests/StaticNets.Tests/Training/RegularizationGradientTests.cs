using System;
using System.Collections.Generic;
using StaticNets.Reference;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>Per-layer L1 and L2 on the hidden layer only.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(4, Activation.Tanh, L1 = 0.05f, L2 = 0.1f)]
[Dense(2)]
public partial class LayerPenaltyNet;

/// <summary>A network-wide elastic net, overridden to L2 only on the output layer.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, L1 = 0.02f, L2 = 0.03f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax, L1 = 0f, L2 = 0.2f)]
public partial class ElasticNetPenaltyNet;

public sealed class RegularizationGradientTests
{
    // Central differences in double with this step; weights stay further than this from 0 (checked below), so |w| is
    // smooth over the stencil and the only error is float rounding in the generated gradients (measured below 1e-5).
    private const double Step = 1e-5;
    private const double Tolerance = 1e-4;

    [Fact]
    public void PerLayerPenaltyGradientsMatchFiniteDifferences() =>
        Check(new LayerPenaltyNet(seed: 3), LayerPenaltyNet.InputSize, [(4, Activation.Tanh, 0.05, 0.1), (2, Activation.Linear, 0, 0)], Loss.MeanSquaredError);

    [Fact]
    public void ElasticNetWithALayerOverrideMatchesFiniteDifferences() =>
        Check(new ElasticNetPenaltyNet(seed: 4), ElasticNetPenaltyNet.InputSize, [(5, Activation.Sigmoid, 0.02, 0.03), (3, Activation.Softmax, 0, 0.2)], Loss.SoftmaxCrossEntropy);

    private static void Check<TNetwork>(TNetwork network, int inputSize, (int Units, Activation Activation, double L1, double L2)[] layers, Loss loss)
        where TNetwork : INetwork
    {
        var reference = new ReferenceNetwork(inputSize, Array.ConvertAll(layers, l => (l.Units, l.Activation)), loss);
        var random = new SeededRandom(9);
        int batch = 3;
        int outputs = layers[^1].Units;
        float[] x = new float[batch * inputSize];
        float[] y = new float[batch * outputs];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = (float)random.NextGaussian();
        }

        for (int s = 0; s < batch; s++)
        {
            y[s * outputs + s % outputs] = 1f;
        }

        // Keep every weight away from the kink of |w|.
        Span<float> parameters = network.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            if (MathF.Abs(parameters[k]) < 0.01f)
            {
                parameters[k] = 0.05f;
            }
        }

        network.ZeroGradients();
        network.Forward(x, new float[batch * outputs]);
        float total = network.Backward(y);
        float[] gradients = network.Gradients.ToArray();

        double[] p = Array.ConvertAll(network.Parameters.ToArray(), v => (double)v);
        double[] xd = Array.ConvertAll(x, v => (double)v);
        double[] yd = Array.ConvertAll(y, v => (double)v);
        double Total(double[] q) => reference.Loss(q, xd, yd) + Penalty(q, inputSize, layers);

        Assert.Equal(Total(p), total, 5);
        Assert.True(network.LastRegularizationLoss > 0f);
        Assert.Equal(Penalty(p, inputSize, layers), network.LastRegularizationLoss, 5);
        for (int k = 0; k < p.Length; k++)
        {
            double saved = p[k];
            p[k] = saved + Step;
            double plus = Total(p);
            p[k] = saved - Step;
            double minus = Total(p);
            p[k] = saved;
            double expected = (plus - minus) / (2 * Step);
            Assert.True(
                Math.Abs(gradients[k] - expected) <= Tolerance * Math.Max(1, Math.Abs(expected)),
                $"parameter {k}: generated {gradients[k]}, finite difference {expected}");
        }
    }

    /// <summary>Σ over layers of L1·Σ|w| + L2·Σw², weights only, in the generated parameter layout.</summary>
    private static double Penalty(double[] parameters, int inputSize, (int Units, Activation Activation, double L1, double L2)[] layers)
    {
        double penalty = 0;
        int offset = 0, fanIn = inputSize;
        foreach (var layer in layers)
        {
            for (int k = 0; k < fanIn * layer.Units; k++)
            {
                double w = parameters[offset + k];
                penalty += layer.L1 * Math.Abs(w) + layer.L2 * w * w;
            }

            offset += fanIn * layer.Units + layer.Units;
            fanIn = layer.Units;
        }

        return penalty;
    }
}
