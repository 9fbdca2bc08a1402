using System;
using System.Collections.Generic;
using StaticNets.Generators.Models;
using StaticNets.Generators.Plan;
using static StaticNets.Generators.Emit.GeneratedNames;
using static StaticNets.Generators.Emit.RegisterTile;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// Writes the kernels of a <c>[Conv2D]</c> layer: direct convolution over channels-last images, with the output
/// channels in vectors and several output pixels per register tile, so that each weight vector loaded serves them all.
/// Padding is done once per sample by copying the input into a zero-bordered buffer, so the kernels never test borders.
/// </summary>
internal sealed partial class Conv2DLayer
{
    /// <summary>Kernels with at most this many weights per output channel have their window loops unrolled.</summary>
    public const int MaxUnrolledWindow = 16;

    /// <summary>The forward kernel (and, for padded layers, the padding copy).</summary>
    public static void WriteForward(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        if (layer.IsPadded)
        {
            WritePad(writer, layer);
            writer.WriteLine();
        }

        string input = layer.IsPadded ? $"the zero-padded input, {PaddedHeight(l)} x {PaddedWidth(l)} x {InChannels(l)}" : $"the input image, {InHeight(l)} x {InWidth(l)} x {InChannels(l)}";
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} forward, one sample: z[y, x, f] = b{l}[f] + Σ_(ky, kx, c) in[y·{Stride(l)} + ky, x·{Stride(l)} + kx, c]·W{l}[ky, kx, c, f]; a = {Formula(layer.Activation)}(z).
            /// The output channels of a few neighbouring pixels stay in registers while the kernel window is swept:
            /// each row of W{l} (the {OutChannels(l)} weights of one kernel position and input channel) is loaded once for all of them.
            /// </summary>
            /// <param name="x">{char.ToUpperInvariant(input[0]) + input.Substring(1)}, channels last.</param>
            /// <param name="z">Receives the pre-activation, {OutHeight(l)} x {OutWidth(l)} x {OutChannels(l)}.</param>
            /// <param name="a">Receives the activation; may be the same memory as <paramref name="z"/>.</param>
            """);
        writer.OpenBlock($"private void {LayerForward(l)}(ref float x, ref float z, ref float a)");
        writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)});");
        writer.WriteLine($"ref float b = ref {Unsafe}.Add(ref {Parameters}.Start, {BiasOffset(l)});");
        SimdEmitter.WidthLadder(writer, width => WriteForwardBody(writer, layer, width), () => WriteScalarForward(writer, layer));
        writer.CloseBlock();
    }

    private static string Minus(string name, int count) => count == 0 ? name : $"{name} - {Int(count)}";

    private static string RowWidth(LayerModel layer) => layer.IsPadded ? PaddedWidth(layer.Index) : InWidth(layer.Index);

    private static string InputSize(LayerModel layer) => layer.IsPadded ? PaddedSize(layer.Index) : In(layer.Index);

    private static void WritePad(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l}, one sample: copies the {InHeight(l)} x {InWidth(l)} x {InChannels(l)} input into the interior of its
            /// {PaddedHeight(l)} x {PaddedWidth(l)} padded buffer, {PadTop(l)} rows down and {PadLeft(l)} columns in. The borders are never written, so they stay zero.
            /// </summary>
            """);
        writer.OpenBlock($"private static void {LayerPad(l)}(ref float x, ref float padded)");
        writer.OpenBlock($"for (int y = 0; y < {InHeight(l)}; y++)");
        writer.WriteLine($"{MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref x, y * {InWidth(l)} * {InChannels(l)}), {InWidth(l)} * {InChannels(l)})");
        writer.WriteLine($"    .CopyTo({MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref padded, ((y + {PadTop(l)}) * {PaddedWidth(l)} + {PadLeft(l)}) * {InChannels(l)}), {InWidth(l)} * {InChannels(l)}));");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteForwardBody(SourceWriter writer, LayerModel layer, VectorWidth width)
    {
        int l = layer.Index;
        int window = layer.Window.KernelWidth * layer.InChannels;
        bool unrolled = layer.Window.KernelHeight * window <= MaxUnrolledWindow;
        List<List<Chunk>> groups = Groups(layer.OutChannels, width);
        foreach (List<Chunk> group in groups)
        {
            int lanes = Lanes(group, width, layer.OutWidth);
            int rest = layer.OutWidth % lanes;
            writer.Comment($"output channels {Chunk.Describe(group)}, {lanes} pixel(s) per tile");
            writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
            writer.WriteLine($"ref float xRow = ref {Unsafe}.Add(ref x, oy * {Stride(l)} * {RowWidth(layer)} * {InChannels(l)}); // the window's top input row");
            writer.WriteLine($"ref float zRow = ref {Unsafe}.Add(ref z, oy * {OutWidth(l)} * {OutChannels(l)});");
            writer.WriteLine($"ref float aRow = ref {Unsafe}.Add(ref a, oy * {OutWidth(l)} * {OutChannels(l)});");
            if (layer.OutWidth >= lanes)
            {
                writer.OpenBlock($"for (int ox = 0; ox < {Minus(OutWidth(l), rest)}; ox += {Int(lanes)})");
                WriteForwardTile(writer, layer, group, lanes, window, unrolled);
                writer.CloseBlock();
            }

            if (rest > 0)
            {
                writer.Comment($"the last {rest} pixel(s) of the row");
                writer.OpenBlock(string.Empty);
                writer.WriteLine($"int ox = {OutWidth(l)} - {Int(rest)};");
                WriteForwardTile(writer, layer, group, rest, window, unrolled);
                writer.CloseBlock();
            }

            writer.CloseBlock();
        }
    }

    private static void WriteForwardTile(SourceWriter writer, LayerModel layer, List<Chunk> group, int lanes, int window, bool unrolled)
    {
        int l = layer.Index;
        string pixelStep = $"{Stride(l)} * {InChannels(l)}"; // floats between the windows of neighbouring output pixels
        writer.WriteLine($"ref float xo = ref {Unsafe}.Add(ref xRow, ox * {pixelStep});");
        writer.WriteLine($"ref float zo = ref {Unsafe}.Add(ref zRow, ox * {OutChannels(l)});");
        writer.WriteLine($"ref float ao = ref {Unsafe}.Add(ref aRow, ox * {OutChannels(l)});");
        if (unrolled)
        {
            // Every kernel position is a constant offset: straight-line code.
            Write(
                writer,
                lanes,
                group,
                (p, chunk) => chunk.Width.Load("b", Int(chunk.Offset)),
                (Action<(int Row, string Input)> body) =>
                {
                    for (int ky = 0; ky < layer.Window.KernelHeight; ky++)
                    {
                        for (int j = 0; j < window; j++)
                        {
                            writer.Comment($"ky = {ky}, kx = {j / layer.InChannels}, c = {j % layer.InChannels}");
                            writer.OpenBlock(string.Empty);
                            body((ky * window + j, Sum(Times(ky, $"{RowWidth(layer)} * {InChannels(l)}"), Int(j))));
                            writer.CloseBlock();
                        }
                    }
                },
                (chunk, step) => chunk.Width.Load("w", Sum(Times(step.Row, OutChannels(l)), Int(chunk.Offset))),
                (p, step) => $"{Unsafe}.Add(ref xo, {Sum(step.Input, Times(p, pixelStep))})",
                (p, chunk, acc) => Store(writer, layer, p, chunk, acc));
            return;
        }

        Write(
            writer,
            lanes,
            group,
            (p, chunk) => chunk.Width.Load("b", Int(chunk.Offset)),
            (Action<bool> body) =>
            {
                writer.OpenBlock($"for (int ky = 0; ky < {KernelHeight(l)}; ky++)");
                writer.WriteLine($"ref float wRow = ref {Unsafe}.Add(ref w, ky * {KernelWidth(l)} * {InChannels(l)} * {OutChannels(l)});");
                writer.WriteLine($"ref float xk = ref {Unsafe}.Add(ref xo, ky * {RowWidth(layer)} * {InChannels(l)});");
                writer.Comment($"one kernel row: its {KernelWidth(l)} x {InChannels(l)} inputs are contiguous, and so are their weight rows");
                writer.OpenBlock($"for (int j = 0; j < {KernelWidth(l)} * {InChannels(l)}; j++)");
                writer.WriteLine($"ref float wj = ref {Unsafe}.Add(ref wRow, j * {OutChannels(l)});");
                body(true);
                writer.CloseBlock();
                writer.CloseBlock();
                writer.WriteLine();
            },
            (chunk, _) => chunk.Width.Load("wj", Int(chunk.Offset)),
            (p, _) => $"{Unsafe}.Add(ref xk, {Sum(Times(p, pixelStep), "j")})",
            (p, chunk, acc) => Store(writer, layer, p, chunk, acc));
    }

    private static void Store(SourceWriter writer, LayerModel layer, int p, Chunk chunk, string acc)
    {
        int l = layer.Index;
        string offset = Sum(Times(p, OutChannels(l)), Int(chunk.Offset));
        writer.WriteLine(chunk.Width.Store(acc, "zo", offset));
        string value = layer.Activation == ActivationKind.Linear ? acc : ActivationForward(layer, acc);
        writer.WriteLine(chunk.Width.Store(value, "ao", offset));
    }

    /// <summary>The backward kernel of the whole batch.</summary>
    public static void WriteBackward(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        NetworkModel model = plan.Model;
        bool isOutput = layer.Index == model.Layers.Count;
        int l = layer.Index;
        int source = model.SourceOf(l);
        bool inputGradient = plan[layer].NeedsInputGradient;
        bool applyDerivative = layer.Activation != ActivationKind.Linear && !isOutput;
        string input = layer.IsPadded ? Padded(l) : source == 0 ? Inputs : A(source);
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} backward over the batch. On entry {Dz(l)} holds dLoss/da{l}.
            /// <list type="number">
            /// <item>{(applyDerivative ? $"dz = da ⊙ {Formula(layer.Activation)}'(z)" : "nothing to apply: a linear layer has dz = da")}</item>
            /// <item>db{l}[f] += Σ over samples and pixels of dz[.., f]</item>
            /// <item>dW{l}[ky, kx, c, f] += Σ over samples and pixels of in[y·{Stride(l)} + ky, x·{Stride(l)} + kx, c]·dz[y, x, f], a few weight rows per register tile</item>
            /// <item>{(inputGradient ? $"din[y·{Stride(l)} + ky, x·{Stride(l)} + kx, c] += Σ_f dz[y, x, f]·W{l}[ky, kx, c, f], written to {Dz(source)}, through the transposed weights" : "no input gradient: no layer with parameters lies below")}</item>
            /// </list>
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
            writer.WriteLine($"{Transpose(l)}();");
            writer.WriteLine($"{InputGradient(l)}(0, batch);");
        }

        writer.CloseBlock();
        if (applyDerivative)
        {
            WriteDerivativeMethod(writer, layer);
        }

        writer.WriteLine();
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l}: part <paramref name="part"/> of <paramref name="parts"/> of the weight gradient over the whole batch. The
            /// (kernel row, tile of weight rows) pairs are shared out between the parts, so parts write disjoint rows of dW{l} and
            /// every row is summed in the same order however many parts there are. Part 0 also sums db{l}.
            /// </summary>
            """);
        writer.OpenBlock($"private void {WeightGradient(l)}(int batch, int part, int parts)");
        writer.WriteLine($"ref float dw = ref {Unsafe}.Add(ref {Gradients}.Start, {WeightsOffset(l)});");
        writer.WriteLine($"ref float db = ref {Unsafe}.Add(ref {Gradients}.Start, {BiasOffset(l)});");
        writer.WriteLine($"ref float x = ref {input}.Start; // (batch, {InputSize(layer)})");
        writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
        writer.OpenBlock("if (part == 0)");
        writer.Comment("db += Σ dz over every pixel of every sample");
        SimdEmitter.WidthLadder(writer, width => WriteBiasGradient(writer, layer, width), () => WriteScalarBiasGradient(writer, layer));
        writer.CloseBlock();
        writer.WriteLine();
        writer.Comment("dW += inᵀ·dz, sample by sample so that its input and dz stay in cache");
        SimdEmitter.WidthLadder(writer, width => WriteWeightGradient(writer, layer, width), () => WriteScalarWeightGradient(writer, layer));
        writer.CloseBlock();

        if (inputGradient)
        {
            writer.WriteLine();
            WriteInputGradient(writer, layer, source);
        }
    }

    private static void WriteBiasGradient(SourceWriter writer, LayerModel layer, VectorWidth width)
    {
        int l = layer.Index;
        foreach (List<Chunk> group in Groups(layer.OutChannels, width))
        {
            writer.OpenBlock(string.Empty);
            for (int k = 0; k < group.Count; k++)
            {
                writer.WriteLine($"var {Accumulator(0, k)} = {group[k].Width.Load("db", Int(group[k].Offset))};");
            }

            writer.OpenBlock($"for (int r = 0; r < batch * {OutHeight(l)} * {OutWidth(l)}; r++)");
            writer.WriteLine($"ref float dzPixel = ref {Unsafe}.Add(ref dz, r * {OutChannels(l)});");
            for (int k = 0; k < group.Count; k++)
            {
                writer.WriteLine($"{Accumulator(0, k)} += {group[k].Width.Load("dzPixel", Int(group[k].Offset))};");
            }

            writer.CloseBlock();
            writer.WriteLine();
            for (int k = 0; k < group.Count; k++)
            {
                writer.WriteLine(group[k].Width.Store(Accumulator(0, k), "db", Int(group[k].Offset)));
            }

            writer.CloseBlock();
        }
    }

    private static void WriteWeightGradient(SourceWriter writer, LayerModel layer, VectorWidth width)
    {
        int l = layer.Index;
        int window = layer.Window.KernelWidth * layer.InChannels;
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"ref float xs = ref {Unsafe}.Add(ref x, s * {InputSize(layer)});");
        writer.WriteLine($"ref float dzs = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
        foreach (List<Chunk> group in Groups(layer.OutChannels, width))
        {
            int lanes = Lanes(group, width, window);
            int tiles = window / lanes;
            int rest = window % lanes;
            string items = $"{KernelHeight(l)} * {Int(tiles)}";
            writer.Comment($"output channels {Chunk.Describe(group)}, {lanes} weight row(s) per tile; the {KernelWidth(l)} x {InChannels(l)} rows of a kernel row are contiguous.");
            writer.Comment($"Work items: ({KernelHeight(l)} kernel rows) x ({tiles} tiles), shared out between the parts.");
            writer.OpenBlock($"for (int item = part * ({items}) / parts; item < (part + 1) * ({items}) / parts; item++)");
            writer.WriteLine($"int ky = item / {Int(tiles)};");
            writer.WriteLine($"int j = item % {Int(tiles)} * {Int(lanes)};");
            WriteWeightTile(writer, layer, group, lanes);
            writer.CloseBlock();

            if (rest > 0)
            {
                writer.Comment($"the last {rest} row(s) of each kernel row, by the last part");
                writer.OpenBlock($"for (int ky = part == parts - 1 ? 0 : {KernelHeight(l)}; ky < {KernelHeight(l)}; ky++)");
                writer.WriteLine($"int j = {KernelWidth(l)} * {InChannels(l)} - {Int(rest)};");
                WriteWeightTile(writer, layer, group, rest);
                writer.CloseBlock();
            }
        }

        writer.CloseBlock();
    }

    private static void WriteWeightTile(SourceWriter writer, LayerModel layer, List<Chunk> group, int lanes)
    {
        int l = layer.Index;
        writer.WriteLine($"ref float dwRows = ref {Unsafe}.Add(ref dw, (ky * {KernelWidth(l)} * {InChannels(l)} + j) * {OutChannels(l)});");
        Write(
            writer,
            lanes,
            group,
            (p, chunk) => chunk.Width.Load("dwRows", Sum(Times(p, OutChannels(l)), Int(chunk.Offset))),
            (Action<bool> body) =>
            {
                writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
                writer.WriteLine($"ref float xRow = ref {Unsafe}.Add(ref xs, ((oy * {Stride(l)} + ky) * {RowWidth(layer)}) * {InChannels(l)} + j);");
                writer.WriteLine($"ref float dzRow = ref {Unsafe}.Add(ref dzs, oy * {OutWidth(l)} * {OutChannels(l)});");
                writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
                writer.WriteLine($"ref float xPixel = ref {Unsafe}.Add(ref xRow, ox * {Stride(l)} * {InChannels(l)});");
                writer.WriteLine($"ref float dzPixel = ref {Unsafe}.Add(ref dzRow, ox * {OutChannels(l)});");
                body(true);
                writer.CloseBlock();
                writer.CloseBlock();
                writer.WriteLine();
            },
            (chunk, _) => chunk.Width.Load("dzPixel", Int(chunk.Offset)),
            (p, _) => $"{Unsafe}.Add(ref xPixel, {Int(p)})",
            (p, chunk, acc) => writer.WriteLine(chunk.Width.Store(acc, "dwRows", Sum(Times(p, OutChannels(l)), Int(chunk.Offset)))));
    }

    private static void WriteInputGradient(SourceWriter writer, LayerModel layer, int source)
    {
        int l = layer.Index;
        writer.Documentation($"<summary>Layer {l}: W{l} transposed to (ky, kx, f, c) in {Transposed(l)}, so that a row holds the {InChannels(l)} weights of one output channel.</summary>");
        writer.OpenBlock($"private void {Transpose(l)}()");
        writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)});");
        writer.WriteLine($"ref float wt = ref {Transposed(l)}.Start;");
        writer.OpenBlock($"for (int k = 0; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)");
        writer.OpenBlock($"for (int c = 0; c < {InChannels(l)}; c++)");
        writer.OpenBlock($"for (int f = 0; f < {OutChannels(l)}; f++)");
        writer.WriteLine($"{Unsafe}.Add(ref wt, (k * {OutChannels(l)} + f) * {InChannels(l)} + c) = {Unsafe}.Add(ref w, (k * {InChannels(l)} + c) * {OutChannels(l)} + f);");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l}, samples <paramref name="first"/> to <paramref name="end"/>: each output pixel's dz is spread over its window,
            /// din[window] += dz[pixel, f]·Wt[ky, kx, f, :], a few pixels per tile; written to {Dz(source)}. Needs {Transpose(l)} first.
            /// </summary>
            """);
        writer.OpenBlock($"private void {InputGradient(l)}(int first, int end)");
        writer.WriteLine($"ref float wt = ref {Transposed(l)}.Start;");
        writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
        writer.WriteLine($"ref float dxAll = ref {Dz(source)}.Start; // (batch, {In(l)})");
        writer.OpenBlock("for (int s = first; s < end; s++)");
        writer.WriteLine($"ref float dzs = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
        if (layer.IsPadded)
        {
            writer.WriteLine($"ref float dxs = ref {Unsafe}.Add(ref {PaddedGradient(l)}.Start, s * {PaddedSize(l)}); // the padded sample, cropped below");
        }
        else
        {
            writer.WriteLine($"ref float dxs = ref {Unsafe}.Add(ref dxAll, s * {In(l)});");
        }

        writer.WriteLine($"{MemoryMarshal}.CreateSpan(ref dxs, {InputSize(layer)}).Clear();");
        SimdEmitter.WidthLadder(writer, width => WriteInputGradientBody(writer, layer, width), () => WriteScalarInputGradient(writer, layer));
        if (layer.IsPadded)
        {
            writer.OpenBlock($"for (int y = 0; y < {InHeight(l)}; y++)");
            writer.WriteLine($"{MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref dxs, ((y + {PadTop(l)}) * {PaddedWidth(l)} + {PadLeft(l)}) * {InChannels(l)}), {InWidth(l)} * {InChannels(l)})");
            writer.WriteLine($"    .CopyTo({MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref dxAll, s * {In(l)} + y * {InWidth(l)} * {InChannels(l)}), {InWidth(l)} * {InChannels(l)}));");
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteInputGradientBody(SourceWriter writer, LayerModel layer, VectorWidth width)
    {
        int l = layer.Index;
        foreach (List<Chunk> group in Groups(layer.InChannels, width))
        {
            int lanes = Lanes(group, width, layer.OutWidth);
            int rest = layer.OutWidth % lanes;
            writer.Comment($"input channels {Chunk.Describe(group)}, {lanes} pixel(s) per tile");
            writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
            if (layer.OutWidth >= lanes)
            {
                writer.OpenBlock($"for (int ox = 0; ox < {Minus(OutWidth(l), rest)}; ox += {Int(lanes)})");
                WriteInputGradientTile(writer, layer, group, lanes);
                writer.CloseBlock();
            }

            if (rest > 0)
            {
                writer.OpenBlock(string.Empty);
                writer.WriteLine($"int ox = {OutWidth(l)} - {Int(rest)}; // the last {rest} pixel(s) of the row");
                WriteInputGradientTile(writer, layer, group, rest);
                writer.CloseBlock();
            }

            writer.CloseBlock();
        }
    }

    private static void WriteInputGradientTile(SourceWriter writer, LayerModel layer, List<Chunk> group, int lanes)
    {
        int l = layer.Index;
        string pixelStep = $"{Stride(l)} * {InChannels(l)}";
        writer.WriteLine($"ref float dzo = ref {Unsafe}.Add(ref dzs, (oy * {OutWidth(l)} + ox) * {OutChannels(l)});");
        writer.OpenBlock($"for (int ky = 0; ky < {KernelHeight(l)}; ky++)");
        writer.OpenBlock($"for (int kx = 0; kx < {KernelWidth(l)}; kx++)");
        writer.WriteLine($"ref float dxo = ref {Unsafe}.Add(ref dxs, ((oy * {Stride(l)} + ky) * {RowWidth(layer)} + ox * {Stride(l)} + kx) * {InChannels(l)});");
        writer.WriteLine($"ref float wtk = ref {Unsafe}.Add(ref wt, (ky * {KernelWidth(l)} + kx) * {OutChannels(l)} * {InChannels(l)});");
        Write(
            writer,
            lanes,
            group,
            (p, chunk) => chunk.Width.Load("dxo", Sum(Times(p, pixelStep), Int(chunk.Offset))),
            (Action<bool> body) =>
            {
                writer.OpenBlock($"for (int f = 0; f < {OutChannels(l)}; f++)");
                writer.WriteLine($"ref float wtRow = ref {Unsafe}.Add(ref wtk, f * {InChannels(l)});");
                body(true);
                writer.CloseBlock();
                writer.WriteLine();
            },
            (chunk, _) => chunk.Width.Load("wtRow", Int(chunk.Offset)),
            (p, _) => $"{Unsafe}.Add(ref dzo, {Sum(Times(p, OutChannels(l)), "f")})",
            (p, chunk, acc) => writer.WriteLine(chunk.Width.Store(acc, "dxo", Sum(Times(p, pixelStep), Int(chunk.Offset)))));
        writer.CloseBlock();
        writer.CloseBlock();
    }

    // The fallbacks for hardware without SIMD: plain loops, one sum per value, each in the order the vector tiles
    // take it. Only such hardware runs them (the JIT drops them everywhere else), so they are written to be read.

    /// <summary>z[oy, ox, f] = b[f] + Σ_(ky, j) x[(oy·s + ky, ox·s), j]·W[ky, j, f], j running over a kernel row's columns and channels.</summary>
    private static void WriteScalarForward(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        string window = $"{KernelWidth(l)} * {InChannels(l)}";
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"ref float xo = ref {Unsafe}.Add(ref x, (oy * {Stride(l)} * {RowWidth(layer)} + ox * {Stride(l)}) * {InChannels(l)}); // the window's first input");
        writer.WriteLine($"int o = (oy * {OutWidth(l)} + ox) * {OutChannels(l)};");
        writer.OpenBlock($"for (int f = 0; f < {OutChannels(l)}; f++)");
        writer.WriteLine($"float sum = {Unsafe}.Add(ref b, f);");
        writer.OpenBlock($"for (int ky = 0; ky < {KernelHeight(l)}; ky++)");
        writer.OpenBlock($"for (int j = 0; j < {window}; j++)");
        writer.WriteLine($"sum = {MathF}.FusedMultiplyAdd({Unsafe}.Add(ref xo, ky * {RowWidth(layer)} * {InChannels(l)} + j), {Unsafe}.Add(ref w, (ky * {window} + j) * {OutChannels(l)} + f), sum);");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Unsafe}.Add(ref z, o + f) = sum;");
        writer.WriteLine($"{Unsafe}.Add(ref a, o + f) = {(layer.Activation == ActivationKind.Linear ? "sum" : ActivationForward(layer, "sum"))};");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>db[f] += Σ over samples and pixels of dz[.., f].</summary>
    private static void WriteScalarBiasGradient(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int f = 0; f < {OutChannels(l)}; f++)");
        writer.WriteLine($"float sum = {Unsafe}.Add(ref db, f);");
        writer.OpenBlock($"for (int r = 0; r < batch * {OutHeight(l)} * {OutWidth(l)}; r++)");
        writer.WriteLine($"sum += {Unsafe}.Add(ref dz, r * {OutChannels(l)} + f);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Unsafe}.Add(ref db, f) = sum;");
        writer.CloseBlock();
    }

    /// <summary>
    /// dW[row, f] += Σ_(oy, ox) x[(oy·s + ky, ox·s), j]·dz[oy, ox, f] sample by sample, for this part's share of the
    /// weight rows (row = (ky, j)).
    /// </summary>
    private static void WriteScalarWeightGradient(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        string window = $"{KernelWidth(l)} * {InChannels(l)}";
        string rows = $"{KernelHeight(l)} * {window}";
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"ref float xs = ref {Unsafe}.Add(ref x, s * {InputSize(layer)});");
        writer.WriteLine($"ref float dzs = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
        writer.OpenBlock($"for (int row = part * ({rows}) / parts; row < (part + 1) * ({rows}) / parts; row++)");
        writer.WriteLine($"int ky = row / ({window}), j = row % ({window});");
        writer.OpenBlock($"for (int f = 0; f < {OutChannels(l)}; f++)");
        writer.WriteLine($"ref float dwi = ref {Unsafe}.Add(ref dw, row * {OutChannels(l)} + f);");
        writer.WriteLine("float sum = dwi;");
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"sum = {MathF}.FusedMultiplyAdd({Unsafe}.Add(ref xs, ((oy * {Stride(l)} + ky) * {RowWidth(layer)} + ox * {Stride(l)}) * {InChannels(l)} + j), {Unsafe}.Add(ref dzs, (oy * {OutWidth(l)} + ox) * {OutChannels(l)} + f), sum);");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("dwi = sum;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>din[(oy·s + ky, ox·s + kx), c] += Σ_f dz[oy, ox, f]·Wt[ky, kx, f, c], pixel by pixel.</summary>
    private static void WriteScalarInputGradient(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"ref float dzo = ref {Unsafe}.Add(ref dzs, (oy * {OutWidth(l)} + ox) * {OutChannels(l)});");
        writer.OpenBlock($"for (int ky = 0; ky < {KernelHeight(l)}; ky++)");
        writer.OpenBlock($"for (int kx = 0; kx < {KernelWidth(l)}; kx++)");
        writer.WriteLine($"ref float dxo = ref {Unsafe}.Add(ref dxs, ((oy * {Stride(l)} + ky) * {RowWidth(layer)} + ox * {Stride(l)} + kx) * {InChannels(l)});");
        writer.WriteLine($"ref float wtk = ref {Unsafe}.Add(ref wt, (ky * {KernelWidth(l)} + kx) * {OutChannels(l)} * {InChannels(l)});");
        writer.OpenBlock($"for (int c = 0; c < {InChannels(l)}; c++)");
        writer.WriteLine($"float sum = {Unsafe}.Add(ref dxo, c);");
        writer.OpenBlock($"for (int f = 0; f < {OutChannels(l)}; f++)");
        writer.WriteLine($"sum = {MathF}.FusedMultiplyAdd({Unsafe}.Add(ref dzo, f), {Unsafe}.Add(ref wtk, f * {InChannels(l)} + c), sum);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Unsafe}.Add(ref dxo, c) = sum;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
