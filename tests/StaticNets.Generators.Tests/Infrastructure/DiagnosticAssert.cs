using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>Runs a declaration with marked spans and checks every diagnostic raised, by descriptor and location.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts that the analyzer reports exactly <paramref name="expected"/> on <paramref name="markedSource"/>
    /// (each at the span of the marker with the given number, with its descriptor's severity), that the user code
    /// itself compiles, and that the generator did not throw. When an expected diagnostic is an error, nothing is
    /// generated; when all are warnings (SN0012), the four files are generated and compile without errors or warnings.
    /// </summary>
    public static GeneratorRun ReportsExactly(string markedSource, params (DiagnosticDescriptor Descriptor, int Marker)[] expected)
    {
        MarkedSource source = MarkedSource.Parse(markedSource);
        GeneratorRun run = GeneratorHarness.Run(source.Text);

        Assert.Empty(run.InputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.GeneratorExceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        if (expected.Any(static e => e.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            Assert.Empty(run.GeneratedSources);
        }
        else
        {
            Assert.Equal(GeneratorHarness.FileSuffixes.Length, run.GeneratedSources.Length);
            Assert.Empty(run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
            Assert.Empty(run.GeneratedCodeDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        }

        var expectedSet = expected
            .Select(e => Describe(e.Descriptor, source.Spans[e.Marker], source.Text))
            .OrderBy(static s => s, StringComparer.Ordinal)
            .ToList();
        var actualSet = run.AnalyzerDiagnostics
            .Select(d => Describe(d.Descriptor, d.Location.SourceSpan, source.Text))
            .OrderBy(static s => s, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expectedSet, actualSet);

        foreach (Diagnostic diagnostic in run.AnalyzerDiagnostics)
        {
            Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);
            Assert.Same(run.Input.SyntaxTrees[0], diagnostic.Location.SourceTree);
            string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            Assert.DoesNotMatch(@"\{\d\}", message); // every placeholder was filled
        }

        return run;
    }

    /// <summary>Asserts that a valid declaration gives no diagnostic at all and generates its four files.</summary>
    public static GeneratorRun IsValid(string source, string fullName)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Empty(run.GeneratorExceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.InputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(GeneratorHarness.FileSuffixes.Select(s => fullName + s), run.GeneratedSources.Select(static s => s.HintName));
        return run;
    }

    /// <summary>A readable key for comparing diagnostics; descriptor IDs are unique (see the catalog tests).</summary>
    private static string Describe(DiagnosticDescriptor descriptor, TextSpan span, string text) =>
        $"{descriptor.Id} ({descriptor.Title}) at {span} '{(span.End <= text.Length ? text.Substring(span.Start, span.Length) : "?")}'";
}
