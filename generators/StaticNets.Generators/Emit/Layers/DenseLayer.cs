using StaticNets.Generators.Plan;
using System.Collections.Generic;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// A dense layer: z = x·W + b, a = activation(z), with W (In, Out) row-major. One sample at a time in
/// <c>Predict</c>, register tiles of samples over the batch, and for layers with many weights the input chunks that
/// threads share by rows of W (<see cref="SplitsInputs"/>).
/// </summary>
internal sealed partial class DenseLayer : WeightedLayerUnit
{
    public static readonly DenseLayer Instance = new();

    private DenseLayer()
    {
    }

    public override LayerKind Kind => LayerKind.Dense;

    public override string AttributeName => "DenseAttribute";

    public override LayerInput Input => LayerInput.Vector;

    /// <summary>The only layer whose output can be the network's: the losses read a vector of outputs with an activation.</summary>
    public override bool CanBeOutput => true;

    public override void Read(LayerArguments args, Declaration declaration)
    {
        declaration.Units = args.Args.Int(0, 0);
        CheckAtLeastOne(args.Problems, args.Location, args.Name, declaration.Units);
        ReadActivation(args.Args, 1, args.Name, args.Location, args.Problems, declaration);
        declaration.L1 = args.L1;
        declaration.L2 = args.L2;
    }

    public override LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems)
    {
        // Each term is below 2^62 and the offset stays below 2^28 + 2^62, so nothing here can overflow a long.
        long weights = (long)System.Math.Max(walk.FanIn, 0) * System.Math.Max(layer.Units, 0);
        long biasOffset = walk.Offset + weights;
        if (biasOffset + layer.Units <= MaxParameters)
        {
            model = model with
            {
                Outputs = layer.Units,
                Activation = (ActivationKind)layer.Activation,
                Parameters = WeightsAndBiases(walk.Offset, [walk.FanIn, layer.Units], biasOffset, layer.Units),
                MultiplyAdds = weights,
                ActivationParameter = layer.Parameter,
                L1 = layer.L1,
                L2 = layer.L2,
                InHeight = 0,
                InWidth = 0,
                InChannels = 0,
            };
        }

        walk.Offset = biasOffset + System.Math.Max(layer.Units, 0);
        walk.FanIn = layer.Units;
        walk.Shape = default;
        return model;
    }

    public override void Describe(StringBuilder text, LayerModel layer)
    {
        text.Append("Dense(").Append(layer.Outputs).Append(", ");
        DescribeActivation(text, layer);
        text.Append(')');
    }

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Comment($"Layer {l}: Dense {layer.Inputs} -> {layer.Outputs}, {layer.Activation}. Weights ({In(l)}, {Out(l)}) row-major at {WeightsOffset(l)}, biases ({Out(l)}) at {BiasOffset(l)}.");
        writer.WriteLine($"private const int {In(l)} = {Int(layer.Inputs)}, {Out(l)} = {Int(layer.Outputs)}, {WeightsOffset(l)} = {Int(Weights(layer).Offset)}, {BiasOffset(l)} = {Int(Biases(layer).Offset)};");
        WriteActivationAndPenaltyConstants(writer, layer);
    }

    public override IReadOnlyList<BufferPlan> Buffers(NetworkPlan plan, LayerModel layer)
    {
        var buffers = new List<BufferPlan>(ActivationBuffers(plan, layer, "dLoss/dz"));
        if (plan[layer].ChunksInputs)
        {
            buffers.Add(new(Partial(layer.Index), [InputChunksName, BufferPlan.BatchDimension, Out(layer.Index)], "the input chunks' partial products, summed by the forward pass"));
        }

        return buffers;
    }

    /// <summary>Layers with many weights and an activation that works output by output (see <see cref="SplitsInputs"/>).</summary>
    public override bool ChunksInputs(LayerModel layer) => SplitsInputs(layer);

    public override string WeightCountExpression(LayerModel layer) => $"{In(layer.Index)} * {Out(layer.Index)}";

    public override string BiasCountName(LayerModel layer) => Out(layer.Index);

    protected override (string FanIn, string FanOut) Fans(LayerModel layer) => (In(layer.Index), Out(layer.Index));

    /// <summary>Every entry of dW and db is written once per batch, so <c>TrainBatch</c> need not clear them.</summary>
    public override bool StoresGradients => true;

    public override string WritePredict(SourceWriter writer, LayerModel layer, string input, string output)
    {
        writer.WriteLine($"{LayerForward(layer.Index)}(ref {input}, ref {output}, ref {output});");
        return output;
    }

    public override void WriteForwardBatch(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
        int l = layer.Index;
        if (plan[layer].ChunksInputs)
        {
            writer.Comment($"layer {l}: its input chunks one after another, then their sum (the same sums threads sharing the chunks make)");
            writer.OpenBlock($"for (int chunk = 0; chunk < {InputChunksName}; chunk++)");
            writer.WriteLine($"{LayerForwardPartial(l)}(ref {input}.Start, batch, chunk);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine($"{LayerForwardCombine(l)}(batch, 0, batch);");
            writer.WriteLine();
            return;
        }

        writer.WriteLine($"{LayerForwardBatch(l)}(ref {input}.Start, 0, batch);");
        writer.WriteLine();
    }

    public override void WritePredictRows(SourceWriter writer, LayerModel layer, string input) =>
        writer.WriteLine($"{LayerForwardBatch(layer.Index)}(ref {input}, start, end);");

    public override void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        writer.WriteLine();
        WriteDenseForward(writer, plan.Model, layer);
        writer.WriteLine();
        WriteForward(writer, plan.Model, layer);
        if (plan[layer].ChunksInputs)
        {
            writer.WriteLine();
            WriteForwardChunks(writer, layer);
        }
    }

    /// <summary>
    /// Any activation but linear and softmax (only ever fused with its loss), except in an output layer whose loss
    /// hands it dLoss/dz directly.
    /// </summary>
    public override bool HasDerivative(NetworkModel model, LayerModel layer) =>
        layer.Activation is not (ActivationKind.Linear or ActivationKind.Softmax)
        && !(layer.Index == model.Layers.Count && BackwardEmitter.IsFused(model.Loss));

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        WriteDenseBackward(writer, plan, layer);

    /// <summary>
    /// The backward kernels read a row's tail as one partial vector where the parameters after W allow it
    /// (<see cref="OverRead"/>), and the last sample's row then reads this far past the end: the widest
    /// spill of the plans at every vector width, 0 for rows that split into whole vectors.
    /// </summary>
    public override int DzPadding(NetworkModel model, LayerModel layer)
    {
        int padding = 0;
        foreach (VectorWidth width in VectorWidth.Vectors)
        {
            var chunks = Chunk.Plan(layer.Outputs, width, OverRead(model, layer));
            padding = System.Math.Max(padding, chunks[chunks.Count - 1].Spill);
        }

        return padding;
    }

    /// <summary>A layer shared by input chunks runs the chunks' partial products, then their sum by samples.</summary>
    public override IReadOnlyList<string> ForwardJobs(LayerPlan layer) => layer.ChunksInputs ? ["Chunks", "Combine"] : ["Forward"];

    public override IReadOnlyList<string> BackwardJobs(LayerPlan layer) => ["Gradients"];

    public override void WriteForwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        bool splits = plan[layer].ChunksInputs;
        writer.WriteLine($"_job = {ParallelTrainingEmitter.Job(l, splits ? "Chunks" : "Forward")};{(splits ? $" // layer {l}: the input chunks' partial products, by chunks" : string.Empty)}");
        writer.WriteLine("workers.Run(_trainPart);");
        if (splits)
        {
            writer.WriteLine($"_job = {ParallelTrainingEmitter.Job(l, "Combine")}; // layer {l}: their sum, bias and activation, by samples");
            writer.WriteLine("workers.Run(_trainPart);");
        }
    }

    public override void WriteForwardCases(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
        int l = layer.Index;
        if (plan[layer].ChunksInputs)
        {
            writer.WriteLine($"case {ParallelTrainingEmitter.Job(l, "Chunks")}: // layer {l} (Dense) forward: this part's input chunks");
            writer.OpenBlock("    for (int chunk = FirstChunk(part, parts); chunk < FirstChunk(part + 1, parts); chunk++)");
            writer.WriteLine($"{LayerForwardPartial(l)}(ref {input}, batch, chunk);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("    break;");
            writer.WriteLine($"case {ParallelTrainingEmitter.Job(l, "Combine")}: // layer {l} (Dense) forward: the chunks' sum");
            writer.WriteLine($"    {LayerForwardCombine(l)}(batch, first, end);");
            writer.WriteLine("    break;");
            return;
        }

        writer.WriteLine($"case {ParallelTrainingEmitter.Job(l, "Forward")}: // layer {l} (Dense) forward");
        writer.WriteLine($"    {LayerForwardBatch(l)}(ref {input}, first, end);");
        writer.WriteLine("    break;");
    }

    /// <summary>A layer shared by input chunks writes its input gradient by inputs, not samples.</summary>
    public override bool InputGradientBySamples(LayerModel layer) => !SplitsInputs(layer);

    public override void WriteBackwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer, string below)
    {
        string inputGradient = !plan[layer].NeedsInputGradient ? string.Empty
            : plan[layer].ChunksInputs ? ", the input gradient by inputs"
            : ", the input gradient by samples";
        WriteGradientJob(writer, layer, inputGradient, below);
    }

    public override bool WriteBackwardCase(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        bool inputGradient = plan[layer].NeedsInputGradient;
        writer.WriteLine($"case {ParallelTrainingEmitter.Job(l, "Gradients")}: // layer {l} weight gradient{(inputGradient ? " and input gradient" : string.Empty)}");
        writer.WriteLine($"    {WeightGradient(l)}(batch, part, parts);");
        if (inputGradient)
        {
            writer.WriteLine(plan[layer].ChunksInputs
                ? $"    {InputGradient(l)}(0, batch, {PartFirstRow(l)}, part == parts - 1 ? {In(l)} : {PartEndRow(l)}); // by this part's rows of W{l}"
                : $"    {InputGradient(l)}(first, end, 0, {In(l)});");
        }

        return true;
    }

    /// <summary>A layer shared by input chunks steps the rows of W each thread owns; the others a contiguous share.</summary>
    public override void WriteStepPart(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        if (!plan[layer].ChunksInputs)
        {
            base.WriteStepPart(writer, plan, layer);
            return;
        }

        int l = layer.Index;
        writer.Comment($"layer {l}: the rows of W{l} in this part's input chunks");
        writer.WriteLine($"{StepRange}({WeightsOffset(l)} + {PartFirstRow(l)} * {Out(l)}, {WeightsOffset(l)} + (part == parts - 1 ? {In(l)} : {PartEndRow(l)}) * {Out(l)});");
        WriteBiasStep(writer, layer);
    }
}
