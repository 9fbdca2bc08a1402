using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// The PyTorch 1.13 reference fixtures of Reference/fixtures (see Reference/README.md), read once with System.Text.Json.
/// The records mirror the JSON exactly: a key the records do not know, or a missing required key, is an error, so a
/// change to the fixture format cannot be silently ignored.
/// </summary>
public static class Fixtures
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<LossCase[]> LossCases = new(() => Read<LossCase>("losses.json"));
    private static readonly Lazy<OptimizerCase[]> OptimizerCases = new(() => Read<OptimizerCase>("optimizers.json"));
    private static readonly Lazy<ActivationCase[]> ActivationCases = new(() => Read<ActivationCase>("activations.json"));

    /// <summary>Every case of losses.json, in file order.</summary>
    public static IReadOnlyList<LossCase> Losses => LossCases.Value;

    /// <summary>Every case of optimizers.json, in file order.</summary>
    public static IReadOnlyList<OptimizerCase> Optimizers => OptimizerCases.Value;

    /// <summary>Every entry of activations.json, in file order.</summary>
    public static IReadOnlyList<ActivationCase> Activations => ActivationCases.Value;

    public static LossCase Loss(string name) => Losses.Single(c => c.Name == name);

    public static OptimizerCase Optimizer(string name) => Optimizers.Single(c => c.Name == name);

    public static ActivationCase Activation(string label) => Activations.Single(c => c.Label == label);

    /// <summary>Converts fixture numbers to the float32 values torch used (each is the shortest double of a float).</summary>
    public static float[] ToFloats(this double[] values) => Array.ConvertAll(values, value => (float)value);

    /// <summary>The architecture text a generated network reports for this input size and these layers.</summary>
    public static string Architecture(int inputSize, IEnumerable<LayerSpec> layers) =>
        $"Input({inputSize}) -> " + string.Join(" -> ", layers.Select(layer => layer.Describe()));

    private static T[] Read<T>(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures", file);
        using FileStream stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T[]>(stream, Options) ?? throw new InvalidDataException($"{path} holds null.");
    }
}

/// <summary>A dense layer: <c>{"units", "activation", ["negative_slope" | "alpha"]}</c>.</summary>
public sealed record LayerSpec(int Units, string Activation, double? NegativeSlope = null, double? Alpha = null)
{
    /// <summary>The layer as generated code writes it in <c>Architecture</c>, e.g. <c>Dense(5, LeakyReLU(0.2))</c>.</summary>
    public string Describe()
    {
        double? parameter = NegativeSlope ?? Alpha;
        string suffix = parameter is { } value ? $"({((float)value).ToString("R", CultureInfo.InvariantCulture)})" : string.Empty;
        return $"Dense({Units}, {Activation}{suffix})";
    }
}

/// <summary>One case of losses.json: a network, one batch, and torch's loss and gradients for it.</summary>
public sealed record LossCase(
    string Name,
    long Seed,
    int InputSize,
    LayerSpec[] Layers,
    string Loss,
    int Batch,
    double[] Parameters,
    double[] Inputs,
    double[] Targets,
    double DataLoss,
    double Penalty,
    double TotalLoss,
    double[] Gradients,
    double? Delta = null,
    double? L1 = null,
    double? L2 = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// torch.optim hyper-parameters, named as in torch. Which keys are present depends on the optimizer
/// (see Reference/README.md); all of the optimizer's keys are present, defaults included.
/// </summary>
public sealed record OptimizerHyper(
    double Lr,
    double? Momentum = null,
    double? Dampening = null,
    double? WeightDecay = null,
    bool? Nesterov = null,
    double? LrDecay = null,
    double? InitialAccumulatorValue = null,
    double? Eps = null,
    double? Rho = null,
    double? Alpha = null,
    bool? Centered = null,
    double? Beta1 = null,
    double? Beta2 = null,
    bool? Amsgrad = null)
{
    /// <summary>
    /// Every hyper-parameter but the learning rate, as torch names it, with its value written the way a generated
    /// network's <c>OptimizerName</c> writes it (floats as the shortest round-trip text of the float32 value).
    /// </summary>
    public IReadOnlyDictionary<string, string> WithoutLearningRate()
    {
        var settings = new Dictionary<string, string>();
        void Add(string name, double? value)
        {
            if (value is { } v)
            {
                settings[name] = ((float)v).ToString("R", CultureInfo.InvariantCulture);
            }
        }

        void AddFlag(string name, bool? value)
        {
            if (value is { } v)
            {
                settings[name] = v ? "true" : "false";
            }
        }

        Add("momentum", Momentum);
        Add("dampening", Dampening);
        Add("weight_decay", WeightDecay);
        AddFlag("nesterov", Nesterov);
        Add("lr_decay", LrDecay);
        Add("initial_accumulator_value", InitialAccumulatorValue);
        Add("eps", Eps);
        Add("rho", Rho);
        Add("alpha", Alpha);
        AddFlag("centered", Centered);
        Add("beta1", Beta1);
        Add("beta2", Beta2);
        AddFlag("amsgrad", Amsgrad);
        return settings;
    }
}

/// <summary>One batch of optimizers.json: row-major inputs (batch, 3) and targets (batch, 2).</summary>
public sealed record BatchData(double[] Inputs, double[] Targets);

/// <summary>One case of optimizers.json: a starting point, 5 batches, and torch's losses and parameters after each step.</summary>
public sealed record OptimizerCase(
    string Name,
    string Optimizer,
    OptimizerHyper Hyper,
    int InputSize,
    LayerSpec[] Layers,
    string Loss,
    int Batch,
    double[] Parameters,
    BatchData[] Batches,
    double[] Losses,
    double[][] ParametersAfter)
{
    public override string ToString() => Name;
}

/// <summary>One entry of activations.json: 45 float32 points <c>z</c> and the float64 value and derivative at each.</summary>
public sealed record ActivationCase(
    string Activation,
    double[] Z,
    double[] Value,
    double[] Derivative,
    double? NegativeSlope = null,
    double? Alpha = null)
{
    /// <summary>A unique name for the entry: the activation and its parameter, e.g. <c>LeakyReLU(0.2)</c>.</summary>
    public string Label => (NegativeSlope ?? Alpha) is { } parameter
        ? $"{Activation}({parameter.ToString("R", CultureInfo.InvariantCulture)})"
        : Activation;

    public override string ToString() => Label;
}
