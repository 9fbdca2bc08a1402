using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generators.Models;
using Xunit;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>Parses declarations into <see cref="NetworkModel"/>s, directly or as the generator's pipeline sees them.</summary>
internal static class ModelParsing
{
    /// <summary>Runs <see cref="NetworkParser"/> on the type <paramref name="metadataName"/> of a fresh compilation of <paramref name="source"/>.</summary>
    public static NetworkModel? Parse(string source, string metadataName, List<Diagnostic>? diagnostics = null)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(metadataName)
            ?? throw new Xunit.Sdk.XunitException($"No type {metadataName} in the source.");
        return NetworkParser.Parse(type, diagnostics, CancellationToken.None);
    }

    /// <summary>Parses a declaration that must be valid.</summary>
    public static NetworkModel ParseValid(string source, string metadataName)
    {
        var diagnostics = new List<Diagnostic>();
        NetworkModel? model = Parse(source, metadataName, diagnostics);
        Assert.Empty(diagnostics);
        Assert.NotNull(model);
        return model;
    }

    /// <summary>
    /// The models the generator's <see cref="TrackingNames.Parse"/> step produced, in the order of the declarations.
    /// The driver records no steps at all for a run that generates nothing, so this is for valid declarations.
    /// </summary>
    public static List<NetworkModel?> ParseThroughDriver(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.True(
            run.Result.Results.Single().TrackedSteps.TryGetValue(TrackingNames.Parse, out var steps),
            "The driver recorded no Parse step.");
        return steps
            .SelectMany(static step => step.Outputs)
            .Select(static output => output.Value as NetworkModel)
            .ToList();
    }
}
