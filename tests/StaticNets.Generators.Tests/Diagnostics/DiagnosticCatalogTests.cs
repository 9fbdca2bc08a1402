using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Analyzers;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>The catalog as a whole: every descriptor is supported, well formed, and reported by a minimal bad declaration.</summary>
public sealed class DiagnosticCatalogTests
{
    /// <summary>The names of every descriptor field, found by reflection so that a new descriptor joins every test below.</summary>
    public static TheoryData<string> DescriptorNames => new(Descriptors().Select(static d => d.Name));

    [Fact]
    public void CatalogHasDescriptors() => Assert.NotEmpty(Descriptors());

    [Fact]
    public void EveryDescriptorIsInTheAnalyzersSupportedDiagnostics()
    {
        var supported = new NetworkDeclarationAnalyzer().SupportedDiagnostics;

        foreach ((string name, DiagnosticDescriptor descriptor) in Descriptors())
        {
            Assert.True(supported.Contains(descriptor), $"{name} is not in NetworkDeclarationAnalyzer.SupportedDiagnostics.");
        }

        Assert.Equal(Descriptors().Count, supported.Length);
    }

    [Fact]
    public void DescriptorIdsAreUniqueAndInTheirCategoryRange()
    {
        List<DiagnosticDescriptor> descriptors = Descriptors().Select(static d => d.Descriptor).ToList();

        Assert.Equal(descriptors.Count, descriptors.Select(static d => d.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Matches("^SN[0-9]{4}$", descriptor.Id);
            int number = int.Parse(descriptor.Id.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
            // 0001-0099 declarations, 0100-0199 shapes and wiring (STYLE.md, section 4).
            string expectedCategory = number < 100 ? "StaticNets.Declaration" : number < 200 ? "StaticNets.Shape" : "StaticNets.Performance";
            Assert.Equal(expectedCategory, descriptor.Category);
        }
    }

    /// <summary>
    /// The descriptors that are warnings: a setting the chosen optimizer, loss or activation ignores is worth a word,
    /// but the network is still generated. Every other descriptor is an error that stops generation.
    /// </summary>
    private static readonly string[] WarningIds = ["SN0012"];

    [Theory]
    [MemberData(nameof(DescriptorNames))]
    public void DescriptorIsEnabledWithItsSeverityAndAHelpLinkToItsReadmeSection(string name)
    {
        DiagnosticDescriptor descriptor = Descriptor(name);

        DiagnosticSeverity expected = WarningIds.Contains(descriptor.Id) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        Assert.Equal(expected, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorNames))]
    public void DescriptorIsReportedAloneOnItsMinimalBadDeclaration(string name)
    {
        DiagnosticDescriptor descriptor = Descriptor(name);
        Assert.True(
            MinimalBadDeclarations.ByDescriptor.TryGetValue(descriptor, out string? source),
            $"MinimalBadDeclarations has no declaration for {name}.");

        // ReportsExactly also checks that the reported severity is the descriptor's, and that a warning still
        // generates the network while an error generates nothing.
        GeneratorRun run = DiagnosticAssert.ReportsExactly(source!, (descriptor, 0));
        Assert.Equal(descriptor.DefaultSeverity, Assert.Single(run.AnalyzerDiagnostics).Severity);
        Assert.Equal(descriptor.DefaultSeverity == DiagnosticSeverity.Warning, !run.GeneratedSources.IsEmpty);
    }

    [Fact]
    public void WarningsAreOnlyTheDescriptorsMeantToBeWarnings()
    {
        Assert.Equal(
            WarningIds,
            Descriptors().Where(static d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Warning).Select(static d => d.Descriptor.Id).OrderBy(static id => id, StringComparer.Ordinal));
        Assert.All(
            Descriptors().Where(static d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Warning),
            static d => Assert.Equal(DiagnosticSeverity.Error, d.Descriptor.DefaultSeverity));
    }

    [Fact]
    public void ReleaseTrackingFileListsEveryDescriptorWithItsCategoryAndSeverity()
    {
        string path = Path.Combine(RepositoryRoot(), "generators", "StaticNets.Generators", "AnalyzerReleases.Unshipped.md");
        var rows = File.ReadAllLines(path)
            .Where(static line => line.StartsWith("SN", StringComparison.Ordinal))
            .Select(static line => line.Split('|').Select(static cell => cell.Trim()).ToArray())
            .Select(static cells => $"{cells[0]} {cells[1]} {cells[2]}")
            .OrderBy(static row => row, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            Descriptors().Select(static d => $"{d.Descriptor.Id} {d.Descriptor.Category} {d.Descriptor.DefaultSeverity}").OrderBy(static row => row, StringComparer.Ordinal),
            rows);
    }

    private static string RepositoryRoot([CallerFilePath] string testFile = "")
    {
        for (string? directory = Path.GetDirectoryName(testFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(Path.Combine(directory, "generators", "StaticNets.Generators")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No repository root above {testFile}: run the tests from a checkout.");
    }

    private static List<(string Name, DiagnosticDescriptor Descriptor)> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(static f => (f.Name, (DiagnosticDescriptor)f.GetValue(null)!))
            .ToList();

    private static DiagnosticDescriptor Descriptor(string name) => Descriptors().Single(d => d.Name == name).Descriptor;
}
