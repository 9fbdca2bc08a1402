using StaticNets.Generators.Plan;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>Global average pooling: the mean of each channel over every pixel, an image in and a vector of channels out.</summary>
internal sealed class GlobalAveragePool2DLayer : ImageLayerUnit
{
    public static readonly GlobalAveragePool2DLayer Instance = new();

    private GlobalAveragePool2DLayer()
    {
    }

    public override LayerKind Kind => LayerKind.GlobalAveragePool2D;

    public override string AttributeName => "GlobalAveragePool2DAttribute";

    /// <summary>A vector of the input's channels.</summary>
    public override LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems)
    {
        model = model with { Outputs = walk.Shape.Channels, OutHeight = 0, OutWidth = 0, OutChannels = 0 };
        walk.FanIn = walk.Shape.Channels;
        walk.Shape = default;
        return model;
    }

    public override void Describe(StringBuilder text, LayerModel layer) => text.Append(Kind);

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Comment($"Layer {l}: GlobalAveragePool2D {layer.InHeight}x{layer.InWidth}x{layer.InChannels} -> {layer.Outputs}: the mean of each channel over all pixels. No parameters.");
        WriteImageInput(writer, layer);
        writer.WriteLine($"private const int {In(l)} = {InHeight(l)} * {InWidth(l)} * {InChannels(l)}, {Out(l)} = {InChannels(l)};");
    }

    public override void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        writer.WriteLine();
        PoolingKernels.WriteGlobalAverageForward(writer, layer);
    }

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        PoolingKernels.WriteGlobalAverageBackward(writer, plan.Model, layer);
}
