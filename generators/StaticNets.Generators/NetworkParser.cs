using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;

namespace StaticNets.Generators;

/// <summary>
/// Reads a <c>[Network]</c> class into a <see cref="NetworkModel"/>. The generator and the analyzer share this code: the
/// generator only needs the model (or <see langword="null"/> when the declaration is invalid), the analyzer also
/// collects the diagnostics that explain why.
/// </summary>
internal static class NetworkParser
{
    public const string NetworkAttributeFullName = "StaticNets.NetworkAttribute";

    /// <summary>The largest parameter count a generated network supports: 2^28 floats, 1 GiB.</summary>
    public const long MaxParameters = 1L << 28;

    private const string AttributeNamespace = "StaticNets";
    private const string NetworkAttributeName = "NetworkAttribute";
    private const string InputAttributeName = "InputAttribute";
    private const string DenseAttributeName = "DenseAttribute";
    private const string DropoutAttributeName = "DropoutAttribute";
    private const int DefaultMaxBatchSize = 256;
    private const float DefaultLearningRate = 0.01f;

    /// <summary>Generator entry point: the model, or <see langword="null"/> if the declaration is invalid.</summary>
    public static NetworkModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type ? Parse(type, diagnostics: null, cancellationToken) : null;

    /// <summary>
    /// Reads <paramref name="type"/>. Every problem found is added to <paramref name="diagnostics"/> when it is not
    /// <see langword="null"/>; any problem makes the result <see langword="null"/>.
    /// </summary>
    public static NetworkModel? Parse(INamedTypeSymbol type, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        var problems = new ProblemSink(diagnostics);
        Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;

        AttributeData? networkAttribute = null;
        int networkAttributeCount = 0;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsStaticNetsAttribute(attribute, NetworkAttributeName))
            {
                networkAttribute ??= attribute;
                networkAttributeCount++;
            }
        }

        // Not a network, or a duplicate [Network] the compiler already reports.
        if (networkAttribute is null || networkAttributeCount > 1 || networkAttribute.AttributeConstructor is null)
        {
            return null;
        }

        Location networkLocation = LocationOf(networkAttribute, typeLocation, cancellationToken);

        CheckTypeShape(type, typeLocation, problems, cancellationToken);

        // [Network(loss, optimizer, LearningRate = ..., MaxBatchSize = ...)]
        ImmutableArgs args = new(networkAttribute);
        int loss = args.Int(0, 0);
        int optimizer = args.Int(1, 0);
        if (!Enum.IsDefined(typeof(LossKind), loss))
        {
            problems.Add(DiagnosticDescriptors.UndefinedEnumValue, networkLocation, loss, "Loss", Names<LossKind>());
        }

        if (!Enum.IsDefined(typeof(OptimizerKind), optimizer))
        {
            problems.Add(DiagnosticDescriptors.UndefinedEnumValue, networkLocation, optimizer, "Optimizer", Names<OptimizerKind>());
        }

        float learningRate = args.NamedFloat("LearningRate", float.NaN);
        if (!args.Has("LearningRate"))
        {
            learningRate = Enum.IsDefined(typeof(OptimizerKind), optimizer) ? OptimizerDefaults.LearningRate((OptimizerKind)optimizer) : DefaultLearningRate;
        }
        else if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            problems.Add(DiagnosticDescriptors.InvalidLearningRate, networkLocation, learningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        int maxBatchSize = args.NamedInt("MaxBatchSize", DefaultMaxBatchSize);
        if (maxBatchSize < 1)
        {
            problems.Add(DiagnosticDescriptors.InvalidMaxBatchSize, networkLocation, maxBatchSize);
        }

        OptimizerSettings settings = OptimizerSettings.Sgd;
        if (Enum.IsDefined(typeof(OptimizerKind), optimizer))
        {
            settings = OptimizerDefaults.Resolve((OptimizerKind)optimizer, args, networkLocation, problems);
        }

        float huberDelta = args.NamedFloat("HuberDelta", float.NaN);
        if (!args.Has("HuberDelta"))
        {
            huberDelta = 1f;
        }
        else if (loss != (int)LossKind.Huber)
        {
            problems.Add(DiagnosticDescriptors.SettingNotUsed, networkLocation, "HuberDelta", "loss " + (LossKind)loss);
            huberDelta = 1f; // ignored, so it must not change the model either
        }
        else if (!(huberDelta > 0f) || float.IsInfinity(huberDelta))
        {
            problems.Add(DiagnosticDescriptors.InvalidSetting, networkLocation, "HuberDelta", Format(huberDelta), "a positive, finite value such as 1");
        }

        float networkL1 = NonNegative(args, "L1", networkLocation, problems);
        float networkL2 = NonNegative(args, "L2", networkLocation, problems);
        networkL1 = float.IsNaN(networkL1) ? 0f : networkL1;
        networkL2 = float.IsNaN(networkL2) ? 0f : networkL2;

        // [Input(n)] then [Dense(units, activation)] and [Dropout(rate)] layers, in source order.
        int? inputSize = null;
        var layers = new List<(LayerKind Kind, int Units, int Activation, float Parameter, float L1, float L2, float Rate, Location Location)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool isInput = IsStaticNetsAttribute(attribute, InputAttributeName);
            bool isDense = IsStaticNetsAttribute(attribute, DenseAttributeName);
            bool isDropout = IsStaticNetsAttribute(attribute, DropoutAttributeName);
            if (!isInput && !isDense && !isDropout)
            {
                continue;
            }

            if (attribute.AttributeConstructor is null)
            {
                return null; // the compiler reports the malformed attribute
            }

            Location location = LocationOf(attribute, networkLocation, cancellationToken);
            var layerArgs = new ImmutableArgs(attribute);
            if (isInput)
            {
                int size = layerArgs.Int(0, 0);
                if (inputSize is not null)
                {
                    problems.Add(DiagnosticDescriptors.InputMisplaced, location, "this is a second [Input]; remove it");
                }
                else if (layers.Count > 0)
                {
                    problems.Add(DiagnosticDescriptors.InputMisplaced, location, $"this one follows layer {layers.Count}; move it above the first layer");
                }

                if (size < 1)
                {
                    problems.Add(DiagnosticDescriptors.SizeBelowOne, location, "Input", size);
                }

                inputSize ??= size;
            }
            else if (isDropout)
            {
                float rate = layerArgs.Float(0, float.NaN);
                if (!(rate >= 0f && rate < 1f))
                {
                    problems.Add(DiagnosticDescriptors.InvalidSetting, location, $"Layer {layers.Count + 1} (Dropout) rate", Format(rate), "a probability in [0, 1), such as 0.2");
                }

                int width = layers.Count > 0 ? layers[layers.Count - 1].Units : inputSize ?? 0;
                layers.Add((LayerKind.Dropout, width, (int)ActivationKind.Linear, 0f, 0f, 0f, rate, location));
            }
            else
            {
                int units = layerArgs.Int(0, 0);
                int activation = layerArgs.Int(1, (int)ActivationKind.Linear);
                string name = $"Layer {layers.Count + 1} (Dense)";
                if (units < 1)
                {
                    problems.Add(DiagnosticDescriptors.SizeBelowOne, location, name, units);
                }

                if (!Enum.IsDefined(typeof(ActivationKind), activation))
                {
                    problems.Add(DiagnosticDescriptors.UndefinedEnumValue, location, activation, "Activation", Names<ActivationKind>());
                }

                float parameter = 0f;
                float slope = layerArgs.NamedFloat("NegativeSlope", float.NaN);
                float alpha = layerArgs.NamedFloat("Alpha", float.NaN);
                if (activation == (int)ActivationKind.LeakyReLU)
                {
                    parameter = layerArgs.Has("NegativeSlope") ? slope : 0.01f;
                    if (float.IsNaN(parameter) || float.IsInfinity(parameter))
                    {
                        problems.Add(DiagnosticDescriptors.InvalidSetting, location, name + " NegativeSlope", Format(parameter), "a finite value such as 0.01");
                    }
                }
                else if (layerArgs.Has("NegativeSlope"))
                {
                    problems.Add(DiagnosticDescriptors.SettingNotUsed, location, "NegativeSlope", "activation " + (ActivationKind)activation);
                }

                if (activation == (int)ActivationKind.ELU)
                {
                    parameter = layerArgs.Has("Alpha") ? alpha : 1f;
                    if (!(parameter > 0f) || float.IsInfinity(parameter))
                    {
                        problems.Add(DiagnosticDescriptors.InvalidSetting, location, name + " Alpha", Format(parameter), "a positive, finite value such as 1");
                    }
                }
                else if (layerArgs.Has("Alpha"))
                {
                    problems.Add(DiagnosticDescriptors.SettingNotUsed, location, "Alpha", "activation " + (ActivationKind)activation);
                }

                float l1 = NonNegative(layerArgs, "L1", location, problems);
                float l2 = NonNegative(layerArgs, "L2", location, problems);
                layers.Add((LayerKind.Dense, units, activation, parameter, layerArgs.Has("L1") ? l1 : networkL1, layerArgs.Has("L2") ? l2 : networkL2, 0f, location));
            }
        }

        if (inputSize is null)
        {
            problems.Add(DiagnosticDescriptors.MissingInput, networkLocation, type.Name);
        }

        if (layers.Count == 0)
        {
            problems.Add(DiagnosticDescriptors.NoLayers, networkLocation, type.Name);
        }

        for (int l = 0; l < layers.Count - 1; l++)
        {
            if (layers[l].Kind == LayerKind.Dense && layers[l].Activation == (int)ActivationKind.Softmax)
            {
                problems.Add(DiagnosticDescriptors.SoftmaxOnHiddenLayer, layers[l].Location, l + 1);
            }
        }

        if (layers.Count > 0 && layers[layers.Count - 1].Kind == LayerKind.Dropout)
        {
            problems.Add(DiagnosticDescriptors.DropoutIsLast, layers[layers.Count - 1].Location, layers.Count);
        }
        else if (layers.Count > 0)
        {
            CheckLossFitsOutput((LossKind)loss, (ActivationKind)layers[layers.Count - 1].Activation, networkLocation, problems);
        }

        // Offsets and the parameter count, in 64 bits so that absurd sizes are reported instead of overflowing.
        long offset = 0;
        var models = new LayerModel[layers.Count];
        int fanIn = inputSize ?? 0;
        for (int l = 0; l < layers.Count && offset <= MaxParameters; l++)
        {
            var layer = layers[l];
            if (layer.Kind == LayerKind.Dropout)
            {
                models[l] = new LayerModel(l + 1, LayerKind.Dropout, fanIn, fanIn, ActivationKind.Linear, (int)offset, (int)offset) { DropoutRate = layer.Rate };
                continue;
            }

            // Each term is below 2^62 and offset stays below 2^28 + 2^62, so nothing here can overflow a long.
            long weights = (long)Math.Max(fanIn, 0) * Math.Max(layer.Units, 0);
            long biasOffset = offset + weights;
            if (biasOffset + layer.Units <= MaxParameters)
            {
                models[l] = new LayerModel(l + 1, LayerKind.Dense, fanIn, layer.Units, (ActivationKind)layer.Activation, (int)offset, (int)biasOffset)
                {
                    ActivationParameter = layer.Parameter,
                    L1 = layer.L1,
                    L2 = layer.L2,
                };
            }

            offset = biasOffset + Math.Max(layer.Units, 0);
            fanIn = layer.Units;
        }

        if (offset > MaxParameters)
        {
            string count = offset.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            problems.Add(DiagnosticDescriptors.TooManyParameters, networkLocation, type.Name, "at least " + count, MaxParameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new NetworkModel(
            Namespace: NamespaceOf(type),
            TypeName: type.Name,
            TypeKeyword: type.IsRecord ? "record" : "class",
            ContainingTypes: ContainingTypes(type, cancellationToken),
            InputSize: inputSize!.Value,
            Layers: new EquatableArray<LayerModel>(models),
            Loss: (LossKind)loss,
            Optimizer: (OptimizerKind)optimizer,
            LearningRate: learningRate,
            MaxBatchSize: maxBatchSize)
        {
            Settings = settings,
            HuberDelta = huberDelta,
        };
    }

    private static void CheckTypeShape(INamedTypeSymbol type, Location typeLocation, ProblemSink problems, CancellationToken cancellationToken)
    {
        if (type.IsStatic)
        {
            problems.Add(DiagnosticDescriptors.NetworkMustNotBeStatic, typeLocation, type.Name);
        }

        if (type.IsFileLocal)
        {
            problems.Add(DiagnosticDescriptors.NetworkMustNotBeFileLocal, typeLocation, type.Name);
        }

        if (GeneratedMemberNames.Clashes(type.Name))
        {
            problems.Add(DiagnosticDescriptors.NetworkNameClashesWithMember, typeLocation, type.Name);
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                if (!IsPartial(declaration))
                {
                    problems.Add(DiagnosticDescriptors.NetworkMustBePartial, declaration.Identifier.GetLocation(), type.Name);
                }

                if (declaration.ParameterList is not null)
                {
                    problems.Add(DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor, declaration.ParameterList.GetLocation(), type.Name);
                }
            }
        }

        bool generic = type.IsGenericType;
        for (INamedTypeSymbol? containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            generic |= containing.IsGenericType;
            foreach (SyntaxReference reference in containing.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !IsPartial(declaration))
                {
                    problems.Add(DiagnosticDescriptors.ContainingTypeMustBePartial, declaration.Identifier.GetLocation(), containing.Name, type.Name);
                    break;
                }
            }
        }

        if (generic)
        {
            problems.Add(DiagnosticDescriptors.NetworkMustNotBeGeneric, typeLocation, type.Name);
        }
    }

    private static void CheckLossFitsOutput(LossKind loss, ActivationKind output, Location location, ProblemSink problems)
    {
        if (!Enum.IsDefined(typeof(LossKind), loss) || !Enum.IsDefined(typeof(ActivationKind), output))
        {
            return; // already reported as undefined values
        }

        string? advice = loss switch
        {
            LossKind.SoftmaxCrossEntropy when output != ActivationKind.Softmax =>
                "SoftmaxCrossEntropy is fused with a softmax and needs Activation.Softmax on the output layer; change the output layer's activation to Activation.Softmax, or choose another loss",
            LossKind.BinaryCrossEntropy when output != ActivationKind.Sigmoid =>
                "BinaryCrossEntropy is fused with a sigmoid and needs Activation.Sigmoid on the output layer; change the output layer's activation to Activation.Sigmoid, or choose another loss",
            LossKind.Hinge or LossKind.Logistic when output != ActivationKind.Linear =>
                $"{loss} works on raw scores and needs Activation.Linear on the output layer; change the output layer's activation to Activation.Linear",
            not LossKind.SoftmaxCrossEntropy when output == ActivationKind.Softmax =>
                "a Softmax output is only trained with Loss.SoftmaxCrossEntropy, which is computed from the logits; use Loss.SoftmaxCrossEntropy, or another output activation",
            _ => null,
        };

        if (advice is not null)
        {
            problems.Add(DiagnosticDescriptors.LossDoesNotFitOutput, location, loss, output, advice);
        }
    }

    /// <summary>Reads an optional factor that must be zero or more; NaN when unset.</summary>
    private static float NonNegative(ImmutableArgs args, string name, Location location, ProblemSink problems)
    {
        float value = args.NamedFloat(name, float.NaN);
        if (args.Has(name) && !(value >= 0f && !float.IsInfinity(value)))
        {
            problems.Add(DiagnosticDescriptors.InvalidSetting, location, name, Format(value), "zero or a positive, finite value such as 1e-4");
        }

        return value;
    }

    internal static string Format(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            string keyword = containing.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
            {
                RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                TypeDeclarationSyntax declaration => declaration.Keyword.ValueText,
                _ => "class",
            };
            result.Insert(0, new ContainingTypeModel(keyword, containing.Name));
        }

        return new EquatableArray<ContainingTypeModel>(result.ToArray());
    }

    /// <summary>The namespace as plain dotted names (no <c>@</c> escapes; the emitter adds them where needed).</summary>
    private static string NamespaceOf(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Insert(0, ns.Name);
        }

        return string.Join(".", parts);
    }

    private static bool IsPartial(TypeDeclarationSyntax declaration) =>
        declaration.Modifiers.Any(static m => m.IsKind(SyntaxKind.PartialKeyword));

    private static bool IsStaticNetsAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type &&
        type.Name == name &&
        type.ContainingNamespace is { } ns &&
        ns.Name == AttributeNamespace &&
        ns.ContainingNamespace is { IsGlobalNamespace: true };

    private static Location LocationOf(AttributeData attribute, Location fallback, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? fallback;

    private static string Names<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames(typeof(TEnum)));

    /// <summary>Collects diagnostics when asked to, and counts errors either way (warnings do not stop generation).</summary>
    internal sealed class ProblemSink(List<Diagnostic>? diagnostics)
    {
        public int Count { get; private set; }

        public void Add(DiagnosticDescriptor descriptor, Location location, params object?[] args)
        {
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                Count++;
            }

            diagnostics?.Add(Diagnostic.Create(descriptor, location, args));
        }
    }

    /// <summary>Reads constructor and named arguments of an attribute without throwing on malformed values.</summary>
    internal readonly struct ImmutableArgs(AttributeData attribute)
    {
        public float Float(int position, float fallback) =>
            position < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[position].Kind != TypedConstantKind.Error
                ? attribute.ConstructorArguments[position].Value switch
                {
                    float value => value,
                    double value => (float)value,
                    int value => value,
                    _ => fallback,
                }
                : fallback;

        /// <summary>Whether the named argument is present at all (a declared NaN is not "unset").</summary>
        public bool Has(string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return true;
                }
            }

            return false;
        }

        public bool? NamedBool(string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is bool value)
                {
                    return value;
                }
            }

            return null;
        }

        public int Int(int position, int fallback) =>
            position < attribute.ConstructorArguments.Length ? AsInt(attribute.ConstructorArguments[position], fallback) : fallback;

        public int NamedInt(string name, int fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return AsInt(argument.Value, fallback);
                }
            }

            return fallback;
        }

        public float NamedFloat(string name, float fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value.Value switch
                    {
                        float value => value,
                        double value => (float)value,
                        int value => value,
                        _ => fallback,
                    };
                }
            }

            return fallback;
        }

        private static int AsInt(TypedConstant constant, int fallback) =>
            constant.Kind == TypedConstantKind.Error ? fallback : constant.Value switch
            {
                int value => value,
                short value => value,
                byte value => value,
                long value => value is >= int.MinValue and <= int.MaxValue ? (int)value : fallback,
                _ => fallback,
            };
    }
}
