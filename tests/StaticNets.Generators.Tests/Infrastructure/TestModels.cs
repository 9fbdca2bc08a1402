using System.Linq;
using StaticNets.Generators.Models;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// Builds <see cref="NetworkModel"/> records by hand, with the parser's layout: per dense layer, weights then biases;
/// dropout layers hold no parameters and keep the width of what they follow.
/// </summary>
internal static class TestModels
{
    /// <summary>
    /// Dense layer <paramref name="index"/>, <paramref name="inputs"/> → <paramref name="outputs"/>, whose weights
    /// <c>W</c> (inputs, outputs) start at <paramref name="offset"/> and whose biases <c>b</c> follow them.
    /// </summary>
    public static LayerModel Dense(int index, int inputs, int outputs, ActivationKind activation, int offset) =>
        new(index, LayerKind.Dense, inputs, outputs, activation)
        {
            Parameters = new EquatableArray<ParameterBlock>(
            [
                new ParameterBlock("W", offset, new EquatableArray<int>([inputs, outputs])),
                new ParameterBlock("b", offset + inputs * outputs, new EquatableArray<int>([outputs])),
            ]),
            MultiplyAdds = (long)inputs * outputs,
        };

    /// <summary>Dropout layer <paramref name="index"/> over <paramref name="width"/> values: no parameters.</summary>
    public static LayerModel Dropout(int index, int width, float rate) =>
        new(index, LayerKind.Dropout, width, width, ActivationKind.Linear) { Settings = new DropoutSettings(rate) };

    /// <summary>A network of dense layers only, each with the parser's default activation parameter.</summary>
    public static NetworkModel Network(
        int inputSize,
        (int Units, ActivationKind Activation)[] layers,
        LossKind loss = LossKind.MeanSquaredError,
        string @namespace = "Models",
        string typeName = "Net",
        string typeKeyword = "class",
        ContainingTypeModel[]? containingTypes = null,
        float learningRate = 0.01f,
        int maxBatchSize = 256,
        OptimizerKind optimizer = OptimizerKind.Sgd,
        OptimizerSettings? settings = null) =>
        Network(
            inputSize,
            layers.Select(static l => LayerSpec.Dense(l.Units, l.Activation)).ToArray(),
            loss,
            @namespace,
            typeName,
            typeKeyword,
            containingTypes,
            learningRate,
            maxBatchSize,
            optimizer,
            settings);

    /// <summary>A network of dense and dropout layers, described by <see cref="LayerSpec"/>s.</summary>
    public static NetworkModel Network(
        int inputSize,
        LayerSpec[] layers,
        LossKind loss = LossKind.MeanSquaredError,
        string @namespace = "Models",
        string typeName = "Net",
        string typeKeyword = "class",
        ContainingTypeModel[]? containingTypes = null,
        float learningRate = 0.01f,
        int maxBatchSize = 256,
        OptimizerKind optimizer = OptimizerKind.Sgd,
        OptimizerSettings? settings = null,
        float huberDelta = 1f)
    {
        var models = new LayerModel[layers.Length];
        int offset = 0;
        int fanIn = inputSize;
        for (int l = 0; l < layers.Length; l++)
        {
            LayerSpec spec = layers[l];
            if (spec.Kind == LayerKind.Dropout)
            {
                models[l] = Dropout(l + 1, fanIn, spec.Rate);
                continue;
            }

            models[l] = Dense(l + 1, fanIn, spec.Units, spec.Activation, offset) with
            {
                ActivationParameter = spec.Parameter,
                L1 = spec.L1,
                L2 = spec.L2,
            };
            offset += fanIn * spec.Units + spec.Units;
            fanIn = spec.Units;
        }

        return new NetworkModel(
            Namespace: @namespace,
            TypeName: typeName,
            TypeKeyword: typeKeyword,
            ContainingTypes: new EquatableArray<ContainingTypeModel>(containingTypes ?? []),
            InputSize: inputSize,
            Layers: new EquatableArray<LayerModel>(models),
            Loss: loss,
            Optimizer: optimizer,
            LearningRate: learningRate,
            MaxBatchSize: maxBatchSize)
        {
            Settings = settings ?? PyTorchDefaults(optimizer),
            HuberDelta = huberDelta,
        };
    }

    /// <summary>
    /// PyTorch's defaults for each optimizer, written out by hand from the <c>torch.optim</c> documentation (not taken
    /// from the generator), with the neutral value 0 or false for every hyper-parameter the optimizer does not have.
    /// </summary>
    public static OptimizerSettings PyTorchDefaults(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Sgd => OptimizerSettings.Sgd,
        OptimizerKind.Momentum or OptimizerKind.Nesterov => OptimizerSettings.Sgd with { Momentum = 0.9f },
        OptimizerKind.Adagrad => OptimizerSettings.Sgd with { Epsilon = 1e-10f },
        OptimizerKind.Adadelta => OptimizerSettings.Sgd with { Rho = 0.9f, Epsilon = 1e-6f },
        OptimizerKind.RMSprop => OptimizerSettings.Sgd with { Alpha = 0.99f, Epsilon = 1e-8f },
        OptimizerKind.Adam => OptimizerSettings.Sgd with { Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f },
        OptimizerKind.AdamW => OptimizerSettings.Sgd with { Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f, WeightDecay = 0.01f },
        _ => throw new System.ArgumentOutOfRangeException(nameof(optimizer)),
    };

    /// <summary>PyTorch's default learning rate for each optimizer (SGD has none; StaticNets uses 0.01).</summary>
    public static float PyTorchLearningRate(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Adadelta => 1f,
        OptimizerKind.Adam or OptimizerKind.AdamW => 0.001f,
        _ => 0.01f,
    };

    /// <summary>The activation parameter the parser gives an undeclared one: LeakyReLU's slope 0.01, ELU's alpha 1, else 0.</summary>
    public static float DefaultParameter(ActivationKind activation) => activation switch
    {
        ActivationKind.LeakyReLU => 0.01f,
        ActivationKind.ELU => 1f,
        _ => 0f,
    };

    /// <summary>
    /// A declaration that the generated files for <paramref name="model"/> complete: the namespace, the containing
    /// types and the partial network type, so that the emitted code can be compiled without the generator.
    /// </summary>
    public static string Declaration(NetworkModel model)
    {
        var text = new System.Text.StringBuilder();
        if (model.Namespace.Length > 0)
        {
            text.Append("namespace ").Append(model.Namespace).Append(";\n");
        }

        foreach (ContainingTypeModel containing in model.ContainingTypes)
        {
            text.Append("partial ").Append(containing.Keyword).Append(' ').Append(containing.Name).Append(" {\n");
        }

        text.Append("partial ").Append(model.TypeKeyword).Append(' ').Append(model.TypeName).Append(";\n");
        text.Append(string.Concat(Enumerable.Repeat("}\n", model.ContainingTypes.Count)));
        return text.ToString();
    }
}

/// <summary>One layer of a hand-built model: a dense layer with its activation parameter and penalties, or a dropout layer.</summary>
internal readonly record struct LayerSpec(LayerKind Kind, int Units, ActivationKind Activation, float Parameter, float L1, float L2, float Rate)
{
    /// <summary>A dense layer; an unset <paramref name="parameter"/> takes the parser's default for the activation.</summary>
    public static LayerSpec Dense(int units, ActivationKind activation = ActivationKind.Linear, float? parameter = null, float l1 = 0f, float l2 = 0f) =>
        new(LayerKind.Dense, units, activation, parameter ?? TestModels.DefaultParameter(activation), l1, l2, 0f);

    public static LayerSpec Dropout(float rate) => new(LayerKind.Dropout, 0, ActivationKind.Linear, 0f, 0f, 0f, rate);
}
