using System;
using StaticNets.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.Training;

/// <summary>
/// Gradients through dropout against centred finite differences of the generated network's own loss, with the same
/// masks on both sides: a network draws its masks from its seeded generator right after initialisation, so a fresh
/// network of the same seed draws the same masks in its first <c>Forward</c>, whatever its parameters are set to.
/// </summary>
public sealed class DropoutGradientTests(ITestOutputHelper output)
{
    private const int Batch = 4;
    private const int Seed = 21;

    /// <summary>Step of the difference, in float: large enough that rounding of the loss (~1e-7 relative) stays small.</summary>
    private const float Step = 1e-2f;

    /// <summary>
    /// Relative error allowed, below <see cref="Floor"/> absolute. Linear layers: the difference is exact but for float
    /// rounding, ε·|L|/h ≈ 1e-5. Tanh layers add a truncation error of h²·|L'''|/6 ≈ 2e-5. A kept value that lost its
    /// 1/(1 − p) scale in backward is off by 25 % to 150 % (p = 0.2 to 0.6).
    /// </summary>
    private const double Tolerance = 2e-3;

    private const double Floor = 1e-2;

    [Fact]
    public void GradientThroughDropoutMatchesFiniteDifferences() =>
        AssertGradientMatchesFiniteDifferences(() => new DropoutBetweenLinearLayersNet(Seed));

    [Fact]
    public void GradientThroughTwoDropoutsAtOtherRatesMatchesFiniteDifferences() =>
        AssertGradientMatchesFiniteDifferences(() => new TwoDropoutsBetweenTanhLayersNet(Seed));

    private void AssertGradientMatchesFiniteDifferences<TNetwork>(Func<TNetwork> create)
        where TNetwork : INetwork
    {
        var random = new SeededRandom(3);
        float[] inputs = TestData.Uniform(random, Batch * TNetwork.InputSize);
        float[] targets = TestData.Uniform(random, Batch * TNetwork.OutputSize);
        float[] parameters = create().Parameters.ToArray();

        TNetwork analytic = create();
        analytic.Forward(inputs, new float[Batch * TNetwork.OutputSize]);
        analytic.Backward(targets);
        float[] gradient = analytic.Gradients.ToArray();

        double worst = 0, largest = 0;
        int worstIndex = -1;
        for (int k = 0; k < parameters.Length; k++)
        {
            float saved = parameters[k];
            float plus = saved + Step, minus = saved - Step;
            parameters[k] = plus;
            double lossPlus = Loss(create, parameters, inputs, targets);
            parameters[k] = minus;
            double lossMinus = Loss(create, parameters, inputs, targets);
            parameters[k] = saved;

            double difference = (lossPlus - lossMinus) / ((double)plus - minus);
            double error = Math.Abs(gradient[k] - difference) / Math.Max(Floor, Math.Abs(difference));
            largest = Math.Max(largest, Math.Abs(difference));
            if (error > worst)
            {
                (worst, worstIndex) = (error, k);
            }
        }

        output.WriteLine($"worst relative error {worst:E2} at parameter {worstIndex}; largest |gradient| {largest:E2}");
        Assert.True(largest > 1e-2, "the gradient vanishes: the check would be vacuous");
        Assert.True(worst <= Tolerance, $"parameter {worstIndex}: gradient {gradient[worstIndex]:R}, relative error {worst:E2} > {Tolerance:E0}");
    }

    /// <summary>The loss of a fresh network with these parameters on its first, training-mode forward pass.</summary>
    private static double Loss<TNetwork>(Func<TNetwork> create, float[] parameters, float[] inputs, float[] targets)
        where TNetwork : INetwork
    {
        TNetwork network = create();
        parameters.CopyTo(network.Parameters);
        network.Forward(inputs, new float[Batch * TNetwork.OutputSize]);
        return network.Backward(targets);
    }
}
