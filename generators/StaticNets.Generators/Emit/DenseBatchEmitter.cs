using System.Collections.Generic;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes the register-tiled batch kernels of dense layers: the forward pass as a GEMM over tiles of
/// <see cref="SampleTile"/> samples × up to <see cref="VectorTile"/> vectors of outputs, with bias and activation in
/// the epilogue; and the weight gradient dW = Xᵀ·dZ over tiles of <see cref="InputTile"/> inputs × up to
/// <see cref="VectorTile"/> vectors of outputs. Each weight (or gradient) vector loaded feeds several FMAs, so the
/// kernels are bound by the FMA units rather than by loads.
/// </summary>
internal static class DenseBatchEmitter
{
    /// <summary>Samples per forward tile: each weight vector loaded is used by this many samples.</summary>
    public const int SampleTile = 4;

    /// <summary>Inputs per weight-gradient tile: each dz vector loaded is used by this many rows of dW.</summary>
    public const int InputTile = 4;

    /// <summary>Output vectors per tile; <see cref="SampleTile"/> × this accumulators stay in registers.</summary>
    public const int VectorTile = 4;

    /// <summary>
    /// Whether <c>TrainBatch</c> skips clearing the gradients because every layer's backward stores its gradients
    /// instead of adding to them: true when every layer is dense or dropout (the dense backward writes every entry of
    /// dW and db; dropout has no parameters). Any other layer kind keeps the clear-then-accumulate path.
    /// </summary>
    public static bool StoresGradients(NetworkModel model) => OnlyDenseAndDropout(model);

    /// <summary>
    /// Whether every layer is dense or dropout, the kinds whose batch forward can run on a range of rows (and so be
    /// split across threads) and whose backward stores its gradients.
    /// </summary>
    public static bool OnlyDenseAndDropout(NetworkModel model)
    {
        foreach (LayerModel layer in model.Layers)
        {
            if (layer.Kind is not (LayerKind.Dense or LayerKind.Dropout))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The start value of a gradient accumulator: the stored gradient, or zero inside <c>TrainBatch</c> when
    /// <paramref name="stores"/> (the generated local <c>accumulate</c> is then false).
    /// </summary>
    public static string GradientStart(VectorWidth width, string load, bool stores) =>
        stores ? $"accumulate ? {load} : {(width.IsScalar ? "0f" : width.Class + "<float>.Zero")}" : load;

    /// <summary>The name of the batch forward kernel of a dense layer.</summary>
    public static string LayerForwardBatch(int layer) => LayerForward(layer) + "Batch";

    /// <summary>Writes <c>Layer{l}ForwardBatch(int batch)</c>.</summary>
    public static void WriteForward(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        string activation = layer.Activation == ActivationKind.Softmax ? "softmax(z)" : $"{Formula(layer.Activation)}(z)";
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} forward over the batch: Z = X·W{l} + b{l}; A = {activation.Replace("(z)", "(Z)")}, row by row.
            /// A register-tiled GEMM: {SampleTile} samples × up to {VectorTile} vectors of outputs at a time, so each weight vector
            /// loaded feeds {SampleTile} FMAs; the bias starts the accumulators and the activation is applied as they are stored.
            /// The last (end - start) % {SampleTile} samples go through the one-sample kernel <see cref="{LayerForward(l)}"/>.
            /// </summary>
            /// <param name="x">The layer's inputs, (batch, {In(l)}) row-major; rows <paramref name="start"/> to <paramref name="end"/> are read.</param>
            /// <param name="start">The first sample (row) to compute.</param>
            /// <param name="end">One past the last sample; rows of {Z(l)} and {A(l)} outside [start, end) are not touched.</param>
            """);
        writer.OpenBlock($"private void {LayerForwardBatch(l)}(ref float x, int start, int end)");
        writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {MemoryMarshal}.GetArrayDataReference({Parameters}), {WeightsOffset(l)}); // ({In(l)}, {Out(l)})");
        writer.WriteLine($"ref float b = ref {Unsafe}.Add(ref {MemoryMarshal}.GetArrayDataReference({Parameters}), {BiasOffset(l)}); // ({Out(l)})");
        writer.WriteLine($"ref float z = ref {MemoryMarshal}.GetArrayDataReference({Z(l)}); // (batch, {Out(l)})");
        writer.WriteLine($"ref float a = ref {MemoryMarshal}.GetArrayDataReference({A(l)}); // (batch, {Out(l)})");
        writer.WriteLine("int s = start;");
        writer.OpenBlock($"for (; s <= end - {SampleTile}; s += {SampleTile})");
        for (int r = 0; r < SampleTile; r++)
        {
            writer.WriteLine($"ref float x{r} = ref {Unsafe}.Add(ref x, (s + {r}) * {In(l)});");
        }

        for (int r = 0; r < SampleTile; r++)
        {
            writer.WriteLine($"ref float z{r} = ref {Unsafe}.Add(ref z, (s + {r}) * {Out(l)});");
        }

        for (int r = 0; r < SampleTile; r++)
        {
            writer.WriteLine($"ref float a{r} = ref {Unsafe}.Add(ref a, (s + {r}) * {Out(l)});");
        }

        SimdEmitter.WidthLadder(
            writer,
            width => TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteForwardTile(writer, layer, block, baseOffset)),
            () =>
            {
                for (int r = 0; r < SampleTile; r++)
                {
                    writer.WriteLine($"{LayerForward(l)}(ref x{r}, ref z{r}, ref a{r});");
                }
            });

        if (layer.Activation == ActivationKind.Softmax)
        {
            for (int r = 0; r < SampleTile; r++)
            {
                if (layer.Outputs <= ForwardEmitter.MaxUnrolledSoftmax)
                {
                    writer.OpenBlock(string.Empty);
                    ForwardEmitter.WriteUnrolledSoftmax(writer, layer, $"z{r}", $"a{r}");
                    writer.CloseBlock();
                }
                else
                {
                    writer.WriteLine($"{Softmax}.Forward({MemoryMarshal}.CreateReadOnlySpan(ref z{r}, {Out(l)}), {MemoryMarshal}.CreateSpan(ref a{r}, {Out(l)}));");
                }
            }
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.OpenBlock("for (; s < end; s++)");
        writer.WriteLine($"{LayerForward(l)}(ref {Unsafe}.Add(ref x, s * {In(l)}), ref {Unsafe}.Add(ref z, s * {Out(l)}), ref {Unsafe}.Add(ref a, s * {Out(l)}));");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>One forward tile: SampleTile × block accumulators start at the biases, take one FMA per input each, are stored.</summary>
    private static void WriteForwardTile(SourceWriter writer, LayerModel layer, List<Chunk> block, string? baseOffset)
    {
        int l = layer.Index;
        for (int k = 0; k < block.Count; k++)
        {
            writer.WriteLine($"var {Acc(0, k)} = {block[k].Width.Load("b", SimdEmitter.Offset(baseOffset, block[k].Offset))};");
        }

        for (int r = 1; r < SampleTile; r++)
        {
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine($"var {Acc(r, k)} = {Acc(0, k)};");
            }
        }

        writer.OpenBlock($"for (int i = 0; i < {In(l)}; i++)");
        writer.WriteLine($"ref float row = ref {Unsafe}.Add(ref w, i * {Out(l)});");
        for (int k = 0; k < block.Count; k++)
        {
            writer.WriteLine($"var w{k} = {block[k].Width.Load("row", SimdEmitter.Offset(baseOffset, block[k].Offset))};");
        }

        for (int r = 0; r < SampleTile; r++)
        {
            WriteBroadcasts(writer, block, $"x{r}i", $"{Unsafe}.Add(ref x{r}, i)");
            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                writer.WriteLine($"{Acc(r, k)} = {chunk.Width.FusedMultiplyAdd(BroadcastName($"x{r}i", chunk.Width), "w" + Int(k), Acc(r, k))};");
            }
        }

        writer.CloseBlock();
        writer.WriteLine();
        for (int r = 0; r < SampleTile; r++)
        {
            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                string offset = SimdEmitter.Offset(baseOffset, chunk.Offset);
                writer.WriteLine(chunk.Width.Store(Acc(r, k), $"z{r}", offset));
                if (layer.Activation != ActivationKind.Softmax)
                {
                    string value = layer.Activation == ActivationKind.Linear ? Acc(r, k) : ActivationForward(layer, Acc(r, k));
                    writer.WriteLine(chunk.Width.Store(value, $"a{r}", offset));
                }
            }
        }
    }

    /// <summary>
    /// Writes dW += Xᵀ·dZ for a dense layer's backward (inside its width ladder), with <c>x</c>, <c>dz</c>, <c>dw</c>,
    /// <c>firstRow</c>, <c>endRow</c>, <c>part</c> and <c>parts</c> in scope: rows firstRow to endRow in tiles of
    /// <see cref="InputTile"/> rows × up to <see cref="VectorTile"/> vectors, accumulated over the batch in registers; the
    /// last In % InputTile rows one at a time, by the last part.
    /// </summary>
    public static void WriteWeightGradient(SourceWriter writer, LayerModel layer, VectorWidth width, bool stores)
    {
        int l = layer.Index;
        int fullTiles = layer.Inputs / InputTile * InputTile;
        if (fullTiles > 0)
        {
            writer.WriteLine($"// {InputTile} rows of dW at a time: each dz vector loaded feeds {InputTile} FMAs");
            writer.OpenBlock($"for (int i = firstRow; i < endRow; i += {InputTile})");
            for (int r = 0; r < InputTile; r++)
            {
                writer.WriteLine($"ref float dwRow{r} = ref {Unsafe}.Add(ref dw, (i + {r}) * {Out(l)});");
            }

            TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteGradientTile(writer, layer, block, baseOffset, InputTile, stores));
            writer.CloseBlock();
        }

        if (fullTiles < layer.Inputs)
        {
            if (fullTiles > 0)
            {
                writer.WriteLine();
            }

            writer.WriteLine(fullTiles > 0 ? $"// rows {fullTiles}..{layer.Inputs - 1} of dW, one at a time, by the last part" : "// rows of dW one at a time, by the last part");
            writer.OpenBlock($"for (int i = part == parts - 1 ? {In(l)} - {In(l)} % {InputTile} : {In(l)}; i < {In(l)}; i++)");
            writer.WriteLine($"ref float dwRow0 = ref {Unsafe}.Add(ref dw, i * {Out(l)});");
            TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteGradientTile(writer, layer, block, baseOffset, 1, stores));
            writer.CloseBlock();
        }
    }

    /// <summary>One gradient tile: <paramref name="rows"/> rows of dW × block, loaded, accumulated over the batch, stored.</summary>
    private static void WriteGradientTile(SourceWriter writer, LayerModel layer, List<Chunk> block, string? baseOffset, int rows, bool stores)
    {
        int l = layer.Index;
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine($"var {Acc(r, k)} = {GradientStart(block[k].Width, block[k].Width.Load($"dwRow{r}", SimdEmitter.Offset(baseOffset, block[k].Offset)), stores)};");
            }
        }

        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"ref float xRow = ref {Unsafe}.Add(ref x, s * {In(l)} + i);");
        writer.WriteLine($"ref float dzRow = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
        for (int k = 0; k < block.Count; k++)
        {
            writer.WriteLine($"var g{k} = {block[k].Width.Load("dzRow", SimdEmitter.Offset(baseOffset, block[k].Offset))};");
        }

        for (int r = 0; r < rows; r++)
        {
            WriteBroadcasts(writer, block, $"x{r}s", $"{Unsafe}.Add(ref xRow, {r})");
            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                writer.WriteLine($"{Acc(r, k)} = {chunk.Width.FusedMultiplyAdd(BroadcastName($"x{r}s", chunk.Width), "g" + Int(k), Acc(r, k))};");
            }
        }

        writer.CloseBlock();
        writer.WriteLine();
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine(block[k].Width.Store(Acc(r, k), $"dwRow{r}", SimdEmitter.Offset(baseOffset, block[k].Offset)));
            }
        }
    }

    /// <summary>
    /// Writes the first part of dX = dZ·Wᵀ for a dense layer's backward, with <c>w</c>, <c>dz</c> and <c>dx</c> in scope:
    /// <c>int t</c>, then a loop over tiles of <see cref="SampleTile"/> samples from <c>first</c> towards <c>end</c> in
    /// which each row of W is loaded once for the dot products of all the tile's samples (so W streams from cache once
    /// per tile, not once per sample). The caller's one-sample loop does the rest, from <c>t</c> to <c>end</c>.
    /// </summary>
    public static void WriteInputGradientTiles(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLine("int t = first; // the first sample of the tile");
        writer.WriteLine($"// {SampleTile} samples at a time: each vector of a row of W feeds {SampleTile} dot products");
        writer.OpenBlock($"for (; t <= end - {SampleTile}; t += {SampleTile})");
        for (int r = 0; r < SampleTile; r++)
        {
            writer.WriteLine($"ref float dz{r} = ref {Unsafe}.Add(ref dz, (t + {r}) * {Out(l)});");
        }

        for (int r = 0; r < SampleTile; r++)
        {
            writer.WriteLine($"ref float dx{r} = ref {Unsafe}.Add(ref dx, (t + {r}) * {In(l)});");
        }

        writer.OpenBlock($"for (int i = 0; i < {In(l)}; i++)");
        writer.WriteLine($"ref float row = ref {Unsafe}.Add(ref w, i * {Out(l)});");
        SimdEmitter.WidthLadder(
            writer,
            width => WriteTileDots(writer, layer, width),
            () =>
            {
                for (int r = 0; r < SampleTile; r++)
                {
                    writer.WriteLine($"float sum{r} = 0f;");
                }

                writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
                writer.WriteLine($"float wo = {Unsafe}.Add(ref row, o);");
                for (int r = 0; r < SampleTile; r++)
                {
                    writer.WriteLine($"sum{r} = {MathF}.FusedMultiplyAdd(wo, {Unsafe}.Add(ref dz{r}, o), sum{r});");
                }

                writer.CloseBlock();
                writer.WriteLine();
                for (int r = 0; r < SampleTile; r++)
                {
                    writer.WriteLine($"{Unsafe}.Add(ref dx{r}, i) = sum{r};");
                }
            });
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>
    /// The dot products of one row of W with the tile's dz rows: one accumulator per sample and vector width, the
    /// full vectors in a loop when there are more than <see cref="SimdEmitter.MaxUnrolledVectors"/>, the tail exact.
    /// </summary>
    private static void WriteTileDots(SourceWriter writer, LayerModel layer, VectorWidth width)
    {
        int l = layer.Index;
        int full = layer.Outputs / width.Count;
        List<Chunk> chunks = full > SimdEmitter.MaxUnrolledVectors ? Chunk.PlanFrom(full * width.Count, layer.Outputs, width) : Chunk.Plan(layer.Outputs, width);
        var widths = new List<VectorWidth>();
        if (full > SimdEmitter.MaxUnrolledVectors)
        {
            widths.Add(width);
        }

        foreach (Chunk chunk in chunks)
        {
            if (!widths.Contains(chunk.Width))
            {
                widths.Add(chunk.Width);
            }
        }

        string Name(int r, VectorWidth w) => $"dot{r}_{(w.IsScalar ? "1" : Int(w.Count))}";
        foreach (VectorWidth w in widths)
        {
            for (int r = 0; r < SampleTile; r++)
            {
                writer.WriteLine($"var {Name(r, w)} = {(w.IsScalar ? "0f" : w.Class + "<float>.Zero")};");
            }
        }

        // One value of the row, loaded once, times each sample's dz.
        void Step(VectorWidth w, string offset)
        {
            writer.WriteLine($"var wo = {w.Load("row", offset)};");
            for (int r = 0; r < SampleTile; r++)
            {
                writer.WriteLine($"{Name(r, w)} = {w.FusedMultiplyAdd("wo", w.Load($"dz{r}", offset), Name(r, w))};");
            }
        }

        if (full > SimdEmitter.MaxUnrolledVectors)
        {
            writer.OpenBlock($"for (nuint o = 0; o < {SimdEmitter.VectorEnd(Out(l), width.Count)}; o += {Int(width.Count)})");
            Step(width, "o");
            writer.CloseBlock();
        }

        foreach (Chunk chunk in chunks)
        {
            writer.OpenBlock(string.Empty);
            Step(chunk.Width, Int(chunk.Offset));
            writer.CloseBlock();
        }

        for (int r = 0; r < SampleTile; r++)
        {
            var terms = new List<string>();
            foreach (VectorWidth w in widths)
            {
                terms.Add(w.Sum(Name(r, w)));
            }

            writer.WriteLine($"{Unsafe}.Add(ref dx{r}, i) = {string.Join(" + ", terms)};");
        }
    }

    /// <summary>
    /// Writes the column blocks of a tile kernel over <paramref name="count"/> outputs, <see cref="VectorTile"/> vectors
    /// each: a loop over the full blocks (offsets relative to <c>o</c>) when there are more than two, then the rest exactly.
    /// </summary>
    private static void TileBlocks(SourceWriter writer, int count, string countName, VectorWidth width, System.Action<List<Chunk>, string?> block)
    {
        int blockFloats = VectorTile * width.Count;
        int full = count / blockFloats;
        List<List<Chunk>> blocks;
        if (full > 2)
        {
            writer.WriteLine($"// outputs 0..{full * blockFloats - 1}: {full} blocks of {VectorTile} x {width.Name}, one per iteration");
            writer.OpenBlock($"for (nuint o = 0; o < {SimdEmitter.VectorEnd(countName, blockFloats)}; o += {Int(blockFloats)})");
            block(Chunk.Plan(blockFloats, width), "o");
            writer.CloseBlock();
            blocks = Chunk.Blocks(Chunk.PlanFrom(full * blockFloats, count, width), VectorTile);
        }
        else
        {
            blocks = Chunk.Blocks(Chunk.Plan(count, width), VectorTile);
        }

        foreach (List<Chunk> chunks in blocks)
        {
            writer.WriteLine($"// outputs {Chunk.Describe(chunks)}");
            writer.OpenBlock(string.Empty);
            block(chunks, null);
            writer.CloseBlock();
        }
    }

    /// <summary>Writes <c>float {name} = {value};</c> and one broadcast of it per vector width the block uses.</summary>
    private static void WriteBroadcasts(SourceWriter writer, List<Chunk> block, string name, string value)
    {
        writer.WriteLine($"float {name} = {value};");
        var written = new HashSet<VectorWidth>();
        foreach (Chunk chunk in block)
        {
            if (!chunk.Width.IsScalar && written.Add(chunk.Width))
            {
                writer.WriteLine($"var {BroadcastName(name, chunk.Width)} = {chunk.Width.Broadcast(name)};");
            }
        }
    }

    private static string BroadcastName(string scalar, VectorWidth width) => width.IsScalar ? scalar : scalar + "v" + Int(width.Count);

    /// <summary>The accumulator of tile row <paramref name="row"/> (a sample or an input) and vector <paramref name="vector"/>.</summary>
    private static string Acc(int row, int vector) => $"acc{Int(row)}_{Int(vector)}";
}
