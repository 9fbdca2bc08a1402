using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generators;

/// <summary>The names of the members the generator adds to a network class; the class itself cannot use them.</summary>
internal static class GeneratedMemberNames
{
    private static readonly string[] Fixed =
    [
        "InputSize", "OutputSize", "ParameterCount", "MultiplyAddsPerSample", "Architecture", "DefaultLearningRate", "DefaultMaxBatchSize",
        "PredictScratch", "MaxBatchSize", "LearningRate", "Parameters", "Gradients", "Predict", "Forward", "ForwardBatch",
        "Backward", "ZeroGradients", "Step", "TrainBatch", "Save", "Load", "LastDataLoss", "LastRegularizationLoss",
        "StepCount", "OptimizerName", "OptimizerStateSize", "Evaluate", "LastOutputs", "DataLoss",
        "_parameters", "_gradients", "_x", "_batchSize", "_learningRate", "_random", "_optimizerState", "_step",
        "_lastDataLoss", "_lastPenalty", "t_predictBuffer",
        "DegreeOfParallelism", "PredictBatch", "PredictPart", "PredictRows",
        "_workers", "_predictPart", "_predictInputs", "_predictOutputs", "_predictRows", "_overwriteGradients",
        "ForwardParallel", "BackwardParallel", "TrainPart", "_job", "_jobBatch", "TrainingJob", "_trainPart", "StepRange", "LastStepFinite", "_nonFiniteStep", "StepPart", "ChunkStart", "FirstChunk", "InputChunks", "RowTile",
    ];

    private static readonly Regex LayerMember = new(
        @"^(L[0-9]+(In|Out|W|B|Rate|Scale|Slope|Alpha|L1|L2|InHeight|InWidth|InChannels|OutHeight|OutWidth|OutChannels|KernelHeight|KernelWidth|Stride|StrideHeight|StrideWidth|PadTop|PadLeft|PaddedHeight|PaddedWidth|PaddedSize|WeightCount)|Layer[0-9]+(Forward|Backward|ForwardBatch|ForwardPartial|ForwardCombine|Pad|Derivative|WeightGradient|Transpose|InputGradient|BackwardRows)|_(z|a|dz|mask|partial|padded|paddedGradient|transposed)[0-9]+)$",
        RegexOptions.CultureInvariant);

    /// <summary>The types the generated files name without a namespace (see <c>NetworkEmitter.UsingDirectives</c>), outside the runtime operators.</summary>
    private static readonly (string Name, string FullName)[] Imported =
    [
        ("Vector128", "System.Runtime.Intrinsics.Vector128"),
        ("Vector256", "System.Runtime.Intrinsics.Vector256"),
        ("Vector512", "System.Runtime.Intrinsics.Vector512"),
        ("MathF", "System.MathF"),
        ("MemoryMarshal", "System.Runtime.InteropServices.MemoryMarshal"),
        ("Unsafe", "System.Runtime.CompilerServices.Unsafe"),
    ];

    /// <summary>
    /// Every type the generated files of <paramref name="network"/> name without a namespace: the imported ones and the
    /// public types of <c>StaticNets.Operators</c> (found from the <c>[Network]</c> attribute's assembly), as
    /// (name, full name).
    /// </summary>
    public static IEnumerable<(string Name, string FullName)> UnqualifiedTypes(INamedTypeSymbol network)
    {
        foreach ((string Name, string FullName) imported in Imported)
        {
            yield return imported;
        }

        foreach (AttributeData attribute in network.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "NetworkAttribute", ContainingNamespace: { Name: "StaticNets" } root } && root.ContainingNamespace.IsGlobalNamespace)
            {
                foreach (INamespaceSymbol child in root.GetNamespaceMembers())
                {
                    if (child.Name != "Operators")
                    {
                        continue;
                    }

                    foreach (INamedTypeSymbol op in child.GetTypeMembers())
                    {
                        if (op.DeclaredAccessibility == Accessibility.Public)
                        {
                            yield return (op.Name, "StaticNets.Operators." + op.Name);
                        }
                    }
                }

                yield break;
            }
        }
    }

    /// <summary>
    /// Whether something named <paramref name="name"/> in the scope of the network's generated code would be found before
    /// the type <paramref name="fullName"/> it means: a member of the network class, of a base class or of a containing
    /// class, or a type or namespace of that name in a namespace that contains the network (other than the type itself).
    /// </summary>
    public static bool Hides(INamedTypeSymbol network, string name, string fullName)
    {
        for (INamedTypeSymbol? scope = network; scope is not null; scope = scope.ContainingType)
        {
            for (INamedTypeSymbol? type = scope; type is not null; type = type.BaseType)
            {
                if (type.GetMembers(name).Length > 0)
                {
                    return true;
                }
            }
        }

        for (INamespaceSymbol? scope = network.ContainingNamespace; scope is not null; scope = scope.ContainingNamespace)
        {
            foreach (INamespaceOrTypeSymbol member in scope.GetMembers(name))
            {
                if (member.ToDisplayString() != fullName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a type called <paramref name="name"/> would clash with a generated member.</summary>
    public static bool Clashes(string name) => System.Array.IndexOf(Fixed, name) >= 0 || LayerMember.IsMatch(name);
}
