using StaticNets.Generators.Plan;
using System.Text;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>Pooling over windows of a channels-last image, channel by channel (max or average).</summary>
internal abstract class WindowPoolingLayer : ImageLayerUnit
{
    public override void Describe(StringBuilder text, LayerModel layer)
    {
        text.Append(Kind).Append('(').Append(layer.KernelHeight).Append('x').Append(layer.KernelWidth);
        if (layer.StrideHeight != layer.KernelHeight || layer.StrideWidth != layer.KernelWidth)
        {
            text.Append(", stride ").Append(layer.StrideHeight);
        }

        text.Append(')');
    }

    public override void WriteConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLine($"// Layer {l}: {layer.Kind} {layer.InHeight}x{layer.InWidth}x{layer.InChannels} -> {layer.OutHeight}x{layer.OutWidth}x{layer.OutChannels}, {layer.KernelHeight}x{layer.KernelWidth} windows every {layer.StrideHeight} rows and {layer.StrideWidth} columns{DroppedEdges(layer)}. No parameters.");
        WriteImageInput(writer, layer);
        writer.WriteLine($"private const int {OutHeight(l)} = {Int(layer.OutHeight)}, {OutWidth(l)} = {Int(layer.OutWidth)}, {OutChannels(l)} = {InChannels(l)};");
        writer.WriteLine($"private const int {KernelHeight(l)} = {Int(layer.KernelHeight)}, {KernelWidth(l)} = {Int(layer.KernelWidth)}, {StrideHeight(l)} = {Int(layer.StrideHeight)}, {StrideWidth(l)} = {Int(layer.StrideWidth)};");
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
        int rows = layer.InHeight - ((layer.OutHeight - 1) * layer.StrideHeight + layer.KernelHeight);
        int columns = layer.InWidth - ((layer.OutWidth - 1) * layer.StrideWidth + layer.KernelWidth);
        return rows == 0 && columns == 0 ? string.Empty : $" (the last {rows} row(s) and {columns} column(s) fill no window and are left out)";
    }
}
