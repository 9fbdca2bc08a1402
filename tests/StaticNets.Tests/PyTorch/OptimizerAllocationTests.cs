using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Tests.PyTorch.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// After warm-up, Step and TrainBatch allocate nothing, for the network of every optimizers.json case (every optimizer
/// and variant: momentum, Nesterov, centred, AMSGrad, weight decay, ...) and for a network with dropout and L1/L2.
/// </summary>
public sealed class OptimizerAllocationTests
{
    /// <summary>Calls per window; one allocation in any call would show as at least 24 bytes times this.</summary>
    private const int MeasuredCalls = 1000;

    private const string DropoutNetwork = nameof(DropoutElasticNetClassifier);

    /// <summary>Every optimizers.json case, plus the dropout and elastic-net network.</summary>
    public static TheoryData<string> Networks => new(PyTorchNetworks.ForOptimizerCase.Keys.Append(DropoutNetwork));

    [Theory]
    [MemberData(nameof(Networks))]
    public void StepAllocatesNothingAfterWarmUp(string name)
    {
        INetwork network = Create(name, out float[] inputs, out float[] targets);
        network.ZeroGradients();
        network.Forward(inputs, new float[targets.Length]);
        network.Backward(targets);
        network.LearningRate = 1e-5f; // thousands of steps on fixed gradients stay tame

        long bytes = Measure(network.Step);

        Assert.Equal(0, bytes);
        Assert.True(network.StepCount >= Allocations.WarmUpCalls + MeasuredCalls, $"{network.StepCount} steps"); // the calls really ran
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatchAllocatesNothingAfterWarmUp(string name)
    {
        INetwork network = Create(name, out float[] inputs, out float[] targets);
        network.LearningRate = 1e-4f;
        float loss = 0;

        long bytes = Measure(() => loss = network.TrainBatch(inputs, targets));

        Assert.Equal(0, bytes);
        Assert.True(float.IsFinite(loss) && loss > 0, $"loss {loss}");
        Assert.True(network.StepCount >= Allocations.WarmUpCalls + MeasuredCalls, $"{network.StepCount} steps");
    }

    /// <summary>Creates the network and one batch: the case's first batch, or a fixed pseudo-random batch for the dropout network.</summary>
    private static INetwork Create(string name, out float[] inputs, out float[] targets)
    {
        if (name == DropoutNetwork)
        {
            const int batch = 16;
            var network = new DropoutElasticNetClassifier(seed: 7);
            inputs = Enumerable.Range(0, batch * DropoutElasticNetClassifier.InputSize)
                .Select(k => MathF.Sin(0.7f * k + 0.3f))
                .ToArray();
            targets = new float[batch * DropoutElasticNetClassifier.OutputSize];
            for (int s = 0; s < batch; s++)
            {
                targets[s * DropoutElasticNetClassifier.OutputSize + s % DropoutElasticNetClassifier.OutputSize] = 1f; // one-hot
            }

            return network;
        }

        OptimizerCase fixture = Fixtures.Optimizer(name);
        INetwork generated = PyTorchNetworks.ForOptimizerCase[name].Create();
        fixture.Parameters.ToFloats().AsSpan().CopyTo(generated.Parameters);
        inputs = fixture.Batches[0].Inputs.ToFloats();
        targets = fixture.Batches[0].Targets.ToFloats();
        return generated;
    }

    private static long Measure(Action call) => Allocations.OnThisThread(call, MeasuredCalls);
}
