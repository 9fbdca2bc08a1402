using System;
using StaticNets.Tests.Networks;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>
/// <c>LastStepFinite</c>: the step checks every parameter as it writes it, on one thread or several, in the vector body
/// and in the tail alike, and the next clean step clears the mark.
/// </summary>
[Collection(ParallelInferenceTests.Alone)]
public sealed class StepFinitenessTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ASmallNetworksStepNoticesAParameterThatIsNotFinite(float bad)
    {
        var network = new TrainerLinearNet(seed: 1);
        AssertNoticed(network, bad);
    }

    [Theory]
    [InlineData(float.NaN, 1)]
    [InlineData(float.PositiveInfinity, 1)]
    [InlineData(float.NaN, 2)]
    [InlineData(float.NegativeInfinity, 3)]
    public void AStepSharedBetweenThreadsNoticesAParameterThatIsNotFinite(float bad, int threads)
    {
        var network = new ParallelWideNet(seed: 1) { DegreeOfParallelism = threads };
        try
        {
            AssertNoticed(network, bad);
        }
        finally
        {
            network.DegreeOfParallelism = 1;
        }
    }

    private static void AssertNoticed(INetwork network, float bad)
    {
        Assert.True(network.LastStepFinite); // before the first step
        network.ZeroGradients();
        network.Step();
        Assert.True(network.LastStepFinite);

        int count = network.Parameters.Length;
        foreach (int index in new[] { 0, 1, count / 2, count - 2, count - 1 })
        {
            float saved = network.Parameters[index];
            network.Parameters[index] = bad;
            network.Step();
            Assert.False(network.LastStepFinite, $"parameter {index} of {count} set to {bad}");

            network.Parameters[index] = saved;
            network.Step();
            Assert.True(network.LastStepFinite, $"after restoring parameter {index}");
        }
    }
}
