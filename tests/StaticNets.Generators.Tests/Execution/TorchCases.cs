using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace StaticNets.Generators.Tests.Execution;

/// <summary>
/// The PyTorch reference cases of the runtime tests (<c>tests/StaticNets.Tests/Reference/fixtures</c>, written by the
/// scripts beside them with <c>python3-torch</c>), read here to declare each case's network as a user would and to
/// check what the generated code computes. The generator tests hold no network of their own for these checks: every
/// declaration is written from a case.
/// </summary>
internal static class TorchCases
{
    private static readonly Lazy<JsonElement[]> LazyLosses = new(() => Cases("losses.json"));
    private static readonly Lazy<JsonElement[]> LazyOptimizers = new(() => Cases("optimizers.json"));
    private static readonly Lazy<JsonElement[]> LazyConvolutions = new(() => Read("convolution.json").GetProperty("network_cases").EnumerateArray().ToArray());

    /// <summary>losses.json: one forward and backward pass per case (every loss, activation and penalty).</summary>
    public static JsonElement[] Losses => LazyLosses.Value;

    /// <summary>optimizers.json: five training steps per case (every optimizer and setting).</summary>
    public static JsonElement[] Optimizers => LazyOptimizers.Value;

    /// <summary>convolution.json's network cases: outputs, loss and gradients of small CNNs.</summary>
    public static JsonElement[] Convolutions => LazyConvolutions.Value;

    public static JsonElement Named(JsonElement[] cases, string name) =>
        cases.Single(c => c.GetProperty("name").GetString() == name);

    public static float[] Floats(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();

    public static double[] Doubles(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(static v => v.GetDouble()).ToArray();

    public static double Number(this JsonElement element, string property, double otherwise = 0) =>
        element.TryGetProperty(property, out JsonElement value) ? value.GetDouble() : otherwise;

    /// <summary>
    /// The declaration of a case's network as C# source: class <c>Case.Net</c>, the case's input, layers and loss, and
    /// <paramref name="network"/>'s extra <c>[Network]</c> settings.
    /// </summary>
    public static string Declaration(JsonElement fixture, string optimizer = "Optimizer.Sgd", string network = "", int maxBatchSize = 8)
    {
        var text = new StringBuilder("using StaticNets;\nnamespace Case;\n");
        text.Append(CultureInfo.InvariantCulture, $"[Network(Loss.{fixture.GetProperty("loss").GetString()}, {optimizer}, MaxBatchSize = {maxBatchSize}{network})]\n");
        if (fixture.TryGetProperty("input_size", out JsonElement size))
        {
            text.Append(CultureInfo.InvariantCulture, $"[Input({size.GetInt32()})]\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture,
                $"[Input({fixture.GetProperty("input_height").GetInt32()}, {fixture.GetProperty("input_width").GetInt32()}, {fixture.GetProperty("input_channels").GetInt32()})]\n");
        }

        foreach (JsonElement layer in fixture.GetProperty("layers").EnumerateArray())
        {
            text.Append(Layer(layer)).Append('\n');
        }

        return text.Append("public partial class Net;\n").ToString();
    }

    /// <summary>One layer of a case as an attribute; a case's layer without a kind is dense.</summary>
    private static string Layer(JsonElement layer)
    {
        string kind = layer.TryGetProperty("kind", out JsonElement k) ? k.GetString()! : "Dense";
        int Int(string name) => layer.GetProperty(name).GetInt32();
        string Stride(string height, string width)
        {
            if (Int(height) != Int(width))
            {
                throw new NotSupportedException($"a case's layer has strides {Int(height)} and {Int(width)}; attributes take one stride");
            }

            return $"Stride = {Int(height)}";
        }

        return kind switch
        {
            "Dense" => $"[Dense({Int("units")}, Activation.{layer.GetProperty("activation").GetString()}{ActivationSettings(layer)})]",
            "Conv2D" => $"[Conv2D({Int("filters")}, {Int("kernel_height")}, {Int("kernel_width")}, Activation.{layer.GetProperty("activation").GetString()}, "
                + $"{Stride("stride_height", "stride_width")}, Padding = Padding.{(layer.GetProperty("padding").GetString() == "same" ? "Same" : "Valid")}{ActivationSettings(layer)})]",
            "MaxPool2D" => $"[MaxPool2D({Int("pool_height")}, {Int("pool_width")}, {Stride("stride_height", "stride_width")})]",
            "AveragePool2D" => $"[AveragePool2D({Int("pool_height")}, {Int("pool_width")}, {Stride("stride_height", "stride_width")})]",
            "GlobalAveragePool2D" => "[GlobalAveragePool2D]",
            "Flatten" => "[Flatten]",
            _ => throw new NotSupportedException($"a case has a layer of kind {kind}"),
        };
    }

    private static string ActivationSettings(JsonElement layer)
    {
        var settings = new StringBuilder();
        if (layer.TryGetProperty("negative_slope", out JsonElement slope))
        {
            settings.Append(", NegativeSlope = ").Append(Literal(slope.GetDouble()));
        }

        if (layer.TryGetProperty("alpha", out JsonElement alpha))
        {
            settings.Append(", Alpha = ").Append(Literal(alpha.GetDouble()));
        }

        return settings.ToString();
    }

    /// <summary>A float literal that rounds to the same float as <paramref name="value"/>.</summary>
    public static string Literal(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    private static JsonElement[] Cases(string file) => Read(file).EnumerateArray().ToArray();

    private static JsonElement Read(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", file);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    /// <summary>The names of <paramref name="cases"/>, as theory data.</summary>
    public static IEnumerable<object[]> Names(IEnumerable<JsonElement> cases) =>
        cases.Select(static c => new object[] { c.GetProperty("name").GetString()! });
}
