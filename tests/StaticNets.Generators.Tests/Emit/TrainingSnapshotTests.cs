using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Emit;

/// <summary>
/// The training toolkit through the real driver, against snapshots: each optimizer and variant (the main file, with the
/// optimizer's constants and state, and the Step file), each loss the toolkit added (the Backward file), and a network
/// with dropout and penalties (every file). Each generated compilation must be free of errors, and of warnings in
/// generated files.
/// </summary>
public sealed class TrainingSnapshotTests
{
    public static TheoryData<string> Optimizers => new(TrainingSamples.OptimizerArguments.Keys);

    public static TheoryData<string> Losses => new(TrainingSamples.Losses.Keys);

    public static TheoryData<string> Samples => new(TrainingSamples.ByName.Keys);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public Task EveryOptimizerMatchesSnapshot(string name) =>
        VerifyNetwork(TrainingSamples.OptimizerNetwork(name), $"Samples.{name}Net", [".g.cs", ".Step.g.cs"], "EveryOptimizerMatchesSnapshot_" + name);

    [Theory]
    [MemberData(nameof(Losses))]
    public Task EveryNewLossMatchesSnapshot(string name) =>
        VerifyNetwork(TrainingSamples.LossNetwork(name), $"Samples.{name}Net", [".Backward.g.cs"], "EveryNewLossMatchesSnapshot_" + name);

    [Fact]
    public Task DropoutAndPenaltiesMatchSnapshot() =>
        VerifyNetwork(TrainingSamples.Regularized, "Samples.RegularizedNet", GeneratorHarness.FileSuffixes, nameof(DropoutAndPenaltiesMatchSnapshot));

    [Theory]
    [MemberData(nameof(Samples))]
    public void GeneratedCodeCompilesWithoutErrorsOrWarnings(string sample)
    {
        (string source, string fullName) = TrainingSamples.ByName[sample];

        GeneratorRun run = AssertGeneratedAndCompiled(source, fullName);

        INamedTypeSymbol network = run.Output.GetTypeByMetadataName(fullName)!;
        Assert.Contains(network.AllInterfaces, static i => i.ToDisplayString() == "StaticNets.INetwork");
    }

    private static GeneratorRun AssertGeneratedAndCompiled(string source, string fullName)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorExceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Equal(GeneratorHarness.FileSuffixes.Select(s => fullName + s), run.GeneratedSources.Select(static s => s.HintName));
        Diagnostic[] problems = run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)
            .Concat(run.GeneratedCodeDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning))
            .Distinct()
            .ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Take(10).Select(static d => d.ToString())));
        return run;
    }

    private static async Task VerifyNetwork(string source, string fullName, IReadOnlyCollection<string> suffixes, string test)
    {
        GeneratorRun run = AssertGeneratedAndCompiled(source, fullName);
        List<GeneratedSourceResult> files = run.GeneratedSources.Where(s => suffixes.Any(suffix => s.HintName == fullName + suffix)).ToList();
        Assert.Equal(suffixes.Count, files.Count);

        // As in GeneratedSourceSnapshotTests: the hint name after the type, without ".cs", is the snapshot suffix.
        await Snapshot.Verify(
            files.Select(file => ((string?)file.HintName[(fullName.Length + 1)..^".cs".Length], file.SourceText.ToString())),
            testMethod: test);
    }
}
