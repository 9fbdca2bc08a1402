using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNets.Generators.Diagnostics;

namespace StaticNets.Generators.Analyzers;

/// <summary>
/// Reports every problem in a <c>[Network]</c> declaration, on the offending attribute or identifier, with a message
/// that says how to fix it. Shares <see cref="NetworkParser"/> with the generator, so the two always agree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NetworkMustBePartial,
        DiagnosticDescriptors.NetworkMustNotBeGeneric,
        DiagnosticDescriptors.ContainingTypeMustBePartial,
        DiagnosticDescriptors.InvalidLearningRate,
        DiagnosticDescriptors.UndefinedEnumValue,
        DiagnosticDescriptors.InvalidMaxBatchSize,
        DiagnosticDescriptors.NetworkMustNotBeStatic,
        DiagnosticDescriptors.NetworkMustNotBeFileLocal,
        DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor,
        DiagnosticDescriptors.NetworkNameClashesWithMember,
        DiagnosticDescriptors.NameHidesGeneratedImport,
        DiagnosticDescriptors.InvalidSetting,
        DiagnosticDescriptors.SettingNotUsed,
        DiagnosticDescriptors.DropoutIsLast,
        DiagnosticDescriptors.MissingInput,
        DiagnosticDescriptors.NoLayers,
        DiagnosticDescriptors.SizeBelowOne,
        DiagnosticDescriptors.InputMisplaced,
        DiagnosticDescriptors.SoftmaxOnHiddenLayer,
        DiagnosticDescriptors.LossDoesNotFitOutput,
        DiagnosticDescriptors.TooManyParameters,
        DiagnosticDescriptors.NeedsImageInput,
        DiagnosticDescriptors.NeedsVectorInput,
        DiagnosticDescriptors.ShapeDoesNotFit,
        DiagnosticDescriptors.OutputMustBeDense);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(NetworkParser.NetworkAttributeFullName) is null)
            {
                return; // the project does not reference StaticNets
            }

            start.RegisterSymbolAction(static symbolContext =>
            {
                var diagnostics = new List<Diagnostic>();
                NetworkParser.Parse((INamedTypeSymbol)symbolContext.Symbol, diagnostics, symbolContext.CancellationToken);
                foreach (Diagnostic diagnostic in diagnostics)
                {
                    symbolContext.ReportDiagnostic(diagnostic);
                }
            }, SymbolKind.NamedType);
        });
    }
}
