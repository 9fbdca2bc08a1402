using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Emit.Layers;
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

        // [Input(...)] then the layers ([Dense], [Dropout], [Conv2D], pooling, [Flatten]), in source order.
        int? inputSize = null;
        int inputHeight = 0, inputWidth = 0, inputChannels = 0;
        var layers = new List<Declaration>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerKind? kind = LayerKindOf(attribute);
            bool isInput = IsStaticNetsAttribute(attribute, InputAttributeName);
            if (!isInput && kind is null)
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
                bool image = attribute.ConstructorArguments.Length == 3;
                int size = layerArgs.Int(0, 0);
                if (inputSize is not null)
                {
                    problems.Add(DiagnosticDescriptors.InputMisplaced, location, "this is a second [Input]; remove it");
                }
                else if (layers.Count > 0)
                {
                    problems.Add(DiagnosticDescriptors.InputMisplaced, location, $"this one follows layer {layers.Count}; move it above the first layer");
                }

                if (image)
                {
                    int height = layerArgs.Int(0, 0), width = layerArgs.Int(1, 0), channels = layerArgs.Int(2, 0);
                    CheckAtLeastOne(problems, location, "Input height", height);
                    CheckAtLeastOne(problems, location, "Input width", width);
                    CheckAtLeastOne(problems, location, "Input channels", channels);
                    long product = (long)height * width * channels;
                    size = height >= 1 && width >= 1 && channels >= 1 && product <= int.MaxValue ? (int)product : 0;
                    if (height >= 1 && width >= 1 && channels >= 1 && product > int.MaxValue)
                    {
                        problems.Add(DiagnosticDescriptors.InvalidSetting, location, "Input height x width x channels", product.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), "at most 2,147,483,647 values per sample");
                    }

                    if (inputSize is null && size > 0)
                    {
                        (inputHeight, inputWidth, inputChannels) = (height, width, channels);
                    }
                }
                else if (size < 1)
                {
                    problems.Add(DiagnosticDescriptors.SizeBelowOne, location, "Input", size);
                }

                inputSize ??= size;
                continue;
            }

            var declaration = new Declaration(kind!.Value, location) { Number = layers.Count + 1 };
            LayerUnits.For(declaration.Kind).Read(new LayerArguments(attribute, layerArgs, $"Layer {declaration.Number} ({kind})", location, problems, networkL1, networkL2), declaration);
            layers.Add(declaration);
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
            if (layers[l].Activation == (int)ActivationKind.Softmax) // only layers with an activation read one
            {
                problems.Add(DiagnosticDescriptors.SoftmaxOnHiddenLayer, layers[l].Location, l + 1);
            }
        }

        if (layers.Count > 0 && !LayerUnits.For(layers[layers.Count - 1].Kind).CanBeOutput)
        {
            LayerUnits.For(layers[layers.Count - 1].Kind).ReportAsOutput(layers[layers.Count - 1], problems);
        }
        else if (layers.Count > 0)
        {
            CheckLossFitsOutput((LossKind)loss, (ActivationKind)layers[layers.Count - 1].Activation, networkLocation, problems);
        }

        // Shapes, offsets and the parameter count, in 64 bits so that absurd sizes are reported instead of overflowing.
        var models = new LayerModel[layers.Count];
        var walk = new ShapeWalk
        {
            FanIn = inputSize ?? 0,
            Shape = new Shape(inputHeight, inputWidth, inputChannels),
            Known = inputSize is > 0,
        };
        for (int l = 0; l < layers.Count && walk.Offset <= MaxParameters; l++)
        {
            Declaration layer = layers[l];
            LayerUnit unit = LayerUnits.For(layer.Kind);
            var model = new LayerModel(l + 1, layer.Kind, walk.FanIn, walk.FanIn, ActivationKind.Linear);
            bool image = walk.Shape.IsImage;
            if (walk.Known && unit.Input == LayerInput.Image && !image)
            {
                problems.Add(DiagnosticDescriptors.NeedsImageInput, layer.Location, l + 1, layer.Kind, walk.FanIn);
                walk.Known = false;
            }
            else if (walk.Known && unit.Input == LayerInput.Vector && image)
            {
                problems.Add(DiagnosticDescriptors.NeedsVectorInput, layer.Location, l + 1, walk.Shape.ToString());
                walk.Known = false;
            }

            if (image)
            {
                model = model with
                {
                    InHeight = walk.Shape.Height,
                    InWidth = walk.Shape.Width,
                    InChannels = walk.Shape.Channels,
                };
            }

            models[l] = unit.Infer(layer, model, walk, problems);
        }

        long offset = walk.Offset;
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
            InputHeight = inputHeight,
            InputWidth = inputWidth,
            InputChannels = inputChannels,
        };
    }

    /// <summary>The layer an attribute declares, or <see langword="null"/> for any other attribute.</summary>
    private static LayerKind? LayerKindOf(AttributeData attribute)
    {
        foreach (LayerUnit unit in LayerUnits.All)
        {
            if (IsStaticNetsAttribute(attribute, unit.AttributeName))
            {
                return unit.Kind;
            }
        }

        return null;
    }

    internal static void CheckAtLeastOne(ProblemSink problems, Location location, string what, int value)
    {
        if (value < 1)
        {
            problems.Add(DiagnosticDescriptors.SizeBelowOne, location, what, value);
        }
    }

    /// <summary>Reads the activation at constructor position <paramref name="position"/> and its NegativeSlope or Alpha.</summary>
    internal static void ReadActivation(ImmutableArgs layerArgs, int position, string name, Location location, ProblemSink problems, Declaration declaration)
    {
        int activation = layerArgs.Int(position, (int)ActivationKind.Linear);
        declaration.Activation = activation;
        if (!Enum.IsDefined(typeof(ActivationKind), activation))
        {
            problems.Add(DiagnosticDescriptors.UndefinedEnumValue, location, activation, "Activation", Names<ActivationKind>());
        }

        float slope = layerArgs.NamedFloat("NegativeSlope", float.NaN);
        float alpha = layerArgs.NamedFloat("Alpha", float.NaN);
        if (activation == (int)ActivationKind.LeakyReLU)
        {
            declaration.Parameter = layerArgs.Has("NegativeSlope") ? slope : 0.01f;
            if (float.IsNaN(declaration.Parameter) || float.IsInfinity(declaration.Parameter))
            {
                problems.Add(DiagnosticDescriptors.InvalidSetting, location, name + " NegativeSlope", Format(declaration.Parameter), "a finite value such as 0.01");
            }
        }
        else if (layerArgs.Has("NegativeSlope"))
        {
            problems.Add(DiagnosticDescriptors.SettingNotUsed, location, "NegativeSlope", "activation " + (ActivationKind)activation);
        }

        if (activation == (int)ActivationKind.ELU)
        {
            declaration.Parameter = layerArgs.Has("Alpha") ? alpha : 1f;
            if (!(declaration.Parameter > 0f) || float.IsInfinity(declaration.Parameter))
            {
                problems.Add(DiagnosticDescriptors.InvalidSetting, location, name + " Alpha", Format(declaration.Parameter), "a positive, finite value such as 1");
            }
        }
        else if (layerArgs.Has("Alpha"))
        {
            problems.Add(DiagnosticDescriptors.SettingNotUsed, location, "Alpha", "activation " + (ActivationKind)activation);
        }
    }

    /// <summary>
    /// A convolution's output size and padding on <paramref name="input"/>, or why it does not fit: a kernel larger
    /// than the (padded) input, or, without padding, a stride that leaves rows or columns unread.
    /// </summary>
    internal static bool ConvolutionFits(Declaration layer, Shape input, out int outHeight, out int outWidth,
        out int padTop, out int padBottom, out int padLeft, out int padRight, out string? why)
    {
        int stride = layer.Stride;
        why = null;
        if (layer.Same)
        {
            outHeight = (input.Height + stride - 1) / stride;
            outWidth = (input.Width + stride - 1) / stride;
            int padHeight = Math.Max((outHeight - 1) * stride + layer.KernelHeight - input.Height, 0);
            int padWidth = Math.Max((outWidth - 1) * stride + layer.KernelWidth - input.Width, 0);
            padTop = padHeight / 2;
            padBottom = padHeight - padTop;
            padLeft = padWidth / 2;
            padRight = padWidth - padLeft;
            return true;
        }

        padTop = padBottom = padLeft = padRight = 0;
        outHeight = outWidth = 0;
        if (layer.KernelHeight > input.Height || layer.KernelWidth > input.Width)
        {
            why = $"the {layer.KernelHeight}x{layer.KernelWidth} kernel is larger than the image, so there is no output; use a smaller kernel, or Padding = Padding.Same";
            return false;
        }

        int rows = input.Height - layer.KernelHeight, columns = input.Width - layer.KernelWidth;
        if (rows % stride != 0 || columns % stride != 0)
        {
            why = $"with a {layer.KernelHeight}x{layer.KernelWidth} kernel, stride {stride} does not divide the {rows} rows and {columns} columns the kernel moves over, so the last {rows % stride} row(s) and {columns % stride} column(s) would be ignored; use a stride that divides them, or Padding = Padding.Same";
            return false;
        }

        outHeight = rows / stride + 1;
        outWidth = columns / stride + 1;
        return true;
    }

    /// <summary>One layer attribute as declared, before shapes are known.</summary>
    internal sealed class Declaration(LayerKind kind, Location location)
    {
        public LayerKind Kind { get; } = kind;

        public Location Location { get; } = location;

        public int Number { get; set; }

        /// <summary>Dense units or convolution filters.</summary>
        public int Units { get; set; }

        public int Activation { get; set; }

        public float Parameter { get; set; }

        public float L1 { get; set; }

        public float L2 { get; set; }

        public float Rate { get; set; }

        public int KernelHeight { get; set; }

        public int KernelWidth { get; set; }

        /// <summary>The declared stride; for pooling 0 means the window's size.</summary>
        public int Stride { get; set; }

        public bool Same { get; set; }
    }

    /// <summary>
    /// Where shape inference stands between layers: the next parameter offset (in 64 bits, so that absurd sizes are
    /// reported instead of overflowing), the flat size and the image shape of the next layer's input, and whether they
    /// are known (false after a problem, so that one mistake is not reported again by every later layer).
    /// </summary>
    internal sealed class ShapeWalk
    {
        public long Offset { get; set; }

        public int FanIn { get; set; }

        public Shape Shape { get; set; }

        public bool Known { get; set; }
    }

    /// <summary>What a layer unit reads its attribute with: its arguments, the layer's name and location for messages, and the network's penalties.</summary>
    internal sealed record LayerArguments(AttributeData Attribute, ImmutableArgs Args, string Name, Location Location, ProblemSink Problems, float NetworkL1, float NetworkL2)
    {
        /// <summary>Constructor arguments given.</summary>
        public int Count => Attribute.ConstructorArguments.Length;

        /// <summary>The layer's L1 factor: its own, or the network's.</summary>
        public float L1 => Args.Has("L1") ? NonNegative(Args, "L1", Location, Problems) : NetworkL1;

        /// <summary>The layer's L2 factor: its own, or the network's.</summary>
        public float L2 => Args.Has("L2") ? NonNegative(Args, "L2", Location, Problems) : NetworkL2;
    }

    /// <summary>An image shape (height, width, channels), or the default for a vector.</summary>
    internal readonly record struct Shape(int Height, int Width, int Channels)
    {
        public bool IsImage => Height > 0;

        public int Size => Height * Width * Channels;

        public override string ToString() => $"{Height}x{Width}x{Channels}";
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

        foreach ((string name, string fullName) in GeneratedMemberNames.UnqualifiedTypes(type))
        {
            if (GeneratedMemberNames.Hides(type, name, fullName))
            {
                problems.Add(DiagnosticDescriptors.NameHidesGeneratedImport, typeLocation, name, type.Name, fullName);
            }
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
    internal static float NonNegative(ImmutableArgs args, string name, Location location, ProblemSink problems)
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
