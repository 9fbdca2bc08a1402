using System;
using System.Linq;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>
/// The documented parameter layout, checked by hand rather than through the reference: per layer, weights as an
/// (inputs, outputs) row-major matrix, then the biases.
/// </summary>
public sealed class ParameterLayoutTests
{
    [Fact]
    public void ParametersAreInputMajorWeightsThenBiasesPerLayer()
    {
        // HiddenLinearMse: 3 → 5 (linear) → 4 (linear). Layer 1 weights at 0..14, biases 15..19;
        // layer 2 weights at 20..39, biases 40..43.
        var network = new HiddenLinearMse(seed: 1);
        network.Parameters.Clear();
        network.Parameters[1 * 5 + 2] = 1f;       // W1[input 1, output 2]
        network.Parameters[15 + 4] = 0.25f;       // b1[4]
        network.Parameters[20 + 2 * 4 + 3] = 2f;  // W2[input 2, output 3]
        network.Parameters[20 + 4 * 4 + 0] = 4f;  // W2[input 4, output 0]
        network.Parameters[40 + 3] = 0.5f;        // b2[3]
        var output = new float[4];

        network.Predict([0f, 3f, 0f], output);

        // h = (0, 0, 3, 0, 0.25); y0 = 4·h4 = 1; y3 = 2·h2 + 0.5 = 6.5.
        Assert.Equal([1f, 0f, 0f, 6.5f], output);
    }

    [Fact]
    public void GradientsUseTheParameterLayout()
    {
        // LinearRegressionNet: y = w0·x0 + w1·x1 + b. For one sample, dL/dw = 2(y - t)·x, dL/db = 2(y - t).
        var network = new LinearRegressionNet(seed: 1);
        network.Parameters[0] = 1f;
        network.Parameters[1] = 2f;
        network.Parameters[2] = 3f;
        network.ZeroGradients();
        var output = new float[1];

        network.Forward([10f, 100f], output);
        float loss = network.Backward([200f]);

        Assert.Equal(213f, output[0]);
        Assert.Equal(169f, loss);
        Assert.Equal([260f, 2600f, 26f], network.Gradients.ToArray());
    }

    [Fact]
    public void WritesToParametersTakeEffectImmediately()
    {
        var network = new LinearRegressionNet(seed: 1);
        var output = new float[1];
        network.Parameters[2] = 5f;
        network.Parameters[0] = 0f;
        network.Parameters[1] = 0f;

        network.Predict([1f, 1f], output);

        Assert.Equal(5f, output[0]);
    }

    [Fact]
    public void SoftmaxCrossEntropyGradientIsProbabilitiesMinusTargetsOverBatch()
    {
        // HiddenLinearSoftmax with every weight zero: the logits are the output biases, the same for every sample.
        var network = new HiddenLinearSoftmax(seed: 1);
        network.Parameters.Clear();
        Span<float> outputBias = network.Parameters.Slice(3 * 5 + 5 + 5 * 4, 4);
        outputBias[0] = 1f;
        outputBias[1] = 2f;
        network.ZeroGradients();
        var outputs = new float[2 * 4];

        network.Forward(new float[2 * 3], outputs);
        float loss = network.Backward([0, 1, 0, 0, 0, 0, 0, 1]);

        double[] p = new double[4];
        Reference.ReferenceActivations.Softmax([1.0, 2.0, 0.0, 0.0], p);
        double expectedLoss = (-Math.Log(p[1]) - Math.Log(p[3])) / 2;
        Assert.Equal(expectedLoss, loss, 5);
        for (int k = 0; k < 4; k++)
        {
            double expectedGradient = (p[k] - (k == 1 ? 1 : 0) + p[k] - (k == 3 ? 1 : 0)) / 2;
            Assert.Equal(expectedGradient, network.Gradients[3 * 5 + 5 + 5 * 4 + k], 6);
        }
    }

    [Fact]
    public void NetworksOfDifferentShapeHaveDifferentArchitectures()
    {
        var byShape = TestNetworks.All.GroupBy(n =>
            $"{n.DeclaredInputSize}|{string.Join(",", n.Layers.Select(l => $"{l.Units}:{l.Activation}:{l.ActivationParameter}"))}").ToArray();

        foreach (var sameShape in byShape)
        {
            Assert.Single(sameShape.Select(n => n.Architecture).Distinct());
        }

        Assert.Equal(byShape.Length, TestNetworks.All.Select(n => n.Architecture).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllNames), MemberType = typeof(TestNetworks))]
    public void ArchitectureNamesTheInputAndEveryLayerInOrder(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        int position = network.Architecture.IndexOf($"Input({network.DeclaredInputSize})", StringComparison.Ordinal);
        Assert.True(position >= 0, network.Architecture);
        foreach ((int units, Activation activation, _) in network.Layers)
        {
            // The activation may carry its hyper-parameters, e.g. "LeakyReLU(0.01)".
            string layer = $"Dense({units}, {activation}";
            int next = network.Architecture.IndexOf(layer, position, StringComparison.Ordinal);
            Assert.True(next > position, $"'{network.Architecture}' lacks {layer}) after position {position}");
            Assert.Contains(network.Architecture[next + layer.Length], "()");
            position = next;
        }
    }
}
