using System.Collections.Generic;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// Writes the kernels of <c>[MaxPool2D]</c>, <c>[AveragePool2D]</c> and <c>[GlobalAveragePool2D]</c> layers. Images are
/// channels last, so the channels of a pixel are contiguous and every kernel works on vectors of channels.
/// </summary>
internal static class PoolingKernels
{
    /// <summary>Windows of at most this many positions are unrolled.</summary>
    public const int MaxUnrolledWindow = 16;

    private static bool Unrolled(LayerModel layer) => layer.Window.KernelHeight * layer.Window.KernelWidth <= MaxUnrolledWindow;

    private static string InputOf(NetworkModel model, int l) => model.SourceOf(l) == 0 ? Inputs : A(model.SourceOf(l));

    /// <summary>The offset of window position (ky, kx) from the window's first value, in floats.</summary>
    private static string WindowOffset(LayerModel layer, int ky, int kx) =>
        RegisterTile.Sum(RegisterTile.Times(ky, $"{InWidth(layer.Index)} * {InChannels(layer.Index)}"), RegisterTile.Times(kx, InChannels(layer.Index)));

    /// <summary>
    /// Writes <c>LnBackward(batch)</c>, which runs the whole batch, and opens <c>LnBackwardRows(first, end)</c>, which does
    /// the work for a range of samples: samples are independent here, so ranges may run on different threads.
    /// </summary>
    private static void OpenRows(SourceWriter writer, int l)
    {
        writer.WriteLine($"private void {LayerBackward(l)}(int batch) => {LayerBackwardRows(l)}(0, batch);");
        writer.WriteLine();
        writer.Documentation($"<summary>Layer {l} backward, samples <paramref name=\"first\"/> to <paramref name=\"end\"/>.</summary>");
        writer.OpenBlock($"private void {LayerBackwardRows(l)}(int first, int end)");
    }

    /// <summary>Max or average pooling forward, one sample.</summary>
    public static void WriteForward(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        bool max = layer.Kind == LayerKind.MaxPool2D;
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} forward, one sample: each output value is the {(max ? "largest value" : "mean")} of its {KernelHeight(l)} x {KernelWidth(l)} window,
            /// channel by channel; windows start every {StrideHeight(l)} rows and {StrideWidth(l)} columns.
            /// </summary>
            /// <param name="x">The input image, {InHeight(l)} x {InWidth(l)} x {InChannels(l)}, channels last.</param>
            /// <param name="a">Receives the output image, {OutHeight(l)} x {OutWidth(l)} x {OutChannels(l)}.</param>
            """);
        writer.OpenBlock($"private static void {LayerForward(l)}(ref float x, ref float a)");
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"ref float window = ref {Unsafe}.Add(ref x, (oy * {StrideHeight(l)} * {InWidth(l)} + ox * {StrideWidth(l)}) * {InChannels(l)});");
        writer.WriteLine($"ref float ao = ref {Unsafe}.Add(ref a, (oy * {OutWidth(l)} + ox) * {OutChannels(l)});");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), width, (w, o) => ForwardValue(layer, w, o, max)),
            () => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), VectorWidth.Scalar, (w, o) => ForwardValue(layer, w, o, max)));
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static IEnumerable<string> ForwardValue(LayerModel layer, VectorWidth width, string o, bool max)
    {
        int l = layer.Index;
        yield return $"var m = {width.Load("window", o)};";
        string Combine(string load) => max ? $"m = {width.Max("m", load)};" : $"m += {load};";
        if (Unrolled(layer))
        {
            for (int ky = 0; ky < layer.Window.KernelHeight; ky++)
            {
                for (int kx = 0; kx < layer.Window.KernelWidth; kx++)
                {
                    if (ky + kx > 0)
                    {
                        yield return Combine(width.Load("window", RegisterTile.Sum(WindowOffset(layer, ky, kx), o)));
                    }
                }
            }
        }
        else
        {
            yield return $"for (int k = 1; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)";
            yield return "{";
            yield return "    " + Combine(width.Load("window", $"(nuint)((k / {KernelWidth(l)} * {InWidth(l)} + k % {KernelWidth(l)}) * {InChannels(l)}) + {o}"));
            yield return "}";
        }

        yield return width.Store(max ? "m" : $"m * (1f / ({KernelHeight(l)} * {KernelWidth(l)}))", "ao", o);
    }

    /// <summary>
    /// Whether the windows tile the input exactly (stride = window, sizes divisible): then every input value belongs
    /// to exactly one window and the backward pass can store instead of clear-and-add.
    /// </summary>
    private static bool TilesExactly(LayerModel layer) =>
        layer.Window.StrideHeight == layer.Window.KernelHeight && layer.Window.StrideWidth == layer.Window.KernelWidth &&
        layer.InHeight % layer.Window.KernelHeight == 0 && layer.InWidth % layer.Window.KernelWidth == 0;

    /// <summary>
    /// Max pooling backward over the batch: each output's gradient goes to the first position of its window (in
    /// row-major order) that holds the maximum, as PyTorch does; overlapping windows add.
    /// </summary>
    public static void WriteMaxBackward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        int source = model.SourceOf(l);

        // Only the unrolled kernels write every position of a window (the gradient or 0); the looped ones add the gradient
        // at the maximum alone, so their buffer is cleared first even when the windows tile the input.
        bool exact = TilesExactly(layer) && Unrolled(layer);
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} backward over the batch: each output's gradient in {Dz(l)} goes to the first position of its window,
            /// in row-major order, that holds the window's maximum (as PyTorch's MaxPool2d); written to {Dz(source)}.
            /// {(exact ? "The windows tile the input exactly, so every input value is written once: no clearing, no adding." : "Inputs in no window, or never the maximum, get 0; overlapping windows add.")}
            /// Branch-free on vectors of channels: a lane's gradient goes to the first position equal to the maximum, and that
            /// lane is then closed for the positions after it.
            /// </summary>
            """);
        OpenRows(writer, l);
        writer.WriteLine($"ref float x = ref {InputOf(model, l)}.Start;");
        writer.WriteLine($"ref float y = ref {A(l)}.Start;");
        writer.WriteLine($"ref float dy = ref {Dz(l)}.Start;");
        writer.WriteLine($"ref float dx = ref {Dz(source)}.Start;");
        if (!exact)
        {
            writer.WriteLine($"{Dz(source)}.Span.Slice(first * {In(l)}, (end - first) * {In(l)}).Clear();");
        }

        writer.OpenBlock("for (int s = first; s < end; s++)");
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"int output = ((s * {OutHeight(l)} + oy) * {OutWidth(l)} + ox) * {OutChannels(l)};");
        writer.WriteLine($"int window = s * {In(l)} + (oy * {StrideHeight(l)} * {InWidth(l)} + ox * {StrideWidth(l)}) * {InChannels(l)};");
        writer.WriteLine($"ref float yo = ref {Unsafe}.Add(ref y, output);");
        writer.WriteLine($"ref float dyo = ref {Unsafe}.Add(ref dy, output);");
        writer.WriteLine($"ref float xw = ref {Unsafe}.Add(ref x, window);");
        writer.WriteLine($"ref float dxw = ref {Unsafe}.Add(ref dx, window);");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), width, (w, o) => MaxBackwardValue(layer, w, o, exact)),
            () => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), VectorWidth.Scalar, (w, o) => MaxBackwardValue(layer, w, o, exact)));
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static IEnumerable<string> MaxBackwardValue(LayerModel layer, VectorWidth width, string o, bool exact)
    {
        int l = layer.Index;
        var positions = new List<string>();
        if (Unrolled(layer))
        {
            for (int ky = 0; ky < layer.Window.KernelHeight; ky++)
            {
                for (int kx = 0; kx < layer.Window.KernelWidth; kx++)
                {
                    positions.Add(RegisterTile.Sum(WindowOffset(layer, ky, kx), o));
                }
            }
        }

        if (width.IsScalar)
        {
            yield return $"float largest = {width.Load("yo", o)};";
            yield return $"float g = {width.Load("dyo", o)};";
            if (positions.Count == 0)
            {
                string at = $"(nuint)((k / {KernelWidth(l)} * {InWidth(l)} + k % {KernelWidth(l)}) * {InChannels(l)}) + {o}";
                yield return $"for (int k = 0; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)";
                yield return "{";
                yield return $"    if ({width.Load("xw", at)} == largest)";
                yield return "    {";
                yield return $"        {width.Load("dxw", at)} += g;";
                yield return "        break;";
                yield return "    }";
                yield return "}";
                yield break;
            }

            for (int k = 0; k < positions.Count; k++)
            {
                string target = width.Load("dxw", positions[k]);
                string hit = $"{width.Load("xw", positions[k])} == largest";
                if (exact)
                {
                    // Every position is written: the gradient, or 0 if an earlier position already took it.
                    if (k == 0)
                    {
                        yield return $"bool open = !({hit});";
                        yield return $"{target} = open ? 0f : g;";
                    }
                    else
                    {
                        yield return $"{target} = open && {hit} ? g : 0f;";
                        yield return $"open &= !({hit});";
                    }
                }
                else
                {
                    yield return $"{(k == 0 ? "if" : "else if")} ({hit}) {target} += g;";
                }
            }

            yield break;
        }

        yield return $"var largest = {width.Load("yo", o)};";
        yield return $"var g = {width.Load("dyo", o)};";
        if (positions.Count == 0)
        {
            string at = $"(nuint)((k / {KernelWidth(l)} * {InWidth(l)} + k % {KernelWidth(l)}) * {InChannels(l)}) + {o}";
            yield return $"var open = {width.Class}<float>.AllBitsSet;";
            yield return $"for (int k = 0; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)";
            yield return "{";
            yield return $"    var hit = {width.Class}.Equals({width.Load("xw", at)}, largest) & open;";
            yield return "    " + width.Store($"{width.Load("dxw", at)} + (g & hit)", "dxw", at);
            yield return $"    open = {width.Class}.AndNot(open, hit);";
            yield return "}";
            yield break;
        }

        for (int k = 0; k < positions.Count; k++)
        {
            string equal = $"{width.Class}.Equals({width.Load("xw", positions[k])}, largest)";
            string hit = k == 0 ? equal : $"{equal} & open";
            yield return $"{(k == 0 ? "var hit" : "hit")} = {hit};";
            yield return width.Store(exact ? "g & hit" : $"{width.Load("dxw", positions[k])} + (g & hit)", "dxw", positions[k]);
            if (k < positions.Count - 1)
            {
                yield return k == 0 ? $"var open = ~hit;" : "open = " + width.Class + ".AndNot(open, hit);";
            }
        }
    }

    /// <summary>Average pooling backward over the batch: each output's gradient, divided by the window size, to every position of its window.</summary>
    public static void WriteAverageBackward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        int source = model.SourceOf(l);
        bool exact = TilesExactly(layer);
        writer.Documentation($"<summary>Layer {l} backward over the batch: each output's gradient in {Dz(l)}, divided by {KernelHeight(l)}·{KernelWidth(l)}, {(exact ? "is written to every position of its window in " + Dz(source) + " (the windows tile the input exactly)" : "is added to every position of its window in " + Dz(source))}.</summary>");
        OpenRows(writer, l);
        writer.WriteLine($"ref float dy = ref {Dz(l)}.Start;");
        writer.WriteLine($"ref float dx = ref {Dz(source)}.Start;");
        if (!exact)
        {
            writer.WriteLine($"{Dz(source)}.Span.Slice(first * {In(l)}, (end - first) * {In(l)}).Clear();");
        }

        writer.OpenBlock("for (int s = first; s < end; s++)");
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"ref float dyo = ref {Unsafe}.Add(ref dy, ((s * {OutHeight(l)} + oy) * {OutWidth(l)} + ox) * {OutChannels(l)});");
        writer.WriteLine($"ref float window = ref {Unsafe}.Add(ref dx, s * {In(l)} + (oy * {StrideHeight(l)} * {InWidth(l)} + ox * {StrideWidth(l)}) * {InChannels(l)});");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), width, (w, o) => SpreadValue(layer, w, o, exact)),
            () => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), VectorWidth.Scalar, (w, o) => SpreadValue(layer, w, o, exact)));
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static IEnumerable<string> SpreadValue(LayerModel layer, VectorWidth width, string o, bool exact)
    {
        int l = layer.Index;
        yield return $"var g = {width.Load("dyo", o)} * (1f / ({KernelHeight(l)} * {KernelWidth(l)}));";
        if (Unrolled(layer))
        {
            for (int ky = 0; ky < layer.Window.KernelHeight; ky++)
            {
                for (int kx = 0; kx < layer.Window.KernelWidth; kx++)
                {
                    string at = RegisterTile.Sum(WindowOffset(layer, ky, kx), o);
                    yield return width.Store(exact ? "g" : $"{width.Load("window", at)} + g", "window", at);
                }
            }
        }
        else
        {
            string at = $"(nuint)((k / {KernelWidth(l)} * {InWidth(l)} + k % {KernelWidth(l)}) * {InChannels(l)}) + {o}";
            yield return $"for (int k = 0; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)";
            yield return "{";
            yield return "    " + width.Store(exact ? "g" : $"{width.Load("window", at)} + g", "window", at);
            yield return "}";
        }
    }

    /// <summary>Global average pooling forward, one sample.</summary>
    public static void WriteGlobalAverageForward(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLines($"""
            /// <summary>Layer {l} forward, one sample: each channel's mean over the {InHeight(l)} x {InWidth(l)} pixels.</summary>
            /// <param name="x">The input image, {InHeight(l)} x {InWidth(l)} x {InChannels(l)}, channels last.</param>
            /// <param name="a">Receives the {Out(l)} means.</param>
            """);
        writer.OpenBlock($"private static void {LayerForward(l)}(ref float x, ref float a)");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), width, (w, o) => GlobalSum(layer, w, o)),
            () => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), VectorWidth.Scalar, (w, o) => GlobalSum(layer, w, o)));
        writer.CloseBlock();
    }

    private static IEnumerable<string> GlobalSum(LayerModel layer, VectorWidth width, string o)
    {
        int l = layer.Index;
        yield return $"var sum = {width.Load("x", o)};";
        yield return $"for (int p = 1; p < {InHeight(l)} * {InWidth(l)}; p++)";
        yield return "{";
        yield return $"    sum += {width.Load("x", $"(nuint)(p * {InChannels(l)}) + {o}")};";
        yield return "}";
        yield return width.Store($"sum * (1f / ({InHeight(l)} * {InWidth(l)}))", "a", o);
    }

    /// <summary>Global average pooling backward over the batch.</summary>
    public static void WriteGlobalAverageBackward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        int source = model.SourceOf(l);
        writer.Documentation($"<summary>Layer {l} backward over the batch: every pixel of channel c gets dLoss/dmean[c] / ({InHeight(l)}·{InWidth(l)}), written to {Dz(source)}.</summary>");
        OpenRows(writer, l);
        writer.WriteLine($"ref float dy = ref {Dz(l)}.Start;");
        writer.WriteLine($"ref float dx = ref {Dz(source)}.Start;");
        writer.OpenBlock("for (int s = first; s < end; s++)");
        writer.WriteLine($"ref float dys = ref {Unsafe}.Add(ref dy, s * {Out(l)});");
        writer.OpenBlock($"for (int p = 0; p < {InHeight(l)} * {InWidth(l)}; p++)");
        writer.WriteLine($"ref float dxp = ref {Unsafe}.Add(ref dx, s * {In(l)} + p * {InChannels(l)});");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.Elementwise(writer, layer.InChannels, InChannels(l), width, (w, o) =>
                w.Store($"{w.Load("dys", o)} * (1f / ({InHeight(l)} * {InWidth(l)}))", "dxp", o)),
            () => SimdEmitter.Elementwise(writer, layer.InChannels, InChannels(l), VectorWidth.Scalar, (w, o) =>
                w.Store($"{w.Load("dys", o)} * (1f / ({InHeight(l)} * {InWidth(l)}))", "dxp", o)));
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
