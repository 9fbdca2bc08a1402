using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// losses.json: for each case, the network declared for it gets torch's parameters, runs Forward on the inputs and
/// Backward on the targets, and must reproduce torch's total loss, data loss, penalty and every gradient.
/// </summary>
public sealed class LossFixtureTests(ITestOutputHelper output)
{
    /// <summary>Every case name of losses.json: a case is a test row whether or not a network was declared for it.</summary>
    public static TheoryData<string> Cases => new(Fixtures.Losses.Select(c => c.Name));

    [Fact]
    public void EveryLossCaseHasADeclaredNetworkAndEveryDeclaredNetworkHasACase()
    {
        string[] cases = Fixtures.Losses.Select(c => c.Name).ToArray();

        Assert.NotEmpty(cases);
        Assert.Empty(cases.Except(PyTorchNetworks.ForLossCase.Keys)); // fixture cases without a network
        Assert.Empty(PyTorchNetworks.ForLossCase.Keys.Except(cases)); // networks for cases that no longer exist
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheDeclaredNetworkHasTheArchitectureLossAndPenaltiesOfTheCase(string name)
    {
        LossCase fixture = Fixtures.Loss(name);
        DeclaredNetwork declared = Declared(name);

        Assert.Equal(Fixtures.Architecture(fixture.InputSize, fixture.Layers), declared.Architecture);
        Assert.Equal(fixture.Parameters.Length, declared.Create().Parameters.Length);
        Assert.Equal(fixture.Loss, declared.Declaration.Loss.ToString());
        Assert.Equal((float)(fixture.Delta ?? 1), Unset(declared.Declaration.HuberDelta, 1f)); // PyTorch's default delta is 1
        Assert.Equal((float)(fixture.L1 ?? 0), Unset(declared.Declaration.L1, 0f));
        Assert.Equal((float)(fixture.L2 ?? 0), Unset(declared.Declaration.L2, 0f));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossesAndGradientsMatchPyTorch(string name)
    {
        ErrorMeter meter = Evaluate(Fixtures.Loss(name));

        meter.Report(output, $"{name}: worst |a - b| / max(|b|, scale)");
        meter.AssertNoFailures();
    }

    [Fact]
    public void TheWorstErrorOfEveryLossStaysWithinTolerance()
    {
        var byLoss = new Dictionary<string, ErrorMeter>();
        foreach (LossCase fixture in Fixtures.Losses)
        {
            if (!byLoss.TryGetValue(fixture.Loss, out ErrorMeter? meter))
            {
                byLoss[fixture.Loss] = meter = new ErrorMeter();
            }

            meter.Absorb(string.Empty, Evaluate(fixture));
        }

        var all = new ErrorMeter();
        foreach ((string loss, ErrorMeter meter) in byLoss)
        {
            meter.Report(output, $"{loss} ({Fixtures.Losses.Count(c => c.Loss == loss)} cases)");
            all.Absorb($"{loss}: ", meter);
        }

        output.WriteLine($"Tolerances: loss {ErrorMeter.Format(Tolerances.Loss)}, gradients {ErrorMeter.Format(Tolerances.Gradient)}.");
        all.AssertNoFailures();
    }

    /// <summary>Runs one case and compares every result with torch's.</summary>
    private static ErrorMeter Evaluate(LossCase fixture)
    {
        var meter = new ErrorMeter();
        if (!PyTorchNetworks.ForLossCase.TryGetValue(fixture.Name, out DeclaredNetwork? declared))
        {
            meter.Fail($"{fixture.Name}: no network is declared for this case in PyTorchNetworks.ForLossCase");
            return meter;
        }

        INetwork network = declared.Create();
        if (network.Parameters.Length != fixture.Parameters.Length)
        {
            meter.Fail($"{fixture.Name}: {declared} has {network.Parameters.Length} parameters, the case {fixture.Parameters.Length}");
            return meter;
        }

        fixture.Parameters.ToFloats().AsSpan().CopyTo(network.Parameters);
        var outputs = new float[fixture.Targets.Length];
        network.ZeroGradients();
        network.Forward(fixture.Inputs.ToFloats(), outputs);
        float loss = network.Backward(fixture.Targets.ToFloats());

        meter.Scalar("total loss", fixture.Name, loss, fixture.TotalLoss, Tolerances.Loss);
        meter.Scalar("data loss", fixture.Name, network.LastDataLoss, fixture.DataLoss, Tolerances.Loss);
        meter.Scalar("penalty", fixture.Name, network.LastRegularizationLoss, fixture.Penalty, Tolerances.Loss);
        meter.Vector("gradients", fixture.Name, network.Gradients, fixture.Gradients, Tolerances.Gradient);
        return meter;
    }

    private static float Unset(float declared, float fallback) => float.IsNaN(declared) ? fallback : declared;

    private static DeclaredNetwork Declared(string name)
    {
        Assert.True(
            PyTorchNetworks.ForLossCase.TryGetValue(name, out DeclaredNetwork? declared),
            $"No network is declared for losses.json case '{name}'. Declare one in PyTorch/Networks/LossFixtureNetworks.cs and add it to PyTorchNetworks.ForLossCase.");
        return declared!;
    }
}
