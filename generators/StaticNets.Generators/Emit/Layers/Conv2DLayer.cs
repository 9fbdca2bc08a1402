using StaticNets.Generators.Plan;
using System.Collections.Generic;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// A 2-D convolution over channels-last images: z[y, x, f] = b[f] + Σ in[y·s + ky, x·s + kx, c]·W[ky, kx, c, f], with W
/// (KernelHeight, KernelWidth, InChannels, OutChannels) row-major. Same padding copies each input into a zero-bordered
/// buffer first; the input gradient runs through a transposed copy of the weights.
/// </summary>
internal sealed partial class Conv2DLayer : WeightedLayerUnit
{
    public static readonly Conv2DLayer Instance = new();

    private Conv2DLayer()
    {
    }

    public override LayerKind Kind => LayerKind.Conv2D;

    public override string AttributeName => "Conv2DAttribute";

    public override LayerInput Input => LayerInput.Image;

    public override void Read(LayerArguments args, Declaration declaration)
    {
        bool rectangular = args.Count == 4;
        string name = args.Name;
        declaration.Units = args.Args.Int(0, 0);
        declaration.KernelHeight = args.Args.Int(1, 0);
        declaration.KernelWidth = rectangular ? args.Args.Int(2, 0) : declaration.KernelHeight;
        declaration.Stride = args.Args.NamedInt("Stride", 1);
        int padding = args.Args.NamedInt("Padding", 0);
        CheckAtLeastOne(args.Problems, args.Location, name + " filters", declaration.Units);
        if (rectangular)
        {
            CheckAtLeastOne(args.Problems, args.Location, name + " kernel height", declaration.KernelHeight);
            CheckAtLeastOne(args.Problems, args.Location, name + " kernel width", declaration.KernelWidth);
        }
        else
        {
            CheckAtLeastOne(args.Problems, args.Location, name + " kernel", declaration.KernelHeight);
        }

        CheckAtLeastOne(args.Problems, args.Location, name + " stride", declaration.Stride);
        if (padding is not (0 or 1))
        {
            args.Problems.Add(DiagnosticDescriptors.UndefinedEnumValue, args.Location, padding, "Padding", "Valid, Same");
        }

        declaration.Same = padding == 1;
        ReadActivation(args.Args, rectangular ? 3 : 2, name, args.Location, args.Problems, declaration);
        declaration.L1 = args.L1;
        declaration.L2 = args.L2;
    }

    public override LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems)
    {
        Shape shape = walk.Shape;
        if (!walk.Known || layer.KernelHeight < 1 || layer.KernelWidth < 1 || layer.Stride < 1 || layer.Units < 1)
        {
            walk.Known = false;
            return model;
        }

        if (!ConvolutionFits(layer, shape, out int outHeight, out int outWidth, out int padTop, out int padBottom, out int padLeft, out int padRight, out string? why))
        {
            problems.Add(DiagnosticDescriptors.ShapeDoesNotFit, layer.Location, layer.Number, layer.Kind, shape.ToString(), why);
            walk.Known = false;
            return model;
        }

        long weights = (long)layer.KernelHeight * layer.KernelWidth * shape.Channels * layer.Units;
        long biasOffset = walk.Offset + weights;
        long outputs = (long)outHeight * outWidth * layer.Units;
        if (biasOffset + layer.Units <= MaxParameters && outputs <= int.MaxValue)
        {
            model = model with
            {
                Outputs = (int)outputs,
                Activation = (ActivationKind)layer.Activation,
                Parameters = WeightsAndBiases(walk.Offset, [layer.KernelHeight, layer.KernelWidth, shape.Channels, layer.Units], biasOffset, layer.Units),
                MultiplyAdds = (long)outHeight * outWidth * weights,
                ActivationParameter = layer.Parameter,
                L1 = layer.L1,
                L2 = layer.L2,
                Settings = new WindowSettings(layer.KernelHeight, layer.KernelWidth, layer.Stride, layer.Stride, padTop, padBottom, padLeft, padRight),
                OutHeight = outHeight,
                OutWidth = outWidth,
                OutChannels = layer.Units,
            };
        }

        walk.Offset = biasOffset + layer.Units;
        walk.Shape = new Shape(outHeight, outWidth, layer.Units);
        walk.FanIn = (int)System.Math.Min(outputs, int.MaxValue);
        return model;
    }

    public override void Describe(StringBuilder text, LayerModel layer)
    {
        text.Append("Conv2D(").Append(layer.OutChannels).Append(", ").Append(layer.Window.KernelHeight).Append('x').Append(layer.Window.KernelWidth);
        if (layer.Window.StrideHeight != 1)
        {
            text.Append(", stride ").Append(layer.Window.StrideHeight);
        }

        if (layer.IsPadded)
        {
            text.Append(", same");
        }

        text.Append(", ");
        DescribeActivation(text, layer);
        text.Append(')');
    }

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Comment($"Layer {l}: Conv2D {layer.InHeight}x{layer.InWidth}x{layer.InChannels} -> {layer.OutHeight}x{layer.OutWidth}x{layer.OutChannels}, {layer.Window.KernelHeight}x{layer.Window.KernelWidth} kernel, stride {layer.Window.StrideHeight}, {(layer.IsPadded ? $"zero padding {layer.Window.PadTop} above, {layer.Window.PadBottom} below, {layer.Window.PadLeft} left, {layer.Window.PadRight} right" : "no padding")}, {layer.Activation}.");
        writer.Comment($"Weights ({KernelHeight(l)}, {KernelWidth(l)}, {InChannels(l)}, {OutChannels(l)}) row-major at {WeightsOffset(l)}, biases ({OutChannels(l)}) at {BiasOffset(l)}.");
        ImageLayerUnit.WriteImageInput(writer, layer);
        writer.WriteLine($"private const int {OutHeight(l)} = {Int(layer.OutHeight)}, {OutWidth(l)} = {Int(layer.OutWidth)}, {OutChannels(l)} = {Int(layer.OutChannels)};");
        writer.WriteLine($"private const int {KernelHeight(l)} = {Int(layer.Window.KernelHeight)}, {KernelWidth(l)} = {Int(layer.Window.KernelWidth)}, {Stride(l)} = {Int(layer.Window.StrideHeight)};");
        if (layer.IsPadded)
        {
            writer.WriteLine($"private const int {PadTop(l)} = {Int(layer.Window.PadTop)}, {PadLeft(l)} = {Int(layer.Window.PadLeft)}, {PaddedHeight(l)} = {Int(layer.PaddedHeight)}, {PaddedWidth(l)} = {Int(layer.PaddedWidth)}, {PaddedSize(l)} = {PaddedHeight(l)} * {PaddedWidth(l)} * {InChannels(l)};");
        }

        writer.WriteLine($"private const int {In(l)} = {InHeight(l)} * {InWidth(l)} * {InChannels(l)}, {Out(l)} = {OutHeight(l)} * {OutWidth(l)} * {OutChannels(l)};");
        writer.WriteLine($"private const int {WeightCount(l)} = {KernelHeight(l)} * {KernelWidth(l)} * {InChannels(l)} * {OutChannels(l)}, {WeightsOffset(l)} = {Int(Weights(layer).Offset)}, {BiasOffset(l)} = {Int(Biases(layer).Offset)};");
        WriteActivationAndPenaltyConstants(writer, layer);
    }

    public override IReadOnlyList<BufferPlan> Buffers(NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        var buffers = new List<BufferPlan>(ActivationBuffers(plan, layer, "dLoss/dz"));
        if (layer.IsPadded)
        {
            buffers.Add(new(Padded(l), [BufferPlan.BatchDimension, PaddedSize(l)], "the inputs with their zero borders", Note: "the borders stay zero: only the interior is ever written"));
        }

        if (plan[layer].NeedsInputGradient)
        {
            buffers.Add(new(Transposed(l), [WeightCount(l)], $"W{l} as (kernel row, kernel column, output channel, input channel), for the input gradient"));
            if (layer.IsPadded)
            {
                buffers.Add(new(PaddedGradient(l), [BufferPlan.BatchDimension, PaddedSize(l)], "the input gradients, borders included"));
            }
        }

        return buffers;
    }

    public override string WeightCountExpression(LayerModel layer) => WeightCount(layer.Index);

    public override string BiasCountName(LayerModel layer) => OutChannels(layer.Index);

    protected override (string FanIn, string FanOut) Fans(LayerModel layer)
    {
        int l = layer.Index;
        return ($"{KernelHeight(l)} * {KernelWidth(l)} * {InChannels(l)}", $"{KernelHeight(l)} * {KernelWidth(l)} * {OutChannels(l)}");
    }

    /// <summary>The backward adds into dW and db, so <c>TrainBatch</c> clears them first.</summary>
    public override bool StoresGradients => false;

    /// <summary>The zero-bordered copy of a padded layer's input.</summary>
    public override IEnumerable<(string Name, string Size, int Floats)> PredictWorkspace(LayerModel layer) =>
        layer.IsPadded ? [(PaddedName(layer), PaddedSize(layer.Index), layer.PaddedSize)] : [];

    private static string PaddedName(LayerModel layer) => "p" + Int(layer.Index);

    public override string WritePredict(SourceWriter writer, LayerModel layer, string input, string output)
    {
        int l = layer.Index;
        if (layer.IsPadded)
        {
            writer.WriteLine($"{LayerPad(l)}(ref {input}, ref {PaddedName(layer)});");
            input = PaddedName(layer);
        }

        writer.WriteLine($"{LayerForward(l)}(ref {input}, ref {output}, ref {output});");
        return output;
    }

    public override void WriteForwardBatch(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input)
    {
        ImageLayerUnit.WriteRows(writer, layer, $"{input}.Start", "0", "batch");
        writer.WriteLine();
    }

    public override void WritePredictRows(SourceWriter writer, LayerModel layer, string input) =>
        ImageLayerUnit.WriteRows(writer, layer, input, "start", "end");

    public override void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        writer.WriteLine();
        WriteForward(writer, layer);
    }

    /// <summary>Any activation but linear.</summary>
    public override bool HasDerivative(NetworkModel model, LayerModel layer) => layer.Activation != ActivationKind.Linear;

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        WriteBackward(writer, plan, layer);

    public override IReadOnlyList<string> BackwardJobs(LayerPlan layer) => ["Gradients"];

    public override void WriteForwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        writer.WriteLine($"_job = {ParallelTrainingEmitter.Job(layer.Index, "Forward")};");
        writer.WriteLine("workers.Run(_trainPart);");
    }

    public override void WriteForwardCases(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input) =>
        ImageLayerUnit.WriteRowsCase(writer, layer, input);

    public override void WriteBackwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer, string below)
    {
        bool inputGradient = plan[layer].NeedsInputGradient;
        if (inputGradient)
        {
            writer.WriteLine($"{Transpose(layer.Index)}();");
        }

        WriteGradientJob(writer, layer, inputGradient ? ", the input gradient by samples" : string.Empty, below);
    }

    public override bool WriteBackwardCase(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        bool inputGradient = plan[layer].NeedsInputGradient;
        writer.WriteLine($"case {ParallelTrainingEmitter.Job(l, "Gradients")}: // layer {l} weight gradient{(inputGradient ? " and input gradient" : string.Empty)}");
        writer.WriteLine($"    {WeightGradient(l)}(batch, part, parts);");
        if (inputGradient)
        {
            writer.WriteLine($"    {InputGradient(l)}(first, end);");
        }

        return true;
    }
}
