using Microsoft.CodeAnalysis;

namespace StaticNets.Generators.Diagnostics;

/// <summary>
/// Every diagnostic StaticNets reports. IDs: SN0001–SN0099 declarations, SN0100–SN0199 shapes and wiring,
/// SN0200 and up performance hints. Each ID has a README section with a wrong and a right example.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string DeclarationCategory = "StaticNets.Declaration";
    private const string ShapeCategory = "StaticNets.Shape";

    /// <summary>SN0001: "Network class '{0}' must be declared partial so that the generator can add its members".</summary>
    public static readonly DiagnosticDescriptor NetworkMustBePartial = Create(
        id: "SN0001",
        title: "Network class must be partial",
        messageFormat: "Network class '{0}' must be declared partial so that the generator can add its members; add the 'partial' modifier",
        category: DeclarationCategory);

    /// <summary>SN0002: "Network class '{0}' cannot be generic or nested in a generic type...".</summary>
    public static readonly DiagnosticDescriptor NetworkMustNotBeGeneric = Create(
        id: "SN0002",
        title: "Network class cannot be generic",
        messageFormat: "Network class '{0}' cannot be generic or nested in a generic type, because its sizes must be compile-time constants; declare it as a non-generic class",
        category: DeclarationCategory);

    /// <summary>SN0003: "Type '{0}', which contains network class '{1}', must be declared partial...".</summary>
    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Create(
        id: "SN0003",
        title: "Type containing a network must be partial",
        messageFormat: "Type '{0}', which contains network class '{1}', must be declared partial so that the generator can add the network's members; add the 'partial' modifier",
        category: DeclarationCategory);

    /// <summary>SN0004: "Learning rate {0} is not valid; declare a positive, finite value such as LearningRate = 0.01f".</summary>
    public static readonly DiagnosticDescriptor InvalidLearningRate = Create(
        id: "SN0004",
        title: "Learning rate must be positive and finite",
        messageFormat: "Learning rate {0} is not valid; declare a positive, finite value such as LearningRate = 0.01f",
        category: DeclarationCategory);

    /// <summary>SN0005: "{0} is not a defined {1} value; use one of: {2}".</summary>
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Create(
        id: "SN0005",
        title: "Undefined enum value",
        messageFormat: "{0} is not a defined {1} value; use one of: {2}",
        category: DeclarationCategory);

    /// <summary>SN0006: "Maximum batch size {0} is not valid; declare at least 1, such as MaxBatchSize = 256".</summary>
    public static readonly DiagnosticDescriptor InvalidMaxBatchSize = Create(
        id: "SN0006",
        title: "Maximum batch size must be at least 1",
        messageFormat: "Maximum batch size {0} is not valid; declare at least 1, such as MaxBatchSize = 256",
        category: DeclarationCategory);

    /// <summary>SN0007: "Network class '{0}' cannot be static; remove the 'static' modifier".</summary>
    public static readonly DiagnosticDescriptor NetworkMustNotBeStatic = Create(
        id: "SN0007",
        title: "Network class cannot be static",
        messageFormat: "Network class '{0}' cannot be static, because a network is an object with parameters; remove the 'static' modifier",
        category: DeclarationCategory);

    /// <summary>SN0008: "Network class '{0}' cannot be file-local...".</summary>
    public static readonly DiagnosticDescriptor NetworkMustNotBeFileLocal = Create(
        id: "SN0008",
        title: "Network class cannot be file-local",
        messageFormat: "Network class '{0}' cannot be file-local, because the generated members are declared in other files; remove the 'file' modifier, or make the class internal",
        category: DeclarationCategory);

    /// <summary>SN0009: "Network class '{0}' cannot declare a primary constructor...".</summary>
    public static readonly DiagnosticDescriptor NetworkMustNotHavePrimaryConstructor = Create(
        id: "SN0009",
        title: "Network class cannot have a primary constructor",
        messageFormat: "Network class '{0}' cannot declare a primary constructor, because the generated constructor takes the seed and the maximum batch size; remove the parameter list",
        category: DeclarationCategory);

    /// <summary>SN0010: "Network class '{0}' has the name of a member the generator adds...".</summary>
    public static readonly DiagnosticDescriptor NetworkNameClashesWithMember = Create(
        id: "SN0010",
        title: "Network class name clashes with a generated member",
        messageFormat: "Network class '{0}' has the name of a member the generator adds to it, and a member cannot share its type's name; rename the class",
        category: DeclarationCategory);

    /// <summary>SN0011: "{0} = {1} is not valid; declare {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidSetting = Create(
        id: "SN0011",
        title: "Setting out of range",
        messageFormat: "{0} = {1} is not valid; declare {2}",
        category: DeclarationCategory);

    /// <summary>SN0012 (warning): "{0} does not apply to {1} and is ignored; remove it".</summary>
    public static readonly DiagnosticDescriptor SettingNotUsed = new(
        id: "SN0012",
        title: "Setting does not apply",
        messageFormat: "{0} does not apply to {1} and is ignored; remove it, or choose an optimizer, loss or activation that uses it",
        category: DeclarationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("SN0012"));

    /// <summary>SN0013: "'{0}' in the scope of network class '{1}' hides {2}, which the generated code uses...".</summary>
    public static readonly DiagnosticDescriptor NameHidesGeneratedImport = Create(
        id: "SN0013",
        title: "A name in the network's scope hides a type the generated code uses",
        messageFormat: "'{0}' in the scope of network class '{1}' hides {2}, which the generated code uses by that name; rename it, or declare the network in another namespace",
        category: DeclarationCategory);

    /// <summary>SN0100: "Network '{0}' has no [Input] attribute; declare the input size first, for example [Input(784)]".</summary>
    public static readonly DiagnosticDescriptor MissingInput = Create(
        id: "SN0100",
        title: "Network has no input",
        messageFormat: "Network '{0}' has no [Input] attribute; declare the input size before the layers, for example [Input(784)]",
        category: ShapeCategory);

    /// <summary>SN0101: "Network '{0}' has no layers; add at least one layer after [Input], for example [Dense(10, Activation.Softmax)]".</summary>
    public static readonly DiagnosticDescriptor NoLayers = Create(
        id: "SN0101",
        title: "Network has no layers",
        messageFormat: "Network '{0}' has no layers; add at least one layer after [Input], for example [Dense(10, Activation.Softmax)]",
        category: ShapeCategory);

    /// <summary>SN0102: "{0} size is {1}, but it must be at least 1".</summary>
    public static readonly DiagnosticDescriptor SizeBelowOne = Create(
        id: "SN0102",
        title: "Size must be at least 1",
        messageFormat: "{0} size is {1}, but it must be at least 1; declare a positive size",
        category: ShapeCategory);

    /// <summary>SN0103: "[Input] must appear exactly once, before every layer; {0}".</summary>
    public static readonly DiagnosticDescriptor InputMisplaced = Create(
        id: "SN0103",
        title: "Input must come once, first",
        messageFormat: "[Input] must appear exactly once, before every layer; {0}",
        category: ShapeCategory);

    /// <summary>SN0104: "Layer {0} is a hidden layer and cannot use Softmax...".</summary>
    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Create(
        id: "SN0104",
        title: "Softmax is only valid on the output layer",
        messageFormat: "Layer {0} is a hidden layer and cannot use Softmax, which is only valid on the output layer together with Loss.SoftmaxCrossEntropy; use another activation such as Activation.ReLU",
        category: ShapeCategory);

    /// <summary>SN0105: "Loss {0} does not fit the output layer's {1} activation; {2}".</summary>
    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Create(
        id: "SN0105",
        title: "Loss does not fit the output activation",
        messageFormat: "Loss {0} does not fit the output layer's {1} activation; {2}",
        category: ShapeCategory);

    /// <summary>SN0106: "Network '{0}' has {1} parameters...".</summary>
    public static readonly DiagnosticDescriptor TooManyParameters = Create(
        id: "SN0106",
        title: "Network is too large",
        messageFormat: "Network '{0}' has {1} parameters, more than the {2} a generated network can hold; use smaller layers",
        category: ShapeCategory);

    /// <summary>SN0107: "Layer {0} is a dropout layer and cannot be the output layer...".</summary>
    public static readonly DiagnosticDescriptor DropoutIsLast = Create(
        id: "SN0107",
        title: "Dropout cannot be the output layer",
        messageFormat: "Layer {0} is a dropout layer and cannot be the output layer; move it before a Dense layer, or remove it",
        category: ShapeCategory);

    /// <summary>SN0108: "Layer {0} ({1}) needs an image input ... but its input is a vector of {2} values...".</summary>
    public static readonly DiagnosticDescriptor NeedsImageInput = Create(
        id: "SN0108",
        title: "Image layer on a vector input",
        messageFormat: "Layer {0} ({1}) needs an image input (height, width, channels), but its input is a vector of {2} values; declare the input as [Input(height, width, channels)], or move this layer before [Flatten]",
        category: ShapeCategory);

    /// <summary>SN0109: "Layer {0} (Dense) follows a {1} image; add [Flatten] or [GlobalAveragePool2D] before it".</summary>
    public static readonly DiagnosticDescriptor NeedsVectorInput = Create(
        id: "SN0109",
        title: "Dense layer on an image input",
        messageFormat: "Layer {0} (Dense) follows a {1} image; add [Flatten] (or [GlobalAveragePool2D]) before it",
        category: ShapeCategory);

    /// <summary>SN0110: "Layer {0} ({1}) does not fit its {2} input: {3}".</summary>
    public static readonly DiagnosticDescriptor ShapeDoesNotFit = Create(
        id: "SN0110",
        title: "Kernel, window or stride does not fit the input",
        messageFormat: "Layer {0} ({1}) does not fit its {2} input: {3}",
        category: ShapeCategory);

    /// <summary>SN0111: "Layer {0} is a {1} layer and cannot be the output layer...".</summary>
    public static readonly DiagnosticDescriptor OutputMustBeDense = Create(
        id: "SN0111",
        title: "The output layer must be Dense",
        messageFormat: "Layer {0} is a {1} layer and cannot be the output layer; end the network with a Dense layer (after [Flatten] or [GlobalAveragePool2D])",
        category: ShapeCategory);

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category) =>
        new(
            id: id,
            title: title,
            messageFormat: messageFormat,
            category: category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) => "https://github.com/staticnets/staticnets/blob/main/README.md#" + id.ToLowerInvariant();
}
