using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Tests.PyTorch.Networks;
using Xunit;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// After warm-up, Step and TrainBatch allocate nothing, for the network of every optimizers.json case (every optimizer
/// and variant: momentum, Nesterov, centred, AMSGrad, weight decay, ...) and for a network with dropout and L1/L2.
/// </summary>
public sealed class OptimizerAllocationTests
{
    /// <summary>Calls before measuring: enough for tiered compilation to promote the methods and for one-time state to exist.</summary>
    private const int WarmUpCalls = 200;

    /// <summary>Calls measured per window; one allocation in any call would show as at least 24 bytes times this.</summary>
    private const int MeasuredCalls = 1000;

    /// <summary>
    /// Windows of <see cref="MeasuredCalls"/> calls; the fewest bytes of any window count. An allocation made in every
    /// call shows in each window; a one-time one that warm-up did not reach (a type initialised when tiered compilation
    /// installs the optimised code, which with DOTNET_EnableAVX=0 arrived inside the window: 2,160 bytes once) shows in
    /// one at most.
    /// </summary>
    private const int Windows = 3;

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
        Assert.Equal(WarmUpCalls + Windows * MeasuredCalls, network.StepCount); // the calls really ran
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
        Assert.Equal(WarmUpCalls + Windows * MeasuredCalls, network.StepCount);
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

    /// <summary>
    /// The fewest bytes allocated on this thread by <see cref="MeasuredCalls"/> calls, over <see cref="Windows"/> windows
    /// after <see cref="WarmUpCalls"/> calls.
    /// </summary>
    private static long Measure(Action call)
    {
        for (int k = 0; k < WarmUpCalls; k++)
        {
            call();
        }

        long fewest = long.MaxValue;
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < MeasuredCalls; k++)
            {
                call();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
