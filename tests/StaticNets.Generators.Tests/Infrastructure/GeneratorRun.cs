using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>Everything one run of the generator and the analyzer produced for a compilation.</summary>
/// <param name="Input">The user's code, as compiled before generation.</param>
/// <param name="Driver">The driver after the run; run it again on an edited compilation to test caching.</param>
/// <param name="Result">The driver's result: generated sources, generator diagnostics and exceptions, tracked steps.</param>
/// <param name="Output">The user's code plus the generated code.</param>
/// <param name="AnalyzerDiagnostics">What <see cref="Analyzers.NetworkDeclarationAnalyzer"/> reported on <paramref name="Input"/>, including AD0001 if it threw.</param>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation Output,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    private ImmutableArray<Diagnostic>? _inputDiagnostics;
    private ImmutableArray<Diagnostic>? _outputDiagnostics;

    /// <summary>The generated files, in the order the generator added them.</summary>
    public ImmutableArray<GeneratedSourceResult> GeneratedSources =>
        Result.Results.SelectMany(static r => r.GeneratedSources).ToImmutableArray();

    /// <summary>Diagnostics the generator reported through the driver (CS8785 when it threw).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Exceptions the generator threw; the driver catches them and reports CS8785.</summary>
    public ImmutableArray<Exception> GeneratorExceptions =>
        Result.Results.Select(static r => r.Exception).Where(static e => e is not null).Select(static e => e!).ToImmutableArray();

    /// <summary>Diagnostics of the input compilation: what the compiler says about the user's code alone.</summary>
    public ImmutableArray<Diagnostic> InputDiagnostics => _inputDiagnostics ??= Input.GetDiagnostics();

    /// <summary>Diagnostics of the output compilation: the user's code and the generated code together.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => _outputDiagnostics ??= Output.GetDiagnostics();

    /// <summary>The syntax trees the generator added to <see cref="Output"/>.</summary>
    public ImmutableArray<SyntaxTree> GeneratedTrees => Output.SyntaxTrees.Except(Input.SyntaxTrees).ToImmutableArray();

    /// <summary>Output diagnostics located in generated files.</summary>
    public ImmutableArray<Diagnostic> GeneratedCodeDiagnostics =>
        OutputDiagnostics.Where(d => d.Location.SourceTree is { } tree && GeneratedTrees.Contains(tree)).ToImmutableArray();

    /// <summary>The text of the generated file with <paramref name="hintName"/>; fails if there is none.</summary>
    public string Source(string hintName)
    {
        foreach (GeneratedSourceResult source in GeneratedSources)
        {
            if (source.HintName == hintName)
            {
                return source.SourceText.ToString();
            }
        }

        throw new Xunit.Sdk.XunitException(
            $"No generated file named '{hintName}'. Generated: {string.Join(", ", GeneratedSources.Select(static s => s.HintName))}.");
    }

    /// <summary>Whether any generated file belongs to the type with fully qualified name <paramref name="fullName"/> (no <c>global::</c>).</summary>
    public bool GeneratedAnythingFor(string fullName) =>
        GeneratedSources.Any(s => GeneratorHarness.FileSuffixes.Any(suffix => s.HintName == fullName + suffix));
}
