using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Emit;

/// <summary>The four generated files of real declarations, through the real driver, against snapshots.</summary>
public sealed class GeneratedSourceSnapshotTests
{
    public static TheoryData<string> Networks => new(SampleNetworks.ByName.Keys);

    [Fact]
    public Task TinyNetworkMatchesSnapshot() => VerifyNetwork(SampleNetworks.Tiny, "Samples.TinyNet");

    [Fact]
    public Task ReferenceMlpMatchesSnapshot() => VerifyNetwork(SampleNetworks.Mlp, "Samples.Mlp");

    [Fact]
    public Task SizesThatAreNoMultipleOfAVectorWidthMatchSnapshot() => VerifyNetwork(SampleNetworks.OddSizes, "Samples.OddNet");

    [Fact]
    public Task ReferenceCnnMatchesSnapshot() => VerifyNetwork(SampleNetworks.ReferenceCnn, "Samples.Cnn");

    [Fact]
    public Task PaddedCnnMatchesSnapshot() => VerifyNetwork(SampleNetworks.PaddedCnn, "Samples.PaddedCnn");

    [Fact]
    public Task EveryActivationMatchesSnapshot() => VerifyNetwork(SampleNetworks.AllActivations, "Samples.AllActivationsNet");

    [Theory]
    [MemberData(nameof(Networks))]
    public void GeneratedCodeCompilesWithoutErrorsOrWarnings(string network)
    {
        (string source, string fullName) = SampleNetworks.ByName[network];
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorExceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Equal(GeneratorHarness.FileSuffixes.Select(s => fullName + s), run.GeneratedSources.Select(static s => s.HintName));
        Assert.Equal(4, run.GeneratedTrees.Length);
        Assert.Empty(run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.GeneratedCodeDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData(64)]  // two blocks of 8 x Vector128, unrolled
    [InlineData(96)]  // three full blocks of 8 x Vector128: a block loop without a tail
    [InlineData(128)]
    [InlineData(65)]  // Vector128: two full blocks loop (17 chunks), then a 1-float tail block
    [InlineData(100)] // Vector128: three full blocks loop, then a Vector128 tail block
    [InlineData(300)] // every width loops over full blocks, then has a tail block
    public void LayerWhoseBlocksLoopWithATailCompiles(int units)
    {
        // The forward kernel writes its register blocks without braces (scoped: false). A tail block after a block
        // loop must still get its own scope, or its accumulators (acc0...) and unrolled inputs (x0...) clash with the
        // ones declared inside the loop body (CS0136).
        GeneratorRun run = GeneratorHarness.Run(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense({{units}})]
            public partial class WideNet;
            """);

        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Equal(4, run.GeneratedSources.Length);
        Diagnostic[] errors = run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Take(5).Select(static d => d.ToString())));
    }

    private static async Task VerifyNetwork(string source, string fullName, [CallerMemberName] string test = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorExceptions);
        Assert.Empty(run.AnalyzerDiagnostics);
        List<GeneratedSourceResult> files = run.GeneratedSources.ToList();
        Assert.Equal(GeneratorHarness.FileSuffixes.Length, files.Count);

        // Verify.SourceGenerators names these {Class}.{Method}#{HintName}; here the hint name after the type, without ".cs", is the suffix.
        await Snapshot.Verify(
            files.Select(file => ((string?)file.HintName[(fullName.Length + 1)..^".cs".Length], file.SourceText.ToString())),
            testMethod: test);
    }
}
