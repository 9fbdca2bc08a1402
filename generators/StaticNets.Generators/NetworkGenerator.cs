using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generators.Emit;

namespace StaticNets.Generators;

/// <summary>
/// Turns every <c>[Network]</c> partial class into generated forward, backward and optimizer code.
/// Invalid declarations produce no code; <see cref="Analyzers.NetworkDeclarationAnalyzer"/> explains why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeFullName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword },
                static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parse)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.Valid);

        context.RegisterSourceOutput(networks, static (context, model) => NetworkEmitter.Emit(context, model!));
    }
}
