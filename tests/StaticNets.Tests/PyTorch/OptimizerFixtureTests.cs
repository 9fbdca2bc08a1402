using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// optimizers.json: for each case, the network declared with the case's optimizer and hyper-parameters starts from
/// torch's parameters and trains on the 5 batches; each TrainBatch must return torch's loss before the step, and the
/// parameters after each step must be torch's. Training resumed from a model saved after step 2 must continue the same
/// way, which proves the optimizer state and the step count are saved.
/// </summary>
public sealed class OptimizerFixtureTests(ITestOutputHelper output)
{
    /// <summary>Every case name of optimizers.json: a case is a test row whether or not a network was declared for it.</summary>
    public static TheoryData<string> Cases => new(Fixtures.Optimizers.Select(c => c.Name));

    /// <summary>The "*_defaults" cases that also have a network declaring no hyper-parameter.</summary>
    public static TheoryData<string> DefaultCases => new(PyTorchNetworks.ForOptimizerCaseWithUndeclaredDefaults.Keys);

    [Fact]
    public void EveryOptimizerCaseHasADeclaredNetworkAndEveryDeclaredNetworkHasACase()
    {
        string[] cases = Fixtures.Optimizers.Select(c => c.Name).ToArray();

        Assert.NotEmpty(cases);
        Assert.Empty(cases.Except(PyTorchNetworks.ForOptimizerCase.Keys)); // fixture cases without a network
        Assert.Empty(PyTorchNetworks.ForOptimizerCase.Keys.Except(cases)); // networks for cases that no longer exist
        Assert.Empty(PyTorchNetworks.ForOptimizerCaseWithUndeclaredDefaults.Keys.Except(cases));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheDeclaredNetworkHasTheArchitectureOptimizerAndHyperParametersOfTheCase(string name) =>
        AssertDeclaredAsTheCase(Fixtures.Optimizer(name), Declared(PyTorchNetworks.ForOptimizerCase, name));

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void ANetworkDeclaringNoHyperParameterGetsTheTorchDefaults(string name) =>
        AssertDeclaredAsTheCase(Fixtures.Optimizer(name), Declared(PyTorchNetworks.ForOptimizerCaseWithUndeclaredDefaults, name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void FiveTrainingStepsMatchPyTorch(string name)
    {
        ErrorMeter meter = Train(Fixtures.Optimizer(name), PyTorchNetworks.ForOptimizerCase);

        meter.Report(output, $"{name}: worst |a - b| / max(|b|, scale)");
        meter.AssertNoFailures();
    }

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void FiveTrainingStepsWithUndeclaredDefaultHyperParametersMatchPyTorch(string name)
    {
        ErrorMeter meter = Train(Fixtures.Optimizer(name), PyTorchNetworks.ForOptimizerCaseWithUndeclaredDefaults);

        meter.Report(output, $"{name} (undeclared defaults): worst |a - b| / max(|b|, scale)");
        meter.AssertNoFailures();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainingResumedFromAModelSavedAfterStepTwoStillMatchesPyTorch(string name)
    {
        OptimizerCase fixture = Fixtures.Optimizer(name);
        DeclaredNetwork declared = Declared(PyTorchNetworks.ForOptimizerCase, name);
        var meter = new ErrorMeter();
        INetwork original = declared.Create();
        fixture.Parameters.ToFloats().AsSpan().CopyTo(original.Parameters);
        Steps(original, fixture, 0, 2, meter, "before saving,");

        using var model = new MemoryStream();
        original.Save(model);
        model.Position = 0;
        INetwork resumed = declared.Create();
        resumed.Load(model);

        Assert.Equal(2, resumed.StepCount);
        Assert.Equal(original.Parameters.ToArray(), resumed.Parameters.ToArray());
        Steps(resumed, fixture, 2, 5, meter, "resumed,");
        meter.Report(output, $"{name}, saved after step 2 and loaded into a fresh {declared}: worst |a - b| / max(|b|, scale)");
        meter.AssertNoFailures();

        // The resumed network is not merely close to torch: it is bitwise the network that never stopped.
        Steps(original, fixture, 2, 5, new ErrorMeter(), "uninterrupted,");
        Assert.Equal(original.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Fact]
    public void TheWorstErrorOfEveryOptimizerStaysWithinTolerance()
    {
        var byOptimizer = new Dictionary<string, ErrorMeter>();
        foreach (OptimizerCase fixture in Fixtures.Optimizers)
        {
            if (!byOptimizer.TryGetValue(fixture.Optimizer, out ErrorMeter? meter))
            {
                byOptimizer[fixture.Optimizer] = meter = new ErrorMeter();
            }

            meter.Absorb(string.Empty, Train(fixture, PyTorchNetworks.ForOptimizerCase));
        }

        var all = new ErrorMeter();
        foreach ((string optimizer, ErrorMeter meter) in byOptimizer)
        {
            meter.Report(output, $"{optimizer} ({Fixtures.Optimizers.Count(c => c.Optimizer == optimizer)} cases)");
            all.Absorb($"{optimizer}: ", meter);
        }

        output.WriteLine($"Tolerances: loss {ErrorMeter.Format(Tolerances.Loss)}, parameters {ErrorMeter.Format(Tolerances.Parameter)}.");
        all.AssertNoFailures();
    }

    /// <summary>Trains the case's network for all 5 steps and compares every loss and parameter vector with torch's.</summary>
    private static ErrorMeter Train(OptimizerCase fixture, IReadOnlyDictionary<string, DeclaredNetwork> networks)
    {
        var meter = new ErrorMeter();
        if (!networks.TryGetValue(fixture.Name, out DeclaredNetwork? declared))
        {
            meter.Fail($"{fixture.Name}: no network is declared for this case");
            return meter;
        }

        INetwork network = declared.Create();
        if (network.Parameters.Length != fixture.Parameters.Length)
        {
            meter.Fail($"{fixture.Name}: {declared} has {network.Parameters.Length} parameters, the case {fixture.Parameters.Length}");
            return meter;
        }

        fixture.Parameters.ToFloats().AsSpan().CopyTo(network.Parameters);
        Steps(network, fixture, 0, fixture.Batches.Length, meter, string.Empty);
        return meter;
    }

    /// <summary>Runs steps <paramref name="from"/> (0-based) up to <paramref name="to"/>, comparing after each.</summary>
    private static void Steps(INetwork network, OptimizerCase fixture, int from, int to, ErrorMeter meter, string label)
    {
        for (int k = from; k < to; k++)
        {
            string where = $"{fixture.Name} {label} step {k + 1}".Replace("  ", " ");
            BatchData batch = fixture.Batches[k];
            float loss = network.TrainBatch(batch.Inputs.ToFloats(), batch.Targets.ToFloats());

            meter.Scalar("loss", where, loss, fixture.Losses[k], Tolerances.Loss);
            meter.Vector("parameters", where, network.Parameters, fixture.ParametersAfter[k], Tolerances.Parameter, scale: 1);
            if (network.StepCount != k + 1)
            {
                meter.Fail($"{where}: StepCount is {network.StepCount}, expected {k + 1}");
            }
        }
    }

    private static void AssertDeclaredAsTheCase(OptimizerCase fixture, DeclaredNetwork declared)
    {
        Assert.Equal(Fixtures.Architecture(fixture.InputSize, fixture.Layers), declared.Architecture);
        Assert.Equal((float)fixture.Hyper.Lr, declared.Create().LearningRate);

        // OptimizerName is "Kind(name=value, ...)" with torch's names; compare it with the case's hyper-parameters.
        string text = declared.OptimizerName;
        int open = text.IndexOf('(');
        Assert.True(open > 0 && text.EndsWith(')'), $"unexpected OptimizerName '{text}'");
        string kind = text[..open];
        Dictionary<string, string> settings = text[(open + 1)..^1]
            .Split(", ")
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1]);

        Assert.Contains(kind, ExpectedKinds(fixture));
        Assert.Equal(fixture.Hyper.WithoutLearningRate().OrderBy(p => p.Key), settings.OrderBy(p => p.Key));
    }

    /// <summary>The Optimizer values that implement the case's torch optimizer with its settings.</summary>
    private static string[] ExpectedKinds(OptimizerCase fixture) => fixture.Optimizer switch
    {
        "SGD" when fixture.Hyper.Nesterov == true => [nameof(Optimizer.Nesterov)],
        "SGD" when fixture.Hyper.Momentum > 0 => [nameof(Optimizer.Sgd), nameof(Optimizer.Momentum)],
        "SGD" => [nameof(Optimizer.Sgd)],
        "Adagrad" => [nameof(Optimizer.Adagrad)],
        "Adadelta" => [nameof(Optimizer.Adadelta)],
        "RMSprop" => [nameof(Optimizer.RMSprop)],
        "Adam" => [nameof(Optimizer.Adam)],
        "AdamW" => [nameof(Optimizer.AdamW)],
        _ => [],
    };

    private static DeclaredNetwork Declared(IReadOnlyDictionary<string, DeclaredNetwork> networks, string name)
    {
        Assert.True(
            networks.TryGetValue(name, out DeclaredNetwork? declared),
            $"No network is declared for optimizers.json case '{name}'. Declare one in PyTorch/Networks/OptimizerFixtureNetworks.cs and add it to PyTorchNetworks.");
        return declared!;
    }
}
