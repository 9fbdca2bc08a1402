using System.Collections.Generic;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes the kernels of <c>[MaxPool2D]</c>, <c>[AveragePool2D]</c> and <c>[GlobalAveragePool2D]</c> layers. Images are
/// channels last, so the channels of a pixel are contiguous and every kernel works on vectors of channels.
/// </summary>
internal static class PoolingEmitter
{
    /// <summary>Windows of at most this many positions are unrolled.</summary>
    public const int MaxUnrolledWindow = 16;

    private static bool Unrolled(LayerModel layer) => layer.KernelHeight * layer.KernelWidth <= MaxUnrolledWindow;

    private static string InputOf(NetworkModel model, int l) => model.SourceOf(l) == 0 ? Inputs : A(model.SourceOf(l));

    /// <summary>The offset of window position (ky, kx) from the window's first value, in floats.</summary>
    private static string WindowOffset(LayerModel layer, int ky, int kx) =>
        RegisterTile.Sum(RegisterTile.Times(ky, $"{InWidth(layer.Index)} * {InChannels(layer.Index)}"), RegisterTile.Times(kx, InChannels(layer.Index)));

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
            for (int ky = 0; ky < layer.KernelHeight; ky++)
            {
                for (int kx = 0; kx < layer.KernelWidth; kx++)
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
    /// Max pooling backward over the batch: each output's gradient goes to the first position of its window (in
    /// row-major order) that holds the maximum, as PyTorch does; overlapping windows add.
    /// </summary>
    public static void WriteMaxBackward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        int source = model.SourceOf(l);
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} backward over the batch: each output's gradient in {Dz(l)} goes to the first position of its window,
            /// in row-major order, that holds the window's maximum (as PyTorch's MaxPool2d); written to {Dz(source)}.
            /// Inputs in no window, or never the maximum, get 0.
            /// </summary>
            """);
        writer.OpenBlock($"private void {LayerBackward(l)}(int batch)");
        writer.WriteLine($"ref float x = ref {MemoryMarshal}.GetArrayDataReference({InputOf(model, l)});");
        writer.WriteLine($"ref float y = ref {MemoryMarshal}.GetArrayDataReference({A(l)});");
        writer.WriteLine($"ref float dy = ref {MemoryMarshal}.GetArrayDataReference({Dz(l)});");
        writer.WriteLine($"ref float dx = ref {MemoryMarshal}.GetArrayDataReference({Dz(source)});");
        writer.WriteLine($"global::System.Array.Clear({Dz(source)}, 0, batch * {In(l)});");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"int o = ((s * {OutHeight(l)} + oy) * {OutWidth(l)} + ox) * {OutChannels(l)};");
        writer.WriteLine($"int i = s * {In(l)} + (oy * {StrideHeight(l)} * {InWidth(l)} + ox * {StrideWidth(l)}) * {InChannels(l)};");
        writer.OpenBlock($"for (int c = 0; c < {InChannels(l)}; c++, o++, i++)");
        writer.WriteLine($"float largest = {Unsafe}.Add(ref y, o);");
        writer.WriteLine($"float g = {Unsafe}.Add(ref dy, o);");
        if (Unrolled(layer))
        {
            bool first = true;
            for (int ky = 0; ky < layer.KernelHeight; ky++)
            {
                for (int kx = 0; kx < layer.KernelWidth; kx++)
                {
                    string at = RegisterTile.Sum("i", WindowOffset(layer, ky, kx));
                    writer.WriteLine($"{(first ? "if" : "else if")} ({Unsafe}.Add(ref x, {at}) == largest)");
                    writer.OpenBlock(string.Empty);
                    writer.WriteLine($"{Unsafe}.Add(ref dx, {at}) += g;");
                    writer.CloseBlock();
                    first = false;
                }
            }
        }
        else
        {
            writer.OpenBlock($"for (int k = 0; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)");
            writer.WriteLine($"int at = i + (k / {KernelWidth(l)} * {InWidth(l)} + k % {KernelWidth(l)}) * {InChannels(l)};");
            writer.OpenBlock($"if ({Unsafe}.Add(ref x, at) == largest)");
            writer.WriteLine($"{Unsafe}.Add(ref dx, at) += g;");
            writer.WriteLine("break;");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>Average pooling backward over the batch: each output's gradient, divided by the window size, to every position of its window.</summary>
    public static void WriteAverageBackward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        int source = model.SourceOf(l);
        writer.WriteLine($"/// <summary>Layer {l} backward over the batch: each output's gradient in {Dz(l)}, divided by {KernelHeight(l)}·{KernelWidth(l)}, is added to every position of its window in {Dz(source)}.</summary>");
        writer.OpenBlock($"private void {LayerBackward(l)}(int batch)");
        writer.WriteLine($"ref float dy = ref {MemoryMarshal}.GetArrayDataReference({Dz(l)});");
        writer.WriteLine($"ref float dx = ref {MemoryMarshal}.GetArrayDataReference({Dz(source)});");
        writer.WriteLine($"global::System.Array.Clear({Dz(source)}, 0, batch * {In(l)});");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.OpenBlock($"for (int oy = 0; oy < {OutHeight(l)}; oy++)");
        writer.OpenBlock($"for (int ox = 0; ox < {OutWidth(l)}; ox++)");
        writer.WriteLine($"ref float dyo = ref {Unsafe}.Add(ref dy, ((s * {OutHeight(l)} + oy) * {OutWidth(l)} + ox) * {OutChannels(l)});");
        writer.WriteLine($"ref float window = ref {Unsafe}.Add(ref dx, s * {In(l)} + (oy * {StrideHeight(l)} * {InWidth(l)} + ox * {StrideWidth(l)}) * {InChannels(l)});");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), width, (w, o) => SpreadValue(layer, w, o)),
            () => SimdEmitter.ElementwiseBlock(writer, layer.InChannels, InChannels(l), VectorWidth.Scalar, (w, o) => SpreadValue(layer, w, o)));
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static IEnumerable<string> SpreadValue(LayerModel layer, VectorWidth width, string o)
    {
        int l = layer.Index;
        yield return $"var g = {width.Load("dyo", o)} * (1f / ({KernelHeight(l)} * {KernelWidth(l)}));";
        if (Unrolled(layer))
        {
            for (int ky = 0; ky < layer.KernelHeight; ky++)
            {
                for (int kx = 0; kx < layer.KernelWidth; kx++)
                {
                    string at = RegisterTile.Sum(WindowOffset(layer, ky, kx), o);
                    yield return width.Store($"{width.Load("window", at)} + g", "window", at);
                }
            }
        }
        else
        {
            string at = $"(nuint)((k / {KernelWidth(l)} * {InWidth(l)} + k % {KernelWidth(l)}) * {InChannels(l)}) + {o}";
            yield return $"for (int k = 0; k < {KernelHeight(l)} * {KernelWidth(l)}; k++)";
            yield return "{";
            yield return "    " + width.Store($"{width.Load("window", at)} + g", "window", at);
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
        writer.WriteLine($"/// <summary>Layer {l} backward over the batch: every pixel of channel c gets dLoss/dmean[c] / ({InHeight(l)}·{InWidth(l)}), written to {Dz(source)}.</summary>");
        writer.OpenBlock($"private void {LayerBackward(l)}(int batch)");
        writer.WriteLine($"ref float dy = ref {MemoryMarshal}.GetArrayDataReference({Dz(l)});");
        writer.WriteLine($"ref float dx = ref {MemoryMarshal}.GetArrayDataReference({Dz(source)});");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
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
