using StaticNets.Generators.Plan;
using System.Collections.Generic;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// A layer without parameters over channels-last images (pooling): one kernel per sample, run over the samples of a
/// range so that threads can share a batch out, and a backward kernel over a range of samples.
/// </summary>
internal abstract class ImageLayerUnit : LayerUnit
{
    public override LayerInput Input => LayerInput.Image;


    public override IReadOnlyList<BufferPlan> Buffers(NetworkPlan plan, LayerModel layer) =>
        OutputBuffers(plan, layer, "output", "dLoss/doutput");

    public override string WritePredict(SourceWriter writer, LayerModel layer, string input, string output)
    {
        writer.WriteLine($"{LayerForward(layer.Index)}(ref {input}, ref {output});");
        return output;
    }

    public override void WriteForwardBatch(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
        WriteRows(writer, layer, $"{input}.Start", "0", "batch");
        writer.WriteLine();
    }

    public override void WritePredictRows(SourceWriter writer, LayerModel layer, string input) =>
        WriteRows(writer, layer, input, "start", "end");

    public override IReadOnlyList<string> BackwardJobs(LayerPlan layer) => ["Backward"];

    public override void WriteForwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        writer.WriteLine($"_job = {ParallelTrainingEmitter.Job(layer.Index, "Forward")};");
        writer.WriteLine("workers.Run(_trainPart);");
    }

    public override void WriteForwardCases(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input) =>
        WriteRowsCase(writer, layer, input);

    public override void WriteBackwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer, string below)
    {
        writer.WriteLine($"_job = {ParallelTrainingEmitter.Job(layer.Index, "Backward")}; // layer {layer.Index}: by samples{below}");
        writer.WriteLine("workers.Run(_trainPart);");
    }

    public override bool WriteBackwardCase(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLine($"case {ParallelTrainingEmitter.Job(l, "Backward")}: // layer {l} backward");
        writer.WriteLine($"    {LayerBackwardRows(l)}(first, end);");
        return true;
    }

    /// <summary>The constants of an image input: rows, columns, channels.</summary>
    public static void WriteImageInput(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLine($"private const int {InHeight(l)} = {Int(layer.InHeight)}, {InWidth(l)} = {Int(layer.InWidth)}, {InChannels(l)} = {Int(layer.InChannels)};");
    }

    /// <summary>
    /// Writes the sample loop of an image layer (convolution, pooling) over samples <paramref name="first"/> to
    /// <paramref name="end"/>: each sample's rows of the workspace are its own, so disjoint ranges may run on different
    /// threads. A padded layer copies each input into its zero-bordered buffer first; a layer with an activation writes
    /// z and a.
    /// </summary>
    /// <param name="input">A <c>ref float</c> expression for the first sample's input.</param>
    public static void WriteRows(SourceWriter writer, LayerModel layer, string input, string first, string end)
    {
        int l = layer.Index;
        string Row(string reference, string size) => $"ref {Unsafe}.Add(ref {reference}, s * {size})";
        writer.OpenBlock($"for (int s = {first}; s < {end}; s++)");
        string inputSize = In(l);
        if (layer.IsPadded)
        {
            writer.WriteLine($"{LayerPad(l)}({Row(input, In(l))}, {Row($"{Padded(l)}.Start", PaddedSize(l))});");
            input = $"{Padded(l)}.Start";
            inputSize = PaddedSize(l);
        }

        writer.WriteLine($"{LayerForward(l)}(");
        writer.WriteLine($"    {Row(input, inputSize)},");
        if (layer.HasActivation)
        {
            writer.WriteLine($"    {Row($"{Z(l)}.Start", Out(l))},");
        }

        writer.WriteLine($"    {Row($"{A(l)}.Start", Out(l))});");
        writer.CloseBlock();
    }

    /// <summary>The <c>case</c> of <c>TrainPart</c> that runs an image layer's forward pass on samples <c>first</c> to <c>end</c>.</summary>
    public static void WriteRowsCase(SourceWriter writer, LayerModel layer, string input)
    {
        writer.WriteLine($"case {ParallelTrainingEmitter.Job(layer.Index, "Forward")}: // layer {layer.Index} ({layer.Kind}) forward");
        writer.OpenBlock(string.Empty);
        WriteRows(writer, layer, input, "first", "end");
        writer.WriteLine("break;");
        writer.CloseBlock();
    }
}
