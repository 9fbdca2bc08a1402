using System.Collections.Generic;
using StaticNets.Generators.Models;
using StaticNets.Generators.Plan;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// The backward kernels of a dense layer: the activation derivative, dW = xᵀ·dz and db = Σ dz over the batch (by rows
/// of dW, so threads can share them), and the input gradient dx = dz·Wᵀ.
/// </summary>
internal sealed partial class DenseLayer
{
    /// <summary>Writes <c>Layer{l}Backward</c> of a dense layer and the kernels it calls.</summary>
    internal static void WriteDenseBackward(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        NetworkModel model = plan.Model;
        int l = layer.Index;
        bool applyDerivative = plan[layer].HasDerivative;
        bool fused = l == model.Layers.Count && BackwardEmitter.IsFused(model.Loss);
        bool inputGradient = plan[layer].NeedsInputGradient;
        int source = plan[layer].Source;
        string input = source == 0 ? Inputs : A(source);
        string inputName = source == 0 ? "x" : "a" + Int(source);
        string derivativeStep = applyDerivative
            ? $"dz{l} = da{l} ⊙ {Formula(layer.Activation)}'(z{l}) (<see cref=\"{Derivative(l)}\"/>)"
            : fused
                ? $"nothing to apply: the loss already gives dLoss/dz{l}"
                : $"nothing to apply: a linear layer has dz{l} = da{l}";
        string entry = fused ? $"dLoss/dz{l} (the loss is fused with the {Formula(layer.Activation)})" : $"dLoss/da{l}";
        bool stores = plan.StoresGradients;

        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} backward over the batch. On entry {Dz(l)} holds {entry}.
            /// <list type="number">
            /// <item>{derivativeStep}</item>
            /// <item>dW{l} {(stores ? "=" : "+=")} {inputName}ᵀ·dz{l}; db{l} {(stores ? "=" : "+=")} Σ_s dz{l} (<see cref="{WeightGradient(l)}"/>{(stores ? ": stored inside TrainBatch, added to the gradients otherwise" : ": accumulated, so ZeroGradients must run first")})</item>
            /// <item>{(inputGradient ? $"d{inputName} = dz{l}·W{l}ᵀ, written to {Dz(source)} (<see cref=\"{InputGradient(l)}\"/>)" : l == 1 ? "no input gradient: layer 1 reads the network's inputs" : "no input gradient: no layer with parameters lies below")}</item>
            /// </list>
            /// Each step is a method over a range (samples, or rows of dW), so that threads can share it out.
            /// </summary>
            """);
        writer.OpenBlock($"private void {LayerBackward(l)}(int batch)");
        if (applyDerivative)
        {
            writer.WriteLine($"{Derivative(l)}(0, batch);");
        }

        writer.WriteLine($"{WeightGradient(l)}(batch, 0, 1);");
        if (inputGradient)
        {
            writer.WriteLine($"{InputGradient(l)}(0, batch, 0, {In(l)});");
        }

        writer.CloseBlock();

        if (applyDerivative)
        {
            WriteDerivativeMethod(writer, layer);
        }

        int tiles = layer.Inputs / InputTile;
        writer.WriteLine();
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l}: part <paramref name="part"/> of <paramref name="parts"/> of dW{l} = {inputName}ᵀ·dz{l} over the whole batch, in register
            /// tiles of {InputTile} rows. The {tiles} tiles of rows are shared out between the parts{(layer.Inputs % InputTile != 0 ? $" (the last part also takes the last {layer.Inputs % InputTile} rows)" : string.Empty)},
            /// so parts write disjoint rows and every row is summed over the samples in the same order however many parts
            /// there are. Part 0 also sums db{l}.
            /// </summary>
            """);
        writer.OpenBlock($"private void {WeightGradient(l)}(int batch, int part, int parts)");
        writer.WriteLine($"ref float dw = ref {Unsafe}.Add(ref {Gradients}.Start, {WeightsOffset(l)});");
        writer.WriteLine($"ref float db = ref {Unsafe}.Add(ref {Gradients}.Start, {BiasOffset(l)});");
        if (stores)
        {
            writer.WriteLine($"bool accumulate = !{OverwriteGradients}; // false inside TrainBatch: dW and db are stored, not added to cleared memory");
        }

        writer.WriteLine($"ref float x = ref {input}.Start; // (batch, {In(l)})");
        writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
        if (plan[layer].ChunksInputs)
        {
            writer.WriteLine($"int firstRow = {PartFirstRow(l)}; // the rows of this part's input chunks, as in the forward pass and the step");
            writer.WriteLine($"int endRow = {PartEndRow(l)};");
        }
        else
        {
            string rowTiles = $"({In(l)} / {Int(InputTile)})";
            writer.Comment($"whole tiles of rows; a single part takes them all without an integer division (tens of cycles, a tiny layer's whole budget)");
            writer.WriteLine($"int firstRow = parts == 1 ? 0 : part * {rowTiles} / parts * {Int(InputTile)};");
            writer.WriteLine($"int endRow = parts == 1 ? {rowTiles} * {Int(InputTile)} : (part + 1) * {rowTiles} / parts * {Int(InputTile)};");
        }

        writer.OpenBlock("if (part == 0)");
        writer.Comment("db += Σ_s dz");
        SimdEmitter.WidthLadder(
            writer,
            width => WriteBiasGradient(writer, layer, width, stores),
            () => WriteScalarBiasGradient(writer, layer, stores));
        writer.CloseBlock();
        writer.WriteLine();
        writer.Comment($"dW += {inputName}ᵀ·dz, rows firstRow to endRow in register tiles of {InputTile}, accumulated over the batch");
        SimdEmitter.WidthLadder(
            writer,
            width => WriteWeightGradient(writer, model, layer, width, stores),
            () => WriteScalarWeightGradient(writer, layer, stores));
        writer.CloseBlock();

        if (inputGradient)
        {
            writer.WriteLine();
            writer.Documentation($"<summary>Layer {l}, samples <paramref name=\"first\"/> to <paramref name=\"end\"/>, inputs <paramref name=\"i0\"/> to <paramref name=\"i1\"/>: d{inputName} = dz{l}·W{l}ᵀ, written to {Dz(source)}.</summary>");
            writer.OpenBlock($"private void {InputGradient(l)}(int first, int end, int i0, int i1)");
            writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)}); // ({In(l)}, {Out(l)})");
            writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
            writer.WriteLine($"ref float dx = ref {Dz(source)}.Start; // (batch, {In(l)})");
            WriteInputGradient(writer, model, layer);
            writer.CloseBlock();
        }
    }

    /// <summary>db += Σ_s dz (stored instead when <paramref name="stores"/> and not accumulating), in vector blocks.</summary>
    private static void WriteBiasGradient(SourceWriter writer, LayerModel layer, VectorWidth width, bool stores)
    {
        int l = layer.Index;
        SimdEmitter.Blocks(writer, layer.Outputs, Out(l), width, "biases", scoped: true, (block, baseOffset) =>
        {
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine($"var {SimdEmitter.Accumulator(k)} = {GradientStart(block[k].Width, block[k].Width.Load("db", SimdEmitter.Offset(baseOffset, block[k].Offset)), stores)};");
            }

            writer.OpenBlock("for (int s = 0; s < batch; s++)");
            writer.WriteLine($"ref float dzRow = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine($"{SimdEmitter.Accumulator(k)} += {block[k].Width.Load("dzRow", SimdEmitter.Offset(baseOffset, block[k].Offset))};");
            }

            writer.CloseBlock();
            writer.WriteLine();
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine(block[k].Width.Store(SimdEmitter.Accumulator(k), "db", SimdEmitter.Offset(baseOffset, block[k].Offset)));
            }
        });
    }

    /// <summary>db without SIMD: one sum per output over the batch.</summary>
    private static void WriteScalarBiasGradient(SourceWriter writer, LayerModel layer, bool stores)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
        writer.WriteLine($"float sum = {(stores ? $"accumulate ? {Unsafe}.Add(ref db, o) : 0f" : $"{Unsafe}.Add(ref db, o)")};");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"sum += {Unsafe}.Add(ref dz, s * {Out(l)} + o);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Unsafe}.Add(ref db, o) = sum;");
        writer.CloseBlock();
    }

    /// <summary>dW without SIMD: rows firstRow to endRow (and the rows after the last full tile, by the last part), one sum per weight over the batch.</summary>
    private static void WriteScalarWeightGradient(SourceWriter writer, LayerModel layer, bool stores)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int i = firstRow; i < (part == parts - 1 ? {In(l)} : endRow); i++)");
        writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
        writer.WriteLine($"ref float dwi = ref {Unsafe}.Add(ref dw, i * {Out(l)} + o);");
        writer.WriteLine($"float sum = {(stores ? "accumulate ? dwi : 0f" : "dwi")};");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"sum += {Unsafe}.Add(ref x, s * {In(l)} + i) * {Unsafe}.Add(ref dz, s * {Out(l)} + o);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("dwi = sum;");
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
