using System.Collections.Generic;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// Writes the register-tiled batch kernels of dense layers: the forward pass as a GEMM over tiles of
/// <see cref="SampleTile"/> samples × up to <see cref="VectorTile"/> vectors of outputs, with bias and activation in
/// the epilogue; and the weight gradient dW = Xᵀ·dZ over tiles of <see cref="InputTile"/> inputs × up to
/// <see cref="VectorTile"/> vectors of outputs. Each weight (or gradient) vector loaded feeds several FMAs, so the
/// kernels are bound by the FMA units rather than by loads.
/// </summary>
internal sealed partial class DenseLayer
{
    /// <summary>Samples per forward tile: each weight vector loaded is used by this many samples.</summary>
    public const int SampleTile = 4;

    /// <summary>Inputs per weight-gradient tile: each dz vector loaded is used by this many rows of dW.</summary>
    public const int InputTile = 4;

    /// <summary>Output vectors per tile; <see cref="SampleTile"/> × this accumulators stay in registers.</summary>
    public const int VectorTile = 4;

    /// <summary>
    /// The start value of a gradient accumulator: the stored gradient, or zero inside <c>TrainBatch</c> when
    /// <paramref name="stores"/> (the generated local <c>accumulate</c> is then false).
    /// </summary>
    public static string GradientStart(VectorWidth width, string load, bool stores) =>
        stores ? $"accumulate ? {load} : {(width.IsScalar ? "0f" : width.Class + "<float>.Zero")}" : load;

    /// <summary>The name of the batch forward kernel of a dense layer.</summary>
    public static string LayerForwardBatch(int layer) => LayerForward(layer) + "Batch";

    /// <summary>Writes <c>Layer{l}ForwardBatch(int batch)</c>.</summary>
    public static void WriteForward(SourceWriter writer, NetworkModel model, LayerModel layer)
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
        writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)}); // ({In(l)}, {Out(l)})");
        writer.WriteLine($"ref float b = ref {Unsafe}.Add(ref {Parameters}.Start, {BiasOffset(l)}); // ({Out(l)})");
        writer.WriteLine($"ref float z = ref {Z(l)}.Start; // (batch, {Out(l)})");
        writer.WriteLine($"ref float a = ref {A(l)}.Start; // (batch, {Out(l)})");
        int panels = Panels(layer, layer.Inputs);
        if (panels > 1)
        {
            writer.WriteLine($"int tiled = start + (end - start) / {SampleTile} * {SampleTile}; // one past the last sample in a whole tile");
            writer.Comment($"The rows of W{l} in {Int(panels)} equal panels of at most {Int(PanelRows(layer))} ({PanelBytes / 1024} KB): a panel stays in the L1 cache while every");
            writer.Comment("tile of samples uses it. Z holds each panel's sums for the next, which rounds nothing; the last panel applies the activation.");
            writer.OpenBlock($"for (int panel = 0; panel < {Int(panels)}; panel++)");
            writer.WriteLine($"int i0 = panel * {In(l)} / {Int(panels)}, i1 = (panel + 1) * {In(l)} / {Int(panels)};");
            writer.WriteLine($"bool firstPanel = panel == 0, lastPanel = panel == {Int(panels - 1)};");
            writer.OpenBlock($"for (int s = start; s < tiled; s += {SampleTile})");
        }
        else
        {
            writer.WriteLine("int s = start;");
            writer.OpenBlock($"for (; s <= end - {SampleTile}; s += {SampleTile})");
        }
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

        // As in the one-sample kernel: a tail of outputs is one partial vector, and logits that fit one vector get
        // their softmax across its lanes; otherwise each sample's softmax is taken from its stored logits.
        int overRead = OverRead(model, layer);
        bool softmax = layer.Activation == ActivationKind.Softmax;
        bool InRegister(VectorWidth width) => SoftmaxInRegister(model, layer, width);
        bool perBranch = System.Array.Exists(VectorWidth.Vectors, InRegister);
        SimdEmitter.WidthLadder(
            writer,
            width =>
            {
                bool inRegister = InRegister(width);
                TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteForwardTile(writer, layer, block, baseOffset, inRegister: inRegister, biasOverRead: BiasOverRead(model, layer), panelled: panels > 1), overRead);
                if (perBranch && softmax && !inRegister)
                {
                    WriteTileSoftmax(writer, layer);
                }
            },
            () =>
            {
                if (panels > 1)
                {
                    writer.OpenBlock("if (lastPanel) // the one-sample kernel takes every row at once");
                }

                for (int r = 0; r < SampleTile; r++)
                {
                    writer.WriteLine($"{LayerForward(l)}(ref x{r}, ref z{r}, ref a{r});");
                }

                if (panels > 1)
                {
                    writer.CloseBlock();
                }
            });

        if (softmax && !perBranch)
        {
            WriteTileSoftmax(writer, layer);
        }

        writer.CloseBlock();
        if (panels > 1)
        {
            writer.CloseBlock();
        }

        writer.WriteLine();
        writer.OpenBlock(panels > 1 ? "for (int s = tiled; s < end; s++)" : "for (; s < end; s++)");
        writer.WriteLine($"{LayerForward(l)}(ref {Unsafe}.Add(ref x, s * {In(l)}), ref {Unsafe}.Add(ref z, s * {Out(l)}), ref {Unsafe}.Add(ref a, s * {Out(l)}));");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>Each sample's softmax of a tile, from its stored logits.</summary>
    private static void WriteTileSoftmax(SourceWriter writer, LayerModel layer)
    {
        for (int r = 0; r < SampleTile; r++)
        {
            bool braces = layer.Outputs <= MaxUnrolledSoftmax; // its locals would clash with the next sample's
            if (braces)
            {
                writer.OpenBlock(string.Empty);
            }

            WriteSoftmax(writer, layer, $"z{r}", $"a{r}");
            if (braces)
            {
                writer.CloseBlock();
            }
        }
    }

    /// <summary>
    /// The fixed number of chunks the inputs (rows of W) of a layer that <see cref="SplitsInputs"/> are cut into. Each
    /// chunk's share of Z is summed on its own, then the chunks are added in order, so every thread count (up to this
    /// many threads share the chunks) gives the same bits.
    /// </summary>
    public const int InputChunks = 4;

    /// <summary>Dense layers with fewer weights than this are shared by samples: their weights fit the caches of both cores.</summary>
    public const int MinimumChunkedWeights = 16384;

    /// <summary>
    /// Whether threads share a dense layer by its inputs (rows of W) rather than by samples: each thread then reads and
    /// writes only its own rows of W, dW and the optimizer state, in the forward pass, the gradients and the step alike,
    /// so no weight moves between the cores' caches; the forward pass sums the chunks' partial products in a second,
    /// by-samples pass. For layers with many weights and an activation that works output by output.
    /// </summary>
    public static bool SplitsInputs(LayerModel layer) =>
        layer.Activation != ActivationKind.Softmax
        && layer.Inputs >= InputChunks * InputTile
        && layer.Inputs * layer.Outputs >= MinimumChunkedWeights;

    /// <summary>
    /// The most bytes of W one panel of rows may take: two thirds of a 48 KB L1 data cache, the rest left for the inputs
    /// and the sums. A hand-written 256 × 784 × 128 product ran 6 % faster with 32 KB panels than over all rows, and
    /// slower with 64 and 128 KB ones; generated, W2's PredictBatch on one thread ran 6–7 % faster and its Forward(256)
    /// 11–12 % (BenchmarkDotNet, both versions side by side on the two cores of an AMD Zen 5, then cores swapped).
    /// </summary>
    public const int PanelBytes = 32 * 1024;

    /// <summary>
    /// The fewest rows a panel may have: each panel stores its sums and the next reloads them, as much memory traffic
    /// as two rows of weights, so layers wider than <see cref="PanelBytes"/> / this many floats (128 outputs) take all
    /// rows at once. With 32-row panels, W6's 512 → 256 layer trained no faster.
    /// </summary>
    public const int MinimumPanelRows = 64;

    /// <summary>The most rows of W of <paramref name="layer"/> in one panel: <see cref="PanelBytes"/> of them.</summary>
    public static int PanelRows(LayerModel layer) => PanelBytes / (layer.Outputs * sizeof(float));

    /// <summary>
    /// How many panels of rows a kernel over <paramref name="rows"/> rows of W of <paramref name="layer"/> takes: one
    /// (all rows at once) when they fit one panel, when a panel would hold fewer than <see cref="MinimumPanelRows"/>
    /// rows, and for a softmax layer (its epilogue needs whole rows of logits); otherwise enough equal panels of at most
    /// <see cref="PanelRows"/> rows.
    /// </summary>
    public static int Panels(LayerModel layer, int rows) =>
        layer.Activation == ActivationKind.Softmax || PanelRows(layer) < MinimumPanelRows
            ? 1
            : System.Math.Max(1, (rows + PanelRows(layer) - 1) / PanelRows(layer));

    /// <summary>The most rows an input chunk of a layer that <see cref="SplitsInputs"/> holds (the generated <c>ChunkStart</c>, evaluated here).</summary>
    private static int LargestChunk(LayerModel layer)
    {
        int ChunkStart(int chunk) => chunk * (layer.Inputs / InputTile) / InputChunks * InputTile;
        int largest = 0;
        for (int chunk = 0; chunk < InputChunks; chunk++)
        {
            int end = chunk == InputChunks - 1 ? layer.Inputs : ChunkStart(chunk + 1);
            largest = System.Math.Max(largest, end - ChunkStart(chunk));
        }

        return largest;
    }

    /// <summary>The partial products of a layer that <see cref="SplitsInputs"/>: (InputChunks, batch, Out).</summary>
    public static string Partial(int layer) => "_partial" + Int(layer);

    /// <summary>The name of the kernel computing one chunk's partial product.</summary>
    public static string LayerForwardPartial(int layer) => LayerForward(layer) + "Partial";

    /// <summary>The name of the kernel adding the chunks, the bias and applying the activation.</summary>
    public static string LayerForwardCombine(int layer) => LayerForward(layer) + "Combine";

    /// <summary>The first row of W of part <c>part</c> of <c>parts</c> of a layer that <see cref="SplitsInputs"/>.</summary>
    public static string PartFirstRow(int layer) => $"ChunkStart(FirstChunk(part, parts), {In(layer)})";

    /// <summary>One past the last whole tile of rows of part <c>part</c> of <c>parts</c> (the last part also owns the rows after the last whole tile).</summary>
    public static string PartEndRow(int layer) => $"ChunkStart(FirstChunk(part + 1, parts), {In(layer)})";

    /// <summary>The generated constant holding <see cref="InputChunks"/>.</summary>
    public const string InputChunksName = "InputChunks";

    /// <summary>The generated constant holding <see cref="InputTile"/> for the chunk helpers.</summary>
    public const string RowTileName = "RowTile";

    /// <summary>The generated helpers that place chunks: written once per network with a layer that <see cref="SplitsInputs"/>.</summary>
    public static void WriteChunkHelpers(SourceWriter writer)
    {
        writer.WriteLines($$"""
            /// <summary>The chunks the inputs of a layer shared by inputs are cut into, and the rows of W in a weight-gradient tile.</summary>
            private const int {{InputChunksName}} = {{InputChunks}}, {{RowTileName}} = {{InputTile}};

            /// <summary>The first row of input chunk <paramref name="chunk"/> of <paramref name="rows"/>: whole tiles of rows; chunk <see cref="{{InputChunksName}}"/> gives the end of the last whole tile.</summary>
            private static int ChunkStart(int chunk, int rows) => chunk * (rows / {{RowTileName}}) / {{InputChunksName}} * {{RowTileName}};

            /// <summary>The first input chunk of part <paramref name="part"/> of <paramref name="parts"/> (part <paramref name="parts"/> gives <see cref="{{InputChunksName}}"/>).</summary>
            private static int FirstChunk(int part, int parts) => part * {{InputChunksName}} / parts;
            """);
    }

    /// <summary>Writes <c>Layer{l}ForwardPartial</c> and <c>Layer{l}ForwardCombine</c> for a layer that <see cref="SplitsInputs"/>.</summary>
    public static void WriteForwardChunks(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        bool panelled = Panels(layer, LargestChunk(layer)) > 1; // every chunk holds at least one tile of rows, so at least one panel
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l}, input chunk <paramref name="chunk"/> of {InputChunks}: P[chunk] = X[:, rows]·W{l}[rows, :] over the whole batch, for the rows
            /// of W{l} in the chunk. The register tiles of <see cref="{LayerForwardBatch(l)}"/> ({SampleTile} samples × up to {VectorTile} vectors), the last
            /// batch % {SampleTile} samples in tiles of one; the accumulators start at zero{(panelled ? ", and the rows are taken in panels that stay in the\n/// L1 cache across the batch" : string.Empty)}. Threads sharing the layer each take whole chunks, and so read only their own rows of W{l}.
            /// </summary>
            """);
        writer.OpenBlock($"private void {LayerForwardPartial(l)}(ref float x, int batch, int chunk)");
        writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)}); // ({In(l)}, {Out(l)})");
        writer.WriteLine($"ref float p = ref {Unsafe}.Add(ref {Partial(l)}.Start, chunk * batch * {Out(l)}); // (batch, {Out(l)})");
        string first = panelled ? "c0" : "i0", end = panelled ? "c1" : "i1";
        writer.WriteLine($"int {first} = ChunkStart(chunk, {In(l)});");
        writer.WriteLine($"int {end} = chunk == {InputChunksName} - 1 ? {In(l)} : ChunkStart(chunk + 1, {In(l)}); // the last chunk also takes the rows after the last whole tile");
        if (panelled)
        {
            writer.Comment($"The chunk's rows in equal panels of at most {Int(PanelRows(layer))} ({PanelBytes / 1024} KB of W{l}): a panel stays in the L1 cache while every sample");
            writer.Comment("tile of the batch uses it. Each panel's sums are stored in P and reloaded by the next, which rounds nothing.");
            writer.WriteLine($"int panels = (c1 - c0 + {Int(PanelRows(layer) - 1)}) / {Int(PanelRows(layer))};");
            writer.OpenBlock("for (int panel = 0; panel < panels; panel++)");
            writer.WriteLine("int i0 = c0 + panel * (c1 - c0) / panels, i1 = c0 + (panel + 1) * (c1 - c0) / panels;");
            writer.WriteLine("bool firstPanel = panel == 0;");
        }

        writer.WriteLine("int s = 0;");
        foreach (int rows in new[] { SampleTile, 1 })
        {
            writer.OpenBlock(rows == SampleTile ? $"for (; s <= batch - {SampleTile}; s += {SampleTile})" : "for (; s < batch; s++)");
            for (int r = 0; r < rows; r++)
            {
                writer.WriteLine($"ref float x{r} = ref {Unsafe}.Add(ref x, (s + {r}) * {In(l)});");
                writer.WriteLine($"ref float p{r} = ref {Unsafe}.Add(ref p, (s + {r}) * {Out(l)});");
            }

            int tileRows = rows;
            SimdEmitter.WidthLadder(
                writer,
                width => TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteForwardTile(writer, layer, block, baseOffset, tileRows, partial: true, panelled: panelled)),
                () =>
                {
                    writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
                    for (int r = 0; r < tileRows; r++)
                    {
                        writer.WriteLine(panelled ? $"float acc{r} = firstPanel ? 0f : {Unsafe}.Add(ref p{r}, o);" : $"float acc{r} = 0f;");
                    }

                    writer.OpenBlock("for (int i = i0; i < i1; i++)");
                    writer.WriteLine($"float wi = {Unsafe}.Add(ref w, i * {Out(l)} + o);");
                    for (int r = 0; r < tileRows; r++)
                    {
                        writer.WriteLine($"acc{r} = {MathF}.FusedMultiplyAdd({Unsafe}.Add(ref x{r}, i), wi, acc{r});");
                    }

                    writer.CloseBlock();
                    writer.WriteLine();
                    for (int r = 0; r < tileRows; r++)
                    {
                        writer.WriteLine($"{Unsafe}.Add(ref p{r}, o) = acc{r};");
                    }

                    writer.CloseBlock();
                });
            writer.CloseBlock();
            if (rows == SampleTile)
            {
                writer.WriteLine();
            }
        }

        if (panelled)
        {
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.WriteLine();
        string activation = layer.Activation == ActivationKind.Linear ? "a = z" : $"a = {Formula(layer.Activation)}(z)";
        var sum = new List<string> { "b" };
        for (int c = 0; c < InputChunks; c++)
        {
            sum.Add($"P[{c}]");
        }

        writer.Documentation($"<summary>Layer {l}, samples <paramref name=\"first\"/> to <paramref name=\"end\"/>: z = {string.Join(" + ", sum)}, added in that order; {activation}.</summary>");
        writer.OpenBlock($"private void {LayerForwardCombine(l)}(int batch, int first, int end)");
        writer.WriteLine($"ref float b = ref {Unsafe}.Add(ref {Parameters}.Start, {BiasOffset(l)});");
        writer.WriteLine($"ref float partial = ref {Partial(l)}.Start;");
        writer.WriteLine($"ref float z = ref {Z(l)}.Start;");
        writer.WriteLine($"ref float a = ref {A(l)}.Start;");
        writer.WriteLine($"int chunkSize = batch * {Out(l)};");
        writer.OpenBlock("for (int s = first; s < end; s++)");
        for (int c = 0; c < InputChunks; c++)
        {
            writer.WriteLine($"ref float p{c} = ref {Unsafe}.Add(ref partial, {(c == 0 ? string.Empty : $"{c} * chunkSize + ")}s * {Out(l)});");
        }

        writer.WriteLine($"ref float zRow = ref {Unsafe}.Add(ref z, s * {Out(l)});");
        writer.WriteLine($"ref float aRow = ref {Unsafe}.Add(ref a, s * {Out(l)});");
        System.Collections.Generic.IEnumerable<string> Body(VectorWidth w, string o)
        {
            var terms = new List<string> { w.Load("b", o) };
            for (int c = 0; c < InputChunks; c++)
            {
                terms.Add(w.Load($"p{c}", o));
            }

            yield return $"var zv = {string.Join(" + ", terms)};";
            yield return w.Store("zv", "zRow", o);
            yield return w.Store(layer.Activation == ActivationKind.Linear ? "zv" : ActivationForward(layer, "zv"), "aRow", o);
        }

        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, layer.Outputs, Out(l), width, Body),
            () =>
            {
                writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
                foreach (string line in Body(VectorWidth.Scalar, "o"))
                {
                    writer.WriteLine(line);
                }

                writer.CloseBlock();
            });
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>
    /// One forward tile: <paramref name="rows"/> samples × block accumulators take one FMA per input each and are stored.
    /// A whole product starts at the biases and stores z and the activation; a <paramref name="partial"/> one (an input
    /// chunk's share, inputs <c>i0</c> to <c>i1</c>) starts at zero and stores to the chunk's rows <c>p0</c>, <c>p1</c>, ….
    /// </summary>
    /// <param name="inRegister">The block is the layer's one vector of logits: each sample's softmax is taken across its lanes.</param>
    /// <param name="biasOverRead">How many floats past the biases a partial chunk's bias load may read.</param>
    private static void WriteForwardTile(SourceWriter writer, LayerModel layer, List<Chunk> block, string? baseOffset, int rows = SampleTile, bool partial = false, bool inRegister = false, int biasOverRead = 0, bool panelled = false)
    {
        int l = layer.Index;
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                string start = partial
                    ? (chunk.Width.IsScalar ? "0f" : chunk.Width.Class + "<float>.Zero")
                    : r == 0 ? BiasStart(chunk, baseOffset, biasOverRead) : Acc(0, k);
                if (panelled)
                {
                    // Later panels go on from the sums the previous one stored (in P, or in Z).
                    start = $"firstPanel ? {start} : {chunk.Width.LoadFirst(partial ? $"p{r}" : $"z{r}", baseOffset, chunk.Offset, chunk.Floats)}";
                }

                writer.WriteLine($"var {Acc(r, k)} = {start};");
            }
        }

        WriteOverReadComment(writer, layer, block);

        writer.OpenBlock(partial || panelled ? "for (int i = i0; i < i1; i++)" : $"for (int i = 0; i < {In(l)}; i++)");
        writer.WriteLine($"ref float row = ref {Unsafe}.Add(ref w, i * {Out(l)});");
        for (int k = 0; k < block.Count; k++)
        {
            writer.WriteLine($"var w{k} = {block[k].Width.Load("row", SimdEmitter.Offset(baseOffset, block[k].Offset))};");
        }

        for (int r = 0; r < rows; r++)
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
        if (inRegister)
        {
            WriteUsedLanes(writer, block[0]);
        }

        bool splitStores = panelled && !partial; // P is stored alike after every panel; Z gets its activation after the last
        if (splitStores)
        {
            writer.OpenBlock("if (!lastPanel) // the sums so far, for the next panel");
            for (int r = 0; r < rows; r++)
            {
                for (int k = 0; k < block.Count; k++)
                {
                    WriteStore(writer, block[k], Acc(r, k), $"z{r}", baseOffset);
                }
            }

            writer.CloseBlock();
            writer.OpenBlock("else");
        }

        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                string offset = SimdEmitter.Offset(baseOffset, chunk.Offset);
                if (partial)
                {
                    writer.WriteLine(chunk.Width.Store(Acc(r, k), $"p{r}", offset));
                    continue;
                }

                WriteOutputStores(writer, layer, chunk, Acc(r, k), $"z{r}", $"a{r}", baseOffset, inRegister, $"a{Int(r)}_{Int(k)}");
            }
        }

        if (splitStores)
        {
            writer.CloseBlock();
        }
    }

    /// <summary>
    /// Writes dW += Xᵀ·dZ for a dense layer's backward (inside its width ladder), with <c>x</c>, <c>dz</c>, <c>dw</c>,
    /// <c>firstRow</c>, <c>endRow</c>, <c>part</c> and <c>parts</c> in scope: rows firstRow to endRow in tiles of
    /// <see cref="InputTile"/> rows × up to <see cref="VectorTile"/> vectors, accumulated over the batch in registers; the
    /// last In % InputTile rows one at a time, by the last part.
    /// </summary>
    public static void WriteWeightGradient(SourceWriter writer, NetworkModel model, LayerModel layer, VectorWidth width, bool stores)
    {
        int l = layer.Index;
        int overRead = OverRead(model, layer);
        int fullTiles = layer.Inputs / InputTile * InputTile;
        if (fullTiles > 0)
        {
            writer.Comment($"{InputTile} rows of dW at a time: each dz vector loaded feeds {InputTile} FMAs");
            writer.OpenBlock($"for (int i = firstRow; i < endRow; i += {InputTile})");
            for (int r = 0; r < InputTile; r++)
            {
                writer.WriteLine($"ref float dwRow{r} = ref {Unsafe}.Add(ref dw, (i + {r}) * {Out(l)});");
            }

            TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteGradientTile(writer, layer, block, baseOffset, InputTile, stores), overRead);
            writer.CloseBlock();
        }

        if (fullTiles < layer.Inputs)
        {
            if (fullTiles > 0)
            {
                writer.WriteLine();
            }

            writer.Comment(fullTiles > 0 ? $"rows {fullTiles}..{layer.Inputs - 1} of dW, one at a time, by the last part" : "rows of dW one at a time, by the last part");
            writer.OpenBlock($"for (int i = part == parts - 1 ? {In(l)} - {In(l)} % {InputTile} : {In(l)}; i < {In(l)}; i++)");
            writer.WriteLine($"ref float dwRow0 = ref {Unsafe}.Add(ref dw, i * {Out(l)});");
            TileBlocks(writer, layer.Outputs, Out(l), width, (block, baseOffset) => WriteGradientTile(writer, layer, block, baseOffset, 1, stores), overRead);
            writer.CloseBlock();
        }
    }

    /// <summary>
    /// One gradient tile: <paramref name="rows"/> rows of dW × block, loaded, accumulated over the batch, stored. A partial
    /// chunk reads past its row of dW (the next row, or the gradients after dW) and of dz (the next sample's row, or the
    /// padding after the buffer, <see cref="DzPadding"/>); only its used lanes are stored.
    /// </summary>
    private static void WriteGradientTile(SourceWriter writer, LayerModel layer, List<Chunk> block, string? baseOffset, int rows, bool stores)
    {
        int l = layer.Index;
        WriteOverReadComment(writer, layer, block, $"dW{l} and dz{l}");

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
                foreach (string line in block[k].Width.StoreFirst(Acc(r, k), $"dwRow{r}", baseOffset, block[k].Offset, block[k].Floats))
                {
                    writer.WriteLine(line);
                }
            }
        }
    }

    /// <summary>
    /// Writes the body of dX = dZ·Wᵀ for a dense layer's backward, with <c>w</c>, <c>dz</c> and <c>dx</c> in scope: samples
    /// <c>first</c> to <c>end</c>, inputs <c>i0</c> to <c>i1</c>, in tiles of <see cref="SampleTile"/> samples (then one at
    /// a time) by <see cref="InputGradientRows"/> rows of W where the vectors are 512 bits wide (then one at a time).
    /// Every dot product sums its products in the same order and finishes with <c>HorizontalSum</c>, whose four-at-once
    /// form gives bitwise the single one, so a value of dX does not depend on the tile it fell in, and threads that
    /// share out samples or inputs differently get the same bits.
    /// </summary>
    public static void WriteInputGradient(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int overRead = OverRead(model, layer);
        writer.WriteLine("int t = first; // the first sample of the tile");
        writer.Comment($"{SampleTile} samples at a time: each vector of W loaded feeds {SampleTile} dot products");
        writer.OpenBlock($"for (; t <= end - {SampleTile}; t += {SampleTile})");
        WriteInputGradientSamples(writer, layer, SampleTile, overRead);
        writer.CloseBlock();
        writer.WriteLine();
        writer.Comment("the last samples one at a time");
        writer.OpenBlock("for (; t < end; t++)");
        WriteInputGradientSamples(writer, layer, 1, overRead);
        writer.CloseBlock();
    }

    /// <summary>Rows of W per register tile of dX at 512 bits: with <see cref="SampleTile"/> samples, 16 accumulators.</summary>
    public const int InputGradientRows = 4;

    /// <summary>The dot products of <paramref name="samples"/> samples from <c>t</c> with rows <c>i0</c> to <c>i1</c> of W.</summary>
    private static void WriteInputGradientSamples(SourceWriter writer, LayerModel layer, int samples, int overRead)
    {
        int l = layer.Index;
        for (int s = 0; s < samples; s++)
        {
            writer.WriteLine($"ref float dz{s} = ref {Unsafe}.Add(ref dz, {Plus("t", s)} * {Out(l)});");
        }

        for (int s = 0; s < samples; s++)
        {
            writer.WriteLine($"ref float dx{s} = ref {Unsafe}.Add(ref dx, {Plus("t", s)} * {In(l)});");
        }

        SimdEmitter.WidthLadder(
            writer,
            width => WriteInputGradientRows(writer, layer, samples, width, overRead),
            () => WriteInputGradientRows(writer, layer, samples, VectorWidth.Scalar, overRead));
    }

    /// <summary><paramref name="index"/> + <paramref name="k"/> as generated code: the index alone for 0.</summary>
    private static string Plus(string index, int k) => k == 0 ? index : $"({index} + {Int(k)})";

    /// <summary>
    /// The loops over the rows of W at one width: tiles of <see cref="InputGradientRows"/> rows when a row starts with a
    /// vector (whole or partial) and the tile's accumulators fit the registers: at 512 bits always (AVX-512 has the 32
    /// registers that 16 accumulators, 4 rows and a dz vector need), at narrower widths (16 registers) for one sample;
    /// then single rows.
    /// </summary>
    private static void WriteInputGradientRows(SourceWriter writer, LayerModel layer, int samples, VectorWidth width, int overRead)
    {
        bool vectorRows = !width.IsScalar && !Chunk.Plan(layer.Outputs, width, overRead)[0].Width.IsScalar;
        int rows = vectorRows && (width == VectorWidth.V512 || samples == 1) ? InputGradientRows : 1;
        writer.WriteLine("int i = i0;");
        if (rows > 1)
        {
            writer.Comment($"{rows} rows of W at a time: each vector of dz loaded feeds {rows} dot products");
            writer.OpenBlock($"for (; i <= i1 - {rows}; i += {rows})");
            WriteInputGradientDots(writer, layer, samples, rows, width, overRead);
            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.OpenBlock("for (; i < i1; i++)");
        WriteInputGradientDots(writer, layer, samples, 1, width, overRead);
        writer.CloseBlock();
    }

    /// <summary>
    /// The dot products of <paramref name="samples"/> dz rows with <paramref name="rows"/> rows of W from row <c>i</c>:
    /// one accumulator per pair and vector width, widest first (the full vectors in a loop when there are more than
    /// <see cref="SimdEmitter.MaxUnrolledVectors"/>), each width's accumulators summed across their lanes and added to
    /// the result in that order, which is stored to dx.
    /// </summary>
    private static void WriteInputGradientDots(SourceWriter writer, LayerModel layer, int samples, int rows, VectorWidth width, int overRead)
    {
        int l = layer.Index;
        for (int r = 0; r < rows; r++)
        {
            writer.WriteLine($"ref float row{r} = ref {Unsafe}.Add(ref w, {Plus("i", r)} * {Out(l)});");
        }

        string Dot(int s, int r) => $"dot{s}_{r}";
        string Sum(int s) => $"sum{s}";
        string sumType = rows == 1 ? "float" : VectorWidth.V128.Type;
        if (width.IsScalar)
        {
            for (int s = 0; s < samples; s++)
            {
                writer.WriteLine($"float {Sum(s)} = 0f;");
            }

            writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
            writer.WriteLine($"float w0 = {Unsafe}.Add(ref row0, o);");
            for (int s = 0; s < samples; s++)
            {
                writer.WriteLine($"{Sum(s)} = {MathF}.FusedMultiplyAdd(w0, {Unsafe}.Add(ref dz{s}, o), {Sum(s)});");
            }

            writer.CloseBlock();
            writer.WriteLine();
            for (int s = 0; s < samples; s++)
            {
                writer.WriteLine($"{Unsafe}.Add(ref dx{s}, i) = {Sum(s)};");
            }

            return;
        }

        // The widths in the order the products are taken: a loop over the full vectors, or the planned chunks.
        int full = layer.Outputs / width.Count;
        bool looped = full > SimdEmitter.MaxUnrolledVectors;
        List<Chunk> chunks = looped ? Chunk.PlanFrom(full * width.Count, layer.Outputs, width, overRead) : Chunk.Plan(layer.Outputs, width, overRead);
        var segments = new List<(VectorWidth Width, bool Loop, List<Chunk> Chunks)>();
        if (looped)
        {
            segments.Add((width, true, new List<Chunk>()));
        }

        foreach (Chunk chunk in chunks)
        {
            if (segments.Count == 0 || segments[segments.Count - 1].Loop || segments[segments.Count - 1].Width != chunk.Width)
            {
                segments.Add((chunk.Width, false, new List<Chunk>()));
            }

            segments[segments.Count - 1].Chunks.Add(chunk);
        }

        // One step: the rows' values at an offset, each sample's dz there (a partial chunk's lanes past the row cleared,
        // so that what it read of the next row of W adds nothing), every product added to its accumulator.
        void Step(VectorWidth w, string offset, bool first, Chunk? partial = null)
        {
            if (partial is { } chunk)
            {
                string lanes = chunk.Spill == 1 ? $"lane {Int(chunk.Floats)} holds" : $"lanes {Int(chunk.Floats)}..{Int(w.Count - 1)} hold";
                writer.Comment($"{lanes} the {Floats(chunk.Spill)} after each row of W{l} and of dz{l}: dz's are cleared, so they add nothing");
                writer.WriteLine($"var used = {chunk.UsedMask};");
            }

            for (int r = 0; r < rows; r++)
            {
                writer.WriteLine($"var w{r} = {w.Load($"row{r}", offset)};");
            }

            for (int s = 0; s < samples; s++)
            {
                writer.WriteLine(partial is null ? $"var z{s} = {w.Load($"dz{s}", offset)};" : $"var z{s} = {w.Load($"dz{s}", offset)} & used;");
                for (int r = 0; r < rows; r++)
                {
                    writer.WriteLine(first ? $"{Dot(s, r)} = w{r} * z{s};" : $"{Dot(s, r)} = {w.FusedMultiplyAdd($"w{r}", $"z{s}", Dot(s, r))};");
                }
            }
        }

        if (segments.Exists(segment => !segment.Width.IsScalar))
        {
            writer.Comment(rows == 1
                ? "each width's accumulators summed across their lanes (HorizontalSum), then added in turn"
                : "lane r of sum<s>: dz row s · W row i + r; each width's accumulators summed across their lanes (HorizontalSum.OfEach: lane by lane what HorizontalSum.Of gives one row), then added in turn");
        }

        for (int s = 0; s < samples; s++)
        {
            writer.WriteLine($"{sumType} {Sum(s)};");
        }

        for (int k = 0; k < segments.Count; k++)
        {
            (VectorWidth w, bool loop, List<Chunk> segmentChunks) = segments[k];
            writer.OpenBlock(string.Empty);

            // A loop's accumulators start at zero; unrolled chunks assign theirs with the first product.
            for (int s = 0; s < samples; s++)
            {
                for (int r = 0; r < rows; r++)
                {
                    writer.WriteLine(loop ? $"var {Dot(s, r)} = {w.Class}<float>.Zero;" : $"{w.Type} {Dot(s, r)};");
                }
            }

            if (loop)
            {
                writer.OpenBlock($"for (nuint o = 0; o < {SimdEmitter.VectorEnd(Out(l), w.Count)}; o += {Int(w.Count)})");
                Step(w, "o", first: false);
                writer.CloseBlock();
            }
            else
            {
                for (int c = 0; c < segmentChunks.Count; c++)
                {
                    writer.Comment($"{w.Name} at {Int(segmentChunks[c].Offset)}");
                    writer.OpenBlock(string.Empty);
                    Step(w, Int(segmentChunks[c].Offset), first: c == 0, segmentChunks[c].IsPartial ? segmentChunks[c] : null);
                    writer.CloseBlock();
                }
            }

            for (int s = 0; s < samples; s++)
            {
                string lanes = rows == 1
                    ? (w.IsScalar ? Dot(s, 0) : $"{HorizontalSum}.Of({Dot(s, 0)})")
                    : (w.IsScalar
                        ? $"{VectorWidth.V128.Class}.Create({Dot(s, 0)}, {Dot(s, 1)}, {Dot(s, 2)}, {Dot(s, 3)})"
                        : $"{HorizontalSum}.OfEach({Dot(s, 0)}, {Dot(s, 1)}, {Dot(s, 2)}, {Dot(s, 3)})");
                writer.WriteLine(k == 0 ? $"{Sum(s)} = {lanes};" : $"{Sum(s)} += {lanes};");
            }

            writer.CloseBlock();
        }

        for (int s = 0; s < samples; s++)
        {
            writer.WriteLine(rows == 1 ? $"{Unsafe}.Add(ref dx{s}, i) = {Sum(s)};" : $"{VectorWidth.V128.Class}.StoreUnsafe({Sum(s)}, ref dx{s}, (nuint)i);");
        }
    }

    /// <summary>
    /// Writes the column blocks of a tile kernel over <paramref name="count"/> outputs, <see cref="VectorTile"/> vectors
    /// each: a loop over the full blocks (offsets relative to <c>o</c>) when there are more than two, then the rest exactly.
    /// </summary>
    private static void TileBlocks(SourceWriter writer, int count, string countName, VectorWidth width, System.Action<List<Chunk>, string?> block, int overRead = 0)
    {
        int blockFloats = VectorTile * width.Count;
        int full = count / blockFloats;
        List<List<Chunk>> blocks;
        if (full > 2)
        {
            writer.Comment($"outputs 0..{full * blockFloats - 1}: {full} blocks of {VectorTile} x {width.Name}, one per iteration");
            writer.OpenBlock($"for (nuint o = 0; o < {SimdEmitter.VectorEnd(countName, blockFloats)}; o += {Int(blockFloats)})");
            block(Chunk.Plan(blockFloats, width), "o");
            writer.CloseBlock();
            blocks = Chunk.Blocks(Chunk.PlanFrom(full * blockFloats, count, width, overRead), VectorTile);
        }
        else
        {
            blocks = Chunk.Blocks(Chunk.Plan(count, width, overRead), VectorTile);
        }

        foreach (List<Chunk> chunks in blocks)
        {
            writer.Comment($"outputs {Chunk.Describe(chunks)}");
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
