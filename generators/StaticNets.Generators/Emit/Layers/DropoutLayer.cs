using StaticNets.Generators.Plan;
using System.Collections.Generic;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// Dropout: while training, each value is kept with probability 1 − rate and scaled by 1 / (1 − rate), else zeroed,
/// with masks drawn in order from the network's seeded random source on the calling thread; the identity at inference.
/// </summary>
internal sealed class DropoutLayer : LayerUnit
{
    public static readonly DropoutLayer Instance = new();

    private DropoutLayer()
    {
    }

    public override LayerKind Kind => LayerKind.Dropout;

    public override string AttributeName => "DropoutAttribute";

    public override LayerInput Input => LayerInput.Any;

    public override void Read(LayerArguments args, Declaration declaration)
    {
        declaration.Rate = args.Args.Float(0, float.NaN);
        if (!(declaration.Rate >= 0f && declaration.Rate < 1f))
        {
            args.Problems.Add(DiagnosticDescriptors.InvalidSetting, args.Location, $"{args.Name} rate", Format(declaration.Rate), "a probability in [0, 1), such as 0.2");
        }
    }

    /// <summary>The output has the input's shape.</summary>
    public override LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems) =>
        model with { Settings = new DropoutSettings(layer.Rate), OutHeight = walk.Shape.Height, OutWidth = walk.Shape.Width, OutChannels = walk.Shape.Channels };

    /// <summary>Dropout last would drop outputs the loss reads; it has its own message.</summary>
    public override void ReportAsOutput(Declaration layer, ProblemSink problems) =>
        problems.Add(DiagnosticDescriptors.DropoutIsLast, layer.Location, layer.Number);

    public override void Describe(StringBuilder text, LayerModel layer) =>
        text.Append("Dropout(").Append(layer.Dropout.Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(')');

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Comment($"Layer {l}: Dropout over {layer.Outputs} values, rate {NetworkParser.Format(layer.Dropout.Rate)}: kept values are scaled by 1 / (1 - rate). No parameters.");
        writer.WriteLine($"private const int {In(l)} = {Int(layer.Inputs)}, {Out(l)} = {Int(layer.Outputs)};");
        writer.WriteLine($"private const float {Rate(l)} = {Float(layer.Dropout.Rate)}, {Scale(l)} = 1f / (1f - {Rate(l)});");
    }

    public override IReadOnlyList<BufferPlan> Buffers(NetworkPlan plan, LayerModel layer)
    {
        BufferPlan[] outputs = OutputBuffers(plan, layer, "output", "dLoss/doutput");
        return [outputs[0], new(Mask(layer.Index), PerSample(layer), $"mask (0 or {Scale(layer.Index)})"), outputs[1]];
    }

    /// <summary>The identity at inference: <c>Predict</c> hands the input on.</summary>
    public override bool WritesOutputAtInference => false;

    public override string WritePredict(SourceWriter writer, LayerModel layer, string input, string output)
    {
        writer.Comment($"layer {layer.Index}: dropout is the identity at inference");
        return input;
    }

    public override void WriteForwardBatch(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
        writer.WriteLine($"{LayerForward(layer.Index)}(batch, training);");
        writer.WriteLine();
    }

    public override void WritePredictRows(SourceWriter writer, LayerModel layer, string input)
    {
        int l = layer.Index;
        writer.Comment($"layer {l}: dropout is the identity at inference");
        writer.WriteLine($"{MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref {input}, start * {Out(l)}), (end - start) * {Out(l)}).CopyTo({A(l)}.Span.Slice(start * {Out(l)}, (end - start) * {Out(l)}));");
    }

    public override void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        string input = plan[layer].InputBuffer;
        writer.WriteLine();
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} forward over the batch. Training: each value is kept with probability 1 - {Rate(l)} and scaled
            /// by {Scale(l)}, else zeroed; the mask is kept for backward; draws from the network's seeded random source.
            /// Inference: a copy.
            /// </summary>
            """);
        writer.OpenBlock($"private void {LayerForward(l)}(int batch, bool training)");
        writer.OpenBlock("if (!training)");
        writer.WriteLine($"{input}.Span.Slice(0, batch * {Out(l)}).CopyTo({A(l)}.Span); // the identity at inference");
        writer.WriteLine("return;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"ref float x = ref {input}.Start;");
        writer.WriteLine($"ref float mask = ref {Mask(l)}.Start;");
        writer.WriteLine($"ref float a = ref {A(l)}.Start;");
        writer.OpenBlock($"for (int k = 0; k < batch * {Out(l)}; k++)");
        writer.WriteLine($"float keep = {RandomField}.NextSingle() < {Rate(l)} ? 0f : {Scale(l)};");
        writer.WriteLine($"{Unsafe}.Add(ref mask, k) = keep;");
        writer.WriteLine($"{Unsafe}.Add(ref a, k) = {Unsafe}.Add(ref x, k) * keep;");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        writer.Documentation($"<summary>Layer {l} backward: dLoss/dinput = dLoss/doutput ⊙ mask, written to {Dz(plan[layer].Source)}.</summary>");
        writer.OpenBlock($"private void {LayerBackward(l)}(int batch)");
        writer.WriteLine($"ref float mask = ref {Mask(l)}.Start;");
        writer.WriteLine($"ref float dy = ref {Dz(l)}.Start;");
        writer.WriteLine($"ref float dx = ref {Dz(plan[layer].Source)}.Start;");
        writer.OpenBlock($"for (int k = 0; k < batch * {Out(l)}; k++)");
        writer.WriteLine($"{Unsafe}.Add(ref dx, k) = {Unsafe}.Add(ref dy, k) * {Unsafe}.Add(ref mask, k);");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    public override IReadOnlyList<string> ForwardJobs(LayerPlan layer) => [];

    /// <summary>One random stream, drawn in order: the masks are drawn on the calling thread.</summary>
    public override void WriteForwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        writer.WriteLine($"{LayerForward(layer.Index)}(batch, training); // dropout: one random stream, drawn in order on this thread");

    public override void WriteForwardCases(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
    }

    /// <summary>The backward pass is one multiply per value, on the calling thread.</summary>
    public override bool BackwardOnWorkers => false;

    public override bool InputGradientBySamples(LayerModel layer) => false;

    public override void WriteBackwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer, string below) =>
        writer.WriteLine($"{LayerBackward(layer.Index)}(batch);");

    public override bool WriteBackwardCase(SourceWriter writer, NetworkPlan plan, LayerModel layer) => false;
}
