using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNets.Generators.Analyzers;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// Compiles test sources against the real runtime assemblies and <c>StaticNets.dll</c>, then runs
/// <see cref="NetworkGenerator"/> through <see cref="CSharpGeneratorDriver"/> and
/// <see cref="NetworkDeclarationAnalyzer"/> through <see cref="CompilationWithAnalyzers"/>, as the compiler would.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The hint-name suffixes of the four files generated per network, in the order they are added.</summary>
    public static readonly string[] FileSuffixes = [".g.cs", ".Forward.g.cs", ".Backward.g.cs", ".Step.g.cs"];

    /// <summary>C# latest; documentation comments are diagnosed so that broken <c>cref</c>s in generated code show up.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The framework assemblies of the running test host plus <c>StaticNets.dll</c>.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A compilation of <paramref name="sources"/>, one syntax tree each, named <c>Source0.cs</c>, <c>Source1.cs</c>...</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName: "Tests",
            syntaxTrees: sources.Select(static (text, k) => Parse(text, $"Source{k}.cs")),
            references: References,
            options: CompilationOptions);

    public static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>A driver for <see cref="NetworkGenerator"/>, recording every step's output reasons when <paramref name="trackSteps"/>.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            generators: [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Compiles <paramref name="sources"/> and runs the generator and the analyzer on them.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    /// <summary>Runs the generator (with step tracking) and the analyzer on <paramref name="input"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation input)
    {
        GeneratorDriver driver = CreateDriver(trackSteps: true)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return new GeneratorRun(input, driver, driver.GetRunResult(), output, Analyze(input));
    }

    /// <summary>Runs only the analyzer. Analyzer exceptions come back as AD0001 diagnostics instead of being thrown.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkDeclarationAnalyzer());
        var options = new CompilationWithAnalyzersOptions(
            options: new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        return compilation.WithAnalyzers(analyzers, options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("The runtime did not provide TRUSTED_PLATFORM_ASSEMBLIES.");
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            // Only the framework: the test's own dependencies (Roslyn, xunit, the generator) are not the user's references.
            if (name.StartsWith("System", StringComparison.Ordinal) || name is "mscorlib" or "netstandard" or "Microsoft.Win32.Primitives")
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(StaticNets.NetworkAttribute).Assembly.Location);
        return paths.Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
