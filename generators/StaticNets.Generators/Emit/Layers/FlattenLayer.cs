using StaticNets.Generators.Plan;
using System.Collections.Generic;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// Flatten: a channels-last image is already a vector in memory, so the layer moves nothing and owns no buffers; the
/// layers above read the buffers of the layer below it (<see cref="NetworkModel.SourceOf"/>).
/// </summary>
internal sealed class FlattenLayer : LayerUnit
{
    public static readonly FlattenLayer Instance = new();

    private FlattenLayer()
    {
    }

    public override LayerKind Kind => LayerKind.Flatten;

    public override string AttributeName => "FlattenAttribute";

    public override LayerInput Input => LayerInput.Image;

    /// <summary>The same values as a vector.</summary>
    public override LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems)
    {
        walk.Shape = default;
        return model;
    }

    public override void Describe(StringBuilder text, LayerModel layer) => text.Append(Kind);

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Comment($"Layer {l}: Flatten {layer.InHeight}x{layer.InWidth}x{layer.InChannels} -> {layer.Outputs}: channels-last values are already in order, so nothing moves. No parameters.");
        writer.WriteLine($"private const int {In(l)} = {Int(layer.Inputs)}, {Out(l)} = {Int(layer.Outputs)};");
    }

    public override IReadOnlyList<BufferPlan> Buffers(NetworkPlan plan, LayerModel layer) => [];

    public override string NoBuffersComment(LayerModel layer) =>
        $"layer {layer.Index} (Flatten) shares the buffers of the layer below: channels-last images are already flat";

    public override bool WritesOutputAtInference => false;

    public override string WritePredict(SourceWriter writer, LayerModel layer, string input, string output)
    {
        writer.Comment($"layer {layer.Index}: flatten moves nothing");
        return input;
    }

    public override void WriteForwardBatch(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
        writer.Comment($"layer {layer.Index}: flatten shares the buffers of the layer below");
        writer.WriteLine();
    }

    public override void WritePredictRows(SourceWriter writer, LayerModel layer, string input) =>
        writer.Comment($"layer {layer.Index}: flatten moves nothing");

    public override void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
    }

    /// <summary>Its gradient is the gradient of the layer below, in the same buffer.</summary>
    public override bool CanHaveBackward => false;

    public override string NoBackwardComment(LayerModel layer) =>
        $"layer {layer.Index}: flatten shares its buffers with the layer below, nothing to do";

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
    }

    public override IReadOnlyList<string> ForwardJobs(LayerPlan layer) => [];

    public override void WriteForwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        writer.Comment($"layer {layer.Index}: flatten moves nothing");

    public override void WriteForwardCases(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
    }

    public override bool BackwardOnWorkers => false;

    public override bool InputGradientBySamples(LayerModel layer) => false;

    public override void WriteBackwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer, string below)
    {
    }

    public override bool WriteBackwardCase(SourceWriter writer, NetworkPlan plan, LayerModel layer) => false;
}
