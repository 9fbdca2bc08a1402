using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using StaticNets.Reference;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// Reference/fixtures/convolution.json (see Reference/README.md), read once with System.Text.Json as strictly as
/// <see cref="Fixtures"/> reads the other fixtures: an unknown key or a missing required key is an error, and so is a
/// layer key that does not belong to the layer's kind.
/// </summary>
public static class ConvolutionFixtures
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<ConvolutionFile> File = new(Read);

    /// <summary>Every single-layer case, in file order.</summary>
    public static IReadOnlyList<ConvolutionLayerCase> Layers => File.Value.LayerCases;

    /// <summary>Every network case, in file order.</summary>
    public static IReadOnlyList<ConvolutionNetworkCase> Networks => File.Value.NetworkCases;

    public static ConvolutionLayerCase Layer(string name) => Layers.Single(c => c.Name == name);

    public static ConvolutionNetworkCase Network(string name) => Networks.Single(c => c.Name == name);

    private static ConvolutionFile Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures", "convolution.json");
        using FileStream stream = System.IO.File.OpenRead(path);
        return JsonSerializer.Deserialize<ConvolutionFile>(stream, Options) ?? throw new InvalidDataException($"{path} holds null.");
    }
}

/// <summary>The whole of convolution.json.</summary>
public sealed record ConvolutionFile(ConvolutionLayerCase[] LayerCases, ConvolutionNetworkCase[] NetworkCases);

/// <summary>
/// A layer of convolution.json: <c>kind</c> and exactly that kind's keys. Conv2D: <c>filters, kernel_height, kernel_width,
/// stride_height, stride_width, padding ("valid" | "same"), activation</c>; MaxPool2D and AveragePool2D:
/// <c>pool_height, pool_width, stride_height, stride_width</c>; GlobalAveragePool2D and Flatten: nothing else; Dense:
/// <c>units, activation</c>.
/// </summary>
public sealed record ConvolutionLayerSpec(
    string Kind,
    int? Filters = null,
    int? KernelHeight = null,
    int? KernelWidth = null,
    int? StrideHeight = null,
    int? StrideWidth = null,
    string? Padding = null,
    string? Activation = null,
    int? PoolHeight = null,
    int? PoolWidth = null,
    int? Units = null)
{
    /// <summary>The layer as the C# reference describes it; throws if a key is missing or does not belong to the kind.</summary>
    public ReferenceLayer ToReferenceLayer()
    {
        string[] present = new (string Key, bool Present)[]
        {
            ("filters", Filters is not null), ("kernel_height", KernelHeight is not null), ("kernel_width", KernelWidth is not null),
            ("stride_height", StrideHeight is not null), ("stride_width", StrideWidth is not null), ("padding", Padding is not null),
            ("activation", Activation is not null), ("pool_height", PoolHeight is not null), ("pool_width", PoolWidth is not null),
            ("units", Units is not null),
        }.Where(key => key.Present).Select(key => key.Key).ToArray();
        string[] expected = Kind switch
        {
            "Conv2D" => ["filters", "kernel_height", "kernel_width", "stride_height", "stride_width", "padding", "activation"],
            "MaxPool2D" or "AveragePool2D" => ["stride_height", "stride_width", "pool_height", "pool_width"],
            "GlobalAveragePool2D" or "Flatten" => [],
            "Dense" => ["activation", "units"],
            _ => throw new InvalidDataException($"Unknown layer kind '{Kind}'."),
        };
        if (!present.Order().SequenceEqual(expected.Order()))
        {
            throw new InvalidDataException($"A {Kind} layer has keys [{string.Join(", ", present)}], expected [{string.Join(", ", expected)}].");
        }

        return Kind switch
        {
            "Conv2D" => new ReferenceLayer.Conv2D(Filters!.Value, KernelHeight!.Value, KernelWidth!.Value, StrideHeight!.Value,
                StrideWidth!.Value, Same: Padding switch
                {
                    "same" => true,
                    "valid" => false,
                    _ => throw new InvalidDataException($"Unknown padding '{Padding}'."),
                }, ParseActivation()),
            "MaxPool2D" => new ReferenceLayer.MaxPool2D(PoolHeight!.Value, PoolWidth!.Value, StrideHeight!.Value, StrideWidth!.Value),
            "AveragePool2D" => new ReferenceLayer.AveragePool2D(PoolHeight!.Value, PoolWidth!.Value, StrideHeight!.Value, StrideWidth!.Value),
            "GlobalAveragePool2D" => new ReferenceLayer.GlobalAveragePool2D(),
            "Flatten" => new ReferenceLayer.Flatten(),
            _ => new ReferenceLayer.Dense(Units!.Value, ParseActivation()),
        };
    }

    private StaticNets.Activation ParseActivation() =>
        Enum.GetNames<StaticNets.Activation>().Contains(Activation)
            ? Enum.Parse<StaticNets.Activation>(Activation!)
            : throw new InvalidDataException($"Unknown activation '{Activation}'.");
}

/// <summary>
/// One layer_cases entry: one layer on a batch, torch's output, and for the upstream gradient <c>output_gradient</c>
/// torch's gradients of <c>Σ output·output_gradient</c> with respect to the inputs and the parameters (summed over the
/// batch). Inputs, outputs and gradients are row-major <c>(batch, H·W·C)</c> in HWC order.
/// </summary>
public sealed record ConvolutionLayerCase(
    string Name,
    long Seed,
    ConvolutionLayerSpec Layer,
    int Batch,
    int InputHeight,
    int InputWidth,
    int InputChannels,
    int OutputHeight,
    int OutputWidth,
    int OutputChannels,
    int PadTop,
    int PadBottom,
    int PadLeft,
    int PadRight,
    double[] Parameters,
    double[] Inputs,
    double[] Outputs,
    double[] OutputGradient,
    double[] InputGradient,
    double[] ParameterGradient)
{
    public override string ToString() => Name;
}

/// <summary>One network_cases entry: a CNN, one batch, and torch's outputs, mean loss and parameter gradient.</summary>
public sealed record ConvolutionNetworkCase(
    string Name,
    long Seed,
    int InputHeight,
    int InputWidth,
    int InputChannels,
    ConvolutionLayerSpec[] Layers,
    string Loss,
    int Batch,
    double[] Parameters,
    double[] Inputs,
    double[] Targets,
    double[] Outputs,
    double LossValue,
    double[] Gradients)
{
    public override string ToString() => Name;
}
