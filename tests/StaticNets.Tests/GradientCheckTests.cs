using System;
using StaticNets.Reference;
using StaticNets.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests;

/// <summary>
/// Analytic gradients, generated and reference, against centred finite differences of
/// <see cref="ReferenceNetwork.Loss"/> in <see cref="double"/>, on every activation × position × loss combination.
/// </summary>
public sealed class GradientCheckTests(ITestOutputHelper output)
{
    /// <summary>Seed of the network under test's initial parameters.</summary>
    private const int NetworkSeed = 7;

    /// <summary>Samples per batch: more than one, so that per-sample gradients must be summed and averaged.</summary>
    private const int Batch = 3;

    /// <summary>
    /// Step of the centred difference in <see cref="double"/>. Truncation error is about h²·|L'''|/6 ≈ 1e-11 and
    /// rounding error about ε·|L|/h ≈ 1e-16 / 1e-5 = 1e-11, so the difference itself is good to ~1e-10.
    /// </summary>
    private const double Step = 1e-5;

    /// <summary>
    /// Data is redrawn until no pre-activation of a ReLU, LeakyReLU or ELU layer is this close to 0. A step of
    /// <see cref="Step"/> moves any pre-activation by far less (inputs and weights are below ~2 in magnitude), so no
    /// difference straddles a kink.
    /// </summary>
    private const double KinkMargin = 1e-3;

    /// <summary>
    /// Reference (double) gradients vs finite differences. Both are exact to ~1e-10 (see <see cref="Step"/>); this
    /// leaves four orders of magnitude for the difference's error and still catches any wrong formula.
    /// </summary>
    private const double ReferenceTolerance = 1e-6;

    /// <summary>
    /// Generated (float) gradients vs finite differences. float32 has ε = 1.2e-7; a gradient here is a sum of a few
    /// dozen products of values below ~2, each rounded, so its error is a few 1e-7 relative to the largest term.
    /// Observed worst case over all networks: 6.1e-6 (reference vs finite differences: 2e-8, so this is float error).
    /// The tolerance leaves ~8× headroom; a wrong derivative or a missing 1/batch factor gives errors of order 1.
    /// </summary>
    private const double FloatGradientTolerance = 5e-5;

    /// <summary>
    /// Below this magnitude a gradient is compared absolutely: float rounding error depends on the size of the terms
    /// summed, not on the (possibly cancelling) total, so a relative test of tiny gradients would measure only noise.
    /// </summary>
    private const double GradientFloor = 1e-2;

    /// <summary>Generated loss vs reference loss: a mean of a dozen float terms, each good to a few ε (1.2e-7).</summary>
    private const double LossTolerance = 1e-5;

    [Theory]
    [MemberData(nameof(TestNetworks.GradientCheckNames), MemberType = typeof(TestNetworks))]
    public void ReferenceGradientMatchesFiniteDifferences(string name)
    {
        Problem problem = Problem.Create(TestNetworks.Get(name));
        var gradient = new double[problem.Parameters.Length];
        problem.Reference.LossAndGradient(problem.Parameters, problem.Inputs, problem.Targets, gradient);
        double[] differences = problem.FiniteDifferences();

        AssertClose(gradient, differences, ReferenceTolerance, floor: 1e-3, "reference");
    }

    [Theory]
    [MemberData(nameof(TestNetworks.GradientCheckNames), MemberType = typeof(TestNetworks))]
    public void GeneratedGradientMatchesFiniteDifferences(string name)
    {
        Problem problem = Problem.Create(TestNetworks.Get(name));
        INetwork network = problem.Network;
        var outputs = new float[Batch * problem.Case.OutputSize];
        network.ZeroGradients();
        network.Forward(problem.FloatInputs, outputs);
        network.Backward(problem.FloatTargets);
        double[] gradient = TestData.ToDouble(network.Gradients);
        double[] differences = problem.FiniteDifferences();

        AssertClose(gradient, differences, FloatGradientTolerance, GradientFloor, "generated");
    }

    [Theory]
    [MemberData(nameof(TestNetworks.GradientCheckNames), MemberType = typeof(TestNetworks))]
    public void GeneratedLossEqualsReferenceLoss(string name)
    {
        Problem problem = Problem.Create(TestNetworks.Get(name));
        var outputs = new float[Batch * problem.Case.OutputSize];
        problem.Network.ZeroGradients();
        problem.Network.Forward(problem.FloatInputs, outputs);
        float loss = problem.Network.Backward(problem.FloatTargets);
        double expected = problem.Reference.Loss(problem.Parameters, problem.Inputs, problem.Targets);

        Assert.True(expected > 0, "the loss of random parameters should not be zero");
        double error = Math.Abs(loss - expected) / Math.Max(1, Math.Abs(expected));
        Assert.True(error <= LossTolerance, $"loss {loss:R} vs reference {expected:R}: relative error {error:E2} > {LossTolerance:E0}");
    }

    /// <summary>Compares every coordinate; also requires the gradient not to vanish, so the check cannot pass vacuously.</summary>
    private void AssertClose(double[] actual, double[] expected, double tolerance, double floor, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0, largest = 0;
        int worstIndex = -1;
        for (int k = 0; k < expected.Length; k++)
        {
            largest = Math.Max(largest, Math.Abs(expected[k]));
            double error = Math.Abs(actual[k] - expected[k]) / Math.Max(Math.Abs(expected[k]), floor);
            if (error > worst)
            {
                worst = error;
                worstIndex = k;
            }
        }

        output.WriteLine($"{what}: worst relative error {worst:E2} at parameter {worstIndex}; largest |gradient| {largest:E2}");
        Assert.True(largest > 1e-3, $"the {what} gradient vanishes (largest {largest:E2}); the check would be vacuous");
        Assert.True(worst <= tolerance,
            $"{what} gradient of parameter {worstIndex} is {actual[worstIndex]:R}, finite differences give {expected[worstIndex]:R}: " +
            $"relative error {worst:E2} > {tolerance:E0}");
    }

    /// <summary>A network, its parameters in double, and a batch of data away from kinks.</summary>
    private sealed class Problem
    {
        public required NetworkCase Case { get; init; }
        public required INetwork Network { get; init; }
        public required ReferenceNetwork Reference { get; init; }
        public required double[] Parameters { get; init; }
        public required float[] FloatInputs { get; init; }
        public required float[] FloatTargets { get; init; }
        public required double[] Inputs { get; init; }
        public required double[] Targets { get; init; }

        public static Problem Create(NetworkCase network)
        {
            INetwork generated = network.Create(NetworkSeed);
            double[] parameters = TestData.ToDouble(generated.Parameters);
            for (ulong dataSeed = 1; dataSeed <= 100; dataSeed++)
            {
                var random = new SeededRandom(dataSeed);
                float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
                double[] doubleInputs = TestData.ToDouble(inputs);
                if (ReferenceTrace.SmallestKinkDistance(network, parameters, doubleInputs) < KinkMargin)
                {
                    continue;
                }

                float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);
                return new Problem
                {
                    Case = network,
                    Network = generated,
                    Reference = network.CreateReference(),
                    Parameters = parameters,
                    FloatInputs = inputs,
                    FloatTargets = targets,
                    Inputs = doubleInputs,
                    Targets = TestData.ToDouble(targets),
                };
            }

            throw new InvalidOperationException($"No data seed keeps {network.Name}'s pre-activations {KinkMargin} away from 0.");
        }

        public double[] FiniteDifferences()
        {
            double[] p = (double[])Parameters.Clone();
            var result = new double[p.Length];
            for (int k = 0; k < p.Length; k++)
            {
                double saved = p[k];
                p[k] = saved + Step;
                double plus = Reference.Loss(p, Inputs, Targets);
                p[k] = saved - Step;
                double minus = Reference.Loss(p, Inputs, Targets);
                p[k] = saved;
                result[k] = (plus - minus) / (2 * Step);
            }

            return result;
        }
    }
}
