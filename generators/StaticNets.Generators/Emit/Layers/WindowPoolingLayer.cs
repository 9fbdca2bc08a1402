using StaticNets.Generators.Plan;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>Pooling over windows of a channels-last image, channel by channel (max or average).</summary>
internal abstract class WindowPoolingLayer : ImageLayerUnit
{
    /// <summary>A square or rectangular window, and a stride (0, the default, for the window's size).</summary>
    public override void Read(LayerArguments args, Declaration declaration)
    {
        bool rectangularWindow = args.Count == 2;
        string name = args.Name;
        declaration.KernelHeight = args.Args.Int(0, 0);
        declaration.KernelWidth = rectangularWindow ? args.Args.Int(1, 0) : declaration.KernelHeight;
        declaration.Stride = args.Args.NamedInt("Stride", 0);
        if (rectangularWindow)
        {
            CheckAtLeastOne(args.Problems, args.Location, name + " window height", declaration.KernelHeight);
            CheckAtLeastOne(args.Problems, args.Location, name + " window width", declaration.KernelWidth);
        }
        else
        {
            CheckAtLeastOne(args.Problems, args.Location, name + " window", declaration.KernelHeight);
        }

        if (declaration.Stride < 0)
        {
            args.Problems.Add(DiagnosticDescriptors.InvalidSetting, args.Location, name + " Stride", declaration.Stride.ToString(System.Globalization.CultureInfo.InvariantCulture), "at least 1, or 0 for the window's size");
        }
    }

    public override LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems)
    {
        Shape shape = walk.Shape;
        int strideHeight = layer.Stride == 0 ? layer.KernelHeight : layer.Stride;
        int strideWidth = layer.Stride == 0 ? layer.KernelWidth : layer.Stride;
        if (!walk.Known || layer.KernelHeight < 1 || layer.KernelWidth < 1 || strideHeight < 1 || strideWidth < 1)
        {
            walk.Known = false;
            return model;
        }

        if (layer.KernelHeight > shape.Height || layer.KernelWidth > shape.Width)
        {
            problems.Add(DiagnosticDescriptors.ShapeDoesNotFit, layer.Location, layer.Number, layer.Kind, shape.ToString(),
                $"the {layer.KernelHeight}x{layer.KernelWidth} window is larger than the image, so there is no output; use a smaller window");
            walk.Known = false;
            return model;
        }

        int outHeight = (shape.Height - layer.KernelHeight) / strideHeight + 1;
        int outWidth = (shape.Width - layer.KernelWidth) / strideWidth + 1;
        walk.Shape = new Shape(outHeight, outWidth, shape.Channels);
        walk.FanIn = walk.Shape.Size;
        return model with
        {
            Outputs = outHeight * outWidth * shape.Channels,
            Settings = new WindowSettings(layer.KernelHeight, layer.KernelWidth, strideHeight, strideWidth),
            OutHeight = outHeight,
            OutWidth = outWidth,
            OutChannels = shape.Channels,
        };
    }

    public override void Describe(StringBuilder text, LayerModel layer)
    {
        text.Append(Kind).Append('(').Append(layer.Window.KernelHeight).Append('x').Append(layer.Window.KernelWidth);
        if (layer.Window.StrideHeight != layer.Window.KernelHeight || layer.Window.StrideWidth != layer.Window.KernelWidth)
        {
            text.Append(", stride ").Append(layer.Window.StrideHeight);
        }

        text.Append(')');
    }

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Comment($"Layer {l}: {layer.Kind} {layer.InHeight}x{layer.InWidth}x{layer.InChannels} -> {layer.OutHeight}x{layer.OutWidth}x{layer.OutChannels}, {layer.Window.KernelHeight}x{layer.Window.KernelWidth} windows every {layer.Window.StrideHeight} rows and {layer.Window.StrideWidth} columns{DroppedEdges(layer)}. No parameters.");
        WriteImageInput(writer, layer);
        writer.WriteLine($"private const int {OutHeight(l)} = {Int(layer.OutHeight)}, {OutWidth(l)} = {Int(layer.OutWidth)}, {OutChannels(l)} = {InChannels(l)};");
        writer.WriteLine($"private const int {KernelHeight(l)} = {Int(layer.Window.KernelHeight)}, {KernelWidth(l)} = {Int(layer.Window.KernelWidth)}, {StrideHeight(l)} = {Int(layer.Window.StrideHeight)}, {StrideWidth(l)} = {Int(layer.Window.StrideWidth)};");
        writer.WriteLine($"private const int {In(l)} = {InHeight(l)} * {InWidth(l)} * {InChannels(l)}, {Out(l)} = {OutHeight(l)} * {OutWidth(l)} * {OutChannels(l)};");
    }

    public override void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        writer.WriteLine();
        PoolingKernels.WriteForward(writer, layer);
    }

    /// <summary>Says which input rows and columns pooling leaves out, if any.</summary>
    private static string DroppedEdges(LayerModel layer)
    {
        int rows = layer.InHeight - ((layer.OutHeight - 1) * layer.Window.StrideHeight + layer.Window.KernelHeight);
        int columns = layer.InWidth - ((layer.OutWidth - 1) * layer.Window.StrideWidth + layer.Window.KernelWidth);
        return rows == 0 && columns == 0 ? string.Empty : $" (the last {rows} row(s) and {columns} column(s) fill no window and are left out)";
    }
}
