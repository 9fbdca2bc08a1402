using StaticNets.Tests.Networks;
using Xunit;

namespace StaticNets.Tests;

/// <summary>
/// TrainBatch lets the backward pass store the gradients instead of clearing and then adding to them; a Backward
/// outside TrainBatch must still add to what is there.
/// </summary>
public sealed class GradientStorageTests
{
    [Fact]
    public void BackwardAfterTrainBatchStillAccumulates()
    {
        var network = new XorNet(seed: 5);
        float[] inputs = [0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f];
        float[] targets = [0f, 1f, 1f, 0f];
        var outputs = new float[4];
        network.TrainBatch(inputs, targets);

        network.ZeroGradients();
        network.Forward(inputs, outputs);
        network.Backward(targets);
        float[] once = network.Gradients.ToArray();
        network.Forward(inputs, outputs);
        network.Backward(targets);

        float[] twice = network.Gradients.ToArray();
        for (int k = 0; k < once.Length; k++)
        {
            // Not bitwise: the second pass adds each sample's product to the stored sum, a different association than
            // doubling it; overwriting instead of adding would be off by the whole gradient.
            Assert.Equal(2f * once[k], twice[k], 1e-6f * System.Math.Max(1f, System.Math.Abs(2f * once[k])));
        }
    }

    [Fact]
    public void TrainBatchGradientsDoNotDependOnWhatWasThere()
    {
        var clean = new XorNet(seed: 6);
        var dirty = new XorNet(seed: 6);
        float[] inputs = [0f, 1f, 1f, 1f];
        float[] targets = [1f, 0f];
        dirty.Forward(inputs, new float[2]);
        dirty.Backward(targets); // leaves gradients behind, which TrainBatch must not add to

        clean.TrainBatch(inputs, targets);
        dirty.TrainBatch(inputs, targets);

        Assert.Equal(clean.Gradients.ToArray(), dirty.Gradients.ToArray());
        Assert.Equal(clean.Parameters.ToArray(), dirty.Parameters.ToArray());
    }
}
