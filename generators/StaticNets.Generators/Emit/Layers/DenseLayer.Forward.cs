using System.Collections.Generic;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// The one-sample forward kernel of a dense layer (<c>Layer{l}Forward</c>, used by <c>Predict</c> and for the samples
/// after the last whole tile of a batch), and the accumulator, store and softmax pieces the batch kernels share.
/// </summary>
internal sealed partial class DenseLayer
{
    /// <summary>Layers with at most this many inputs get their input loop unrolled into straight-line code.</summary>
    public const int MaxUnrolledInputs = 16;

    /// <summary>Writes <c>Layer{l}Forward</c> of a dense layer: one sample, z = x·W + b, then the activation.</summary>
    internal static void WriteDenseForward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        bool unrolled = layer.Inputs <= MaxUnrolledInputs;
        string activation = layer.Activation == ActivationKind.Softmax ? "softmax(z)" : $"{Formula(layer.Activation)}(z)";
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} forward, one sample: z = x·W{l} + b{l}; a = {activation}.
            /// W{l} is ({In(l)}, {Out(l)}) row-major, so the weights leaving input i are contiguous and each is read once,
            /// while up to {SimdEmitter.MaxAccumulators} vectors of z stay in registers.{(unrolled ? " The input loop is unrolled." : string.Empty)}
            /// </summary>
            /// <param name="x">The layer's input, {In(l)} floats.</param>
            /// <param name="z">Receives the pre-activation, {Out(l)} floats.</param>
            /// <param name="a">Receives the activation, {Out(l)} floats; may be the same memory as <paramref name="z"/>.</param>
            """);
        writer.OpenBlock($"private void {LayerForward(l)}(ref float x, ref float z, ref float a)");
        writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)});");
        writer.WriteLine($"ref float b = ref {Unsafe}.Add(ref {Parameters}.Start, {BiasOffset(l)});");
        int overRead = OverRead(model, layer);
        bool softmax = layer.Activation == ActivationKind.Softmax;

        // Softmax across the lanes of a register where the logits fit one vector; otherwise once, after the ladder,
        // from the stored logits.
        bool InRegister(VectorWidth width) => SoftmaxInRegister(model, layer, width);
        bool perBranch = System.Array.Exists(VectorWidth.Vectors, InRegister);
        SimdEmitter.WidthLadder(
            writer,
            width =>
            {
                bool inRegister = InRegister(width);
                SimdEmitter.Blocks(writer, layer.Outputs, Out(l), width, "outputs", scoped: false, (block, baseOffset) => WriteBlock(writer, model, layer, block, unrolled, baseOffset, inRegister), overRead);
                if (perBranch && softmax && !inRegister)
                {
                    WriteSoftmax(writer, layer);
                }
            },
            () =>
            {
                WriteScalarForward(writer, layer);
                if (perBranch)
                {
                    writer.WriteLine();
                    WriteSoftmax(writer, layer);
                }
            });

        if (softmax && !perBranch)
        {
            writer.WriteLine();
            WriteSoftmax(writer, layer);
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// Whether, at <paramref name="width"/>, a softmax layer's logits are one vector (full or partial), so that its
    /// softmax is taken across the lanes of that register.
    /// </summary>
    internal static bool SoftmaxInRegister(NetworkModel model, LayerModel layer, VectorWidth width) =>
        layer.Activation == ActivationKind.Softmax
        && Chunk.Plan(layer.Outputs, width, OverRead(model, layer)) is { Count: 1 } plan
        && !plan[0].Width.IsScalar;

    /// <summary>
    /// How many floats a row of W may be read past its end: the parameters after W (the biases, then the later layers).
    /// A partial chunk (<see cref="Chunk.Plan"/>) of the last row reads into them and drops those lanes.
    /// </summary>
    internal static int OverRead(NetworkModel model, LayerModel layer) => model.ParameterCount - Biases(layer).Offset;

    /// <summary>The softmax of a sample whose logits are stored at <paramref name="z"/>, into <paramref name="a"/>.</summary>
    internal static void WriteSoftmax(SourceWriter writer, LayerModel layer, string z = "z", string a = "a")
    {
        if (layer.Outputs <= MaxUnrolledSoftmax)
        {
            WriteUnrolledSoftmax(writer, layer, z, a);
        }
        else
        {
            writer.WriteLine($"{Softmax}.Forward({MemoryMarshal}.CreateReadOnlySpan(ref {z}, {Out(layer.Index)}), {MemoryMarshal}.CreateSpan(ref {a}, {Out(layer.Index)}));");
        }
    }

    /// <summary>How many floats past a layer's biases may be read: the later layers' parameters.</summary>
    internal static int BiasOverRead(NetworkModel model, LayerModel layer) => OverRead(model, layer) - layer.Outputs;

    /// <summary>
    /// The initial value of a chunk's accumulator: its biases, as one load, or lane by lane with zeros after them where a
    /// partial chunk would read past the end of the parameters.
    /// </summary>
    internal static string BiasStart(Chunk chunk, string? baseOffset, int biasOverRead) =>
        chunk.Spill > biasOverRead
            ? chunk.Width.LoadFirst("b", baseOffset, chunk.Offset, chunk.Floats)
            : chunk.Width.Load("b", SimdEmitter.Offset(baseOffset, chunk.Offset));

    /// <summary>The comment that says which floats a block's partial chunk reads beyond its row, if it has one.</summary>
    /// <param name="rows">What the rows read past belong to, as the comment names them; W and what follows it by default.</param>
    internal static void WriteOverReadComment(SourceWriter writer, LayerModel layer, List<Chunk> block, string? rows = null)
    {
        if (block.Exists(chunk => chunk.IsPartial))
        {
            Chunk partial = block.Find(chunk => chunk.IsPartial);
            rows ??= $"W{layer.Index} (the next row, or the parameters after W{layer.Index})";
            writer.Comment($"the {partial.Width.Name} of outputs {partial.Offset}..{partial.Offset + partial.Floats - 1} also reads the {Floats(partial.Spill)} after each row of {rows}; those lanes are never stored");
        }
    }

    /// <summary>
    /// Declares <c>used</c>, the mask of the lanes of <paramref name="chunk"/> that are outputs, for a softmax taken
    /// across its lanes.
    /// </summary>
    internal static void WriteUsedLanes(SourceWriter writer, Chunk chunk)
    {
        writer.WriteLine($"var used = {chunk.UsedMask}; // the lanes that are outputs: softmax across them, the others take no part");
    }

    /// <summary>
    /// Stores a finished accumulator: z, then to a the activation, or with <paramref name="inRegister"/> the softmax
    /// across its lanes (<c>used</c> in scope); whole, or only the used lanes of a partial chunk, through the local
    /// <paramref name="temporary"/> where the stored value is an expression.
    /// </summary>
    internal static void WriteOutputStores(SourceWriter writer, LayerModel layer, Chunk chunk, string acc, string z, string a, string? baseOffset, bool inRegister, string temporary)
    {
        WriteStore(writer, chunk, acc, z, baseOffset);
        string? value = inRegister ? $"{Softmax}.Forward({acc}, used)"
            : layer.Activation == ActivationKind.Softmax ? null
            : layer.Activation == ActivationKind.Linear ? acc
            : ActivationForward(layer, acc);
        if (value is null)
        {
            return; // the softmax follows, from the stored logits
        }

        if (chunk.IsPartial && value != acc)
        {
            writer.WriteLine($"var {temporary} = {value};");
            value = temporary;
        }

        WriteStore(writer, chunk, value, a, baseOffset);
    }

    /// <summary>
    /// One register block: accumulators start at the biases, take one FMA per input, then are stored. A partial chunk
    /// starts from its biases with zeros after them and stores only its used lanes. With <paramref name="inRegister"/>
    /// the block is the layer's one vector of logits and the softmax is taken across its lanes before storing.
    /// </summary>
    private static void WriteBlock(SourceWriter writer, NetworkModel model, LayerModel layer, List<Chunk> block, bool unrolled, string? baseOffset, bool inRegister)
    {
        for (int k = 0; k < block.Count; k++)
        {
            writer.WriteLine($"var {SimdEmitter.Accumulator(k)} = {BiasStart(block[k], baseOffset, BiasOverRead(model, layer))};");
        }

        WriteOverReadComment(writer, layer, block);
        if (unrolled)
        {
            WriteUnrolledInputs(writer, layer, block, baseOffset);
        }
        else
        {
            WriteInputLoop(writer, layer, block, baseOffset);
        }

        if (inRegister)
        {
            WriteUsedLanes(writer, block[0]);
        }

        for (int k = 0; k < block.Count; k++)
        {
            WriteOutputStores(writer, layer, block[k], SimdEmitter.Accumulator(k), "z", "a", baseOffset, inRegister, "activated" + Int(k));
        }
    }

    /// <summary>Stores a chunk's value: whole, or only the used lanes of a partial chunk.</summary>
    internal static void WriteStore(SourceWriter writer, Chunk chunk, string value, string reference, string? baseOffset)
    {
        foreach (string line in chunk.Width.StoreFirst(value, reference, baseOffset, chunk.Offset, chunk.Floats))
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// The input loop of a wide layer. A block of few accumulators splits each into partial sums as
    /// <see cref="WriteUnrolledInputs"/> does, taking that many inputs per iteration.
    /// </summary>
    private static void WriteInputLoop(SourceWriter writer, LayerModel layer, List<Chunk> block, string? baseOffset)
    {
        int l = layer.Index;
        int chains = PartialSums(layer, block);
        var broadcasts = new HashSet<VectorWidth>();
        foreach (Chunk chunk in block)
        {
            if (!chunk.Width.IsScalar)
            {
                broadcasts.Add(chunk.Width);
            }
        }

        void Step(string input, int chain)
        {
            string row = chains > 1 ? "row" + Int(chain) : "row";
            string xi = chains > 1 ? "x" + Int(chain) : "xi";
            string rowStart = input.Contains(" ") ? $"({input}) * {Out(l)}" : $"{input} * {Out(l)}";
            writer.WriteLine($"ref float {row} = ref {Unsafe}.Add(ref w, {rowStart});");
            writer.WriteLine($"float {xi} = {Unsafe}.Add(ref x, {input});");
            string Broadcast(VectorWidth width) => chains > 1 ? $"{xi}v{Int(width.Count)}" : xi + Int(width.Count); // x1v16, or xi16
            foreach (VectorWidth width in broadcasts)
            {
                writer.WriteLine($"var {Broadcast(width)} = {width.Broadcast(xi)};");
            }

            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                string operand = chunk.Width.IsScalar ? xi : Broadcast(chunk.Width);
                string sum = PartialSum(k, chain);
                writer.WriteLine($"{sum} = {chunk.Width.FusedMultiplyAdd(operand, chunk.Width.Load(row, SimdEmitter.Offset(baseOffset, chunk.Offset)), sum)};");
            }
        }

        if (chains == 1)
        {
            writer.OpenBlock($"for (int i = 0; i < {In(l)}; i++)");
            Step("i", 0);
            writer.CloseBlock();
            writer.WriteLine();
            return;
        }

        writer.Comment($"input i goes to partial sum i % {chains} of each accumulator: {chains} independent FMA chains instead of one");
        for (int k = 0; k < block.Count; k++)
        {
            for (int c = 1; c < chains; c++)
            {
                writer.WriteLine($"var {PartialSum(k, c)} = {(block[k].Width.IsScalar ? "0f" : block[k].Width.Class + "<float>.Zero")};");
            }
        }

        int whole = layer.Inputs - layer.Inputs % chains;
        writer.OpenBlock($"for (int i = 0; i < {Int(whole)}; i += {Int(chains)})");
        for (int c = 0; c < chains; c++)
        {
            Step(c == 0 ? "i" : $"i + {Int(c)}", c);
        }

        writer.CloseBlock();
        writer.WriteLine();
        for (int i = whole; i < layer.Inputs; i++)
        {
            writer.OpenBlock(string.Empty);
            Step(Int(i), i - whole);
            writer.CloseBlock();
        }

        WritePartialSumTotals(writer, block, chains);
    }

    /// <summary>Softmax layers with at most this many outputs get it as straight-line code instead of a call.</summary>
    public const int MaxUnrolledSoftmax = 16;

    /// <summary>
    /// Softmax over a few outputs as straight-line code: the same operations in the same order as
    /// <c>SoftmaxOperator.Forward</c> (largest logit, exponentials of the differences, one reciprocal of their sum), so
    /// the results are bitwise those of the call, without its loops.
    /// </summary>
    /// <param name="z">The reference to the logits in the generated code.</param>
    /// <param name="a">The reference that receives the probabilities.</param>
    internal static void WriteUnrolledSoftmax(SourceWriter writer, LayerModel layer, string z, string a)
    {
        int n = layer.Outputs;
        writer.Comment($"softmax over the {n} outputs, unrolled: subtract the largest logit, exponentiate, normalise");
        for (int k = 0; k < n; k++)
        {
            writer.WriteLine($"float logit{Int(k)} = {Unsafe}.Add(ref {z}, {Int(k)});");
        }

        writer.WriteLine("float max = float.NegativeInfinity;");
        for (int k = 0; k < n; k++)
        {
            writer.WriteLine($"max = logit{Int(k)} > max ? logit{Int(k)} : max;");
        }

        var terms = new List<string>();
        for (int k = 0; k < n; k++)
        {
            writer.WriteLine($"float e{Int(k)} = {Exp}(logit{Int(k)} - max);");
            terms.Add("e" + Int(k));
        }

        writer.WriteLine($"float inverse = 1f / ({string.Join(" + ", terms)});");
        for (int k = 0; k < n; k++)
        {
            writer.WriteLine($"{Unsafe}.Add(ref {a}, {Int(k)}) = e{Int(k)} * inverse;");
        }
    }

    /// <summary>
    /// Most partial sums one accumulator is split into when a block has few accumulators: with one FMA chain per
    /// accumulator a narrow layer would wait on the FMA latency for every input, so inputs are dealt round-robin to
    /// this many independent chains and summed pairwise at the end.
    /// </summary>
    public const int MaxPartialSums = 4;

    /// <summary>How many partial sums each accumulator of a block gets: enough for about 8 independent chains, at most one per input.</summary>
    private static int PartialSums(LayerModel layer, List<Chunk> block) =>
        System.Math.Min(System.Math.Min(MaxPartialSums, System.Math.Max(1, SimdEmitter.MaxAccumulators / block.Count)), layer.Inputs);

    /// <summary>The name of partial sum <paramref name="chain"/> of accumulator <paramref name="index"/>; chain 0 is the accumulator itself.</summary>
    private static string PartialSum(int index, int chain) => chain == 0 ? SimdEmitter.Accumulator(index) : $"{SimdEmitter.Accumulator(index)}p{Int(chain)}";

    /// <summary>The input loop of a small layer as straight-line code: one FMA per input and accumulator, dealt to short chains.</summary>
    private static void WriteUnrolledInputs(SourceWriter writer, LayerModel layer, List<Chunk> block, string? baseOffset)
    {
        int chains = PartialSums(layer, block);
        if (chains > 1)
        {
            writer.Comment($"input i goes to partial sum i % {chains} of each accumulator: {chains} independent FMA chains instead of one");
        }

        for (int i = 0; i < layer.Inputs; i++)
        {
            writer.WriteLine($"float x{Int(i)} = {Unsafe}.Add(ref x, {Int(i)});");
            int chain = i % chains;
            for (int k = 0; k < block.Count; k++)
            {
                Chunk chunk = block[k];
                string weights = chunk.Width.Load("w", SimdEmitter.Offset(baseOffset, i * layer.Outputs + chunk.Offset));
                string xi = chunk.Width.Broadcast("x" + Int(i));
                string sum = PartialSum(k, chain);
                writer.WriteLine(chain != 0 && i < chains
                    ? $"var {sum} = {xi} * {weights};"
                    : $"{sum} = {chunk.Width.FusedMultiplyAdd(xi, weights, sum)};");
            }
        }

        if (chains > 1)
        {
            WritePartialSumTotals(writer, block, chains);
        }
    }

    /// <summary>Adds each accumulator's partial sums into it, pairwise.</summary>
    private static void WritePartialSumTotals(SourceWriter writer, List<Chunk> block, int chains)
    {
        for (int k = 0; k < block.Count; k++)
        {
            string Pair(int c) => c + 1 >= chains ? PartialSum(k, c) : chains == 2 ? $"{PartialSum(k, c)} + {PartialSum(k, c + 1)}" : $"({PartialSum(k, c)} + {PartialSum(k, c + 1)})";
            var pairs = new List<string>();
            for (int c = 0; c < chains; c += 2)
            {
                pairs.Add(Pair(c));
            }

            writer.WriteLine($"{SimdEmitter.Accumulator(k)} = {string.Join(" + ", pairs)};");
        }
    }

    /// <summary>The fallback for hardware without SIMD: plain loops.</summary>
    private static void WriteScalarForward(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
        writer.WriteLine($"float sum = {Unsafe}.Add(ref b, o);");
        writer.OpenBlock($"for (int i = 0; i < {In(l)}; i++)");
        writer.WriteLine($"sum = {MathF}.FusedMultiplyAdd({Unsafe}.Add(ref x, i), {Unsafe}.Add(ref w, i * {Out(l)} + o), sum);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Unsafe}.Add(ref z, o) = sum;");
        if (layer.Activation != ActivationKind.Softmax)
        {
            string value = layer.Activation == ActivationKind.Linear ? "sum" : ActivationForward(layer, "sum");
            writer.WriteLine($"{Unsafe}.Add(ref a, o) = {value};");
        }

        writer.CloseBlock();
    }
}
