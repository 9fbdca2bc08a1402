using System;
using System.Collections.Generic;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// The shapes of SIMD code every emitter shares: the <c>IsHardwareAccelerated</c> ladder, elementwise passes with
/// exact tails, and register-blocked accumulations.
/// </summary>
internal static class SimdEmitter
{
    /// <summary>Most vector accumulators one block keeps in registers (16 architectural registers at 256 bits; 32 at 512).</summary>
    public const int MaxAccumulators = 8;

    /// <summary>Elementwise passes of at most this many full vectors are unrolled; longer ones loop.</summary>
    public const int MaxUnrolledVectors = 8;

    /// <summary>
    /// Writes <c>if (Vector512.IsHardwareAccelerated) { ... } else if (Vector256...) ... else { scalar }</c>.
    /// The JIT folds the checks, so only one branch survives in machine code. Where a wider branch would be the same
    /// code as the next narrower one (a layer narrower than the vectors), only the narrower check is written: a
    /// machine with 512-bit vectors also accelerates 128-bit ones.
    /// </summary>
    public static void WidthLadder(SourceWriter writer, Action<VectorWidth> vector, Action scalar)
    {
        var bodies = new List<(VectorWidth Width, string Text)>();
        foreach (VectorWidth width in VectorWidth.Vectors)
        {
            string body = writer.Capture(() =>
            {
                writer.OpenBlock(string.Empty);
                vector(width);
                writer.CloseBlock();
            });
            bodies.Add((width, body));
        }

        bool first = true;
        for (int k = 0; k < bodies.Count; k++)
        {
            if (k + 1 < bodies.Count && bodies[k + 1].Text == bodies[k].Text)
            {
                continue; // the narrower branch below is identical and covers this width too
            }

            writer.WriteLine((first ? "if (" : "else if (") + bodies[k].Width.IsAccelerated + ")");
            writer.AppendText(bodies[k].Text);
            first = false;
        }

        writer.OpenBlock("else");
        scalar();
        writer.CloseBlock();
    }

    /// <summary>
    /// Writes one statement per value of an elementwise pass over <paramref name="count"/> floats. Up to
    /// <see cref="MaxUnrolledVectors"/> full vectors are unrolled at constant offsets; longer passes loop over the full
    /// vectors with an <c>nuint o</c>. The tail is always emitted exactly.
    /// </summary>
    /// <param name="statement">Builds the statement for a width and an offset expression.</param>
    public static void Elementwise(SourceWriter writer, int count, VectorWidth width, Func<VectorWidth, string, string> statement)
    {
        List<Chunk> chunks = Chunk.Plan(count, width);
        int full = count / width.Count;
        int start = 0;
        if (full > MaxUnrolledVectors)
        {
            int end = full * width.Count;
            writer.OpenBlock($"for (nuint o = 0; o < {Int(end)}; o += {Int(width.Count)})");
            writer.WriteLine(statement(width, "o"));
            writer.CloseBlock();
            start = full;
        }

        for (int k = start; k < chunks.Count; k++)
        {
            writer.WriteLine(statement(chunks[k].Width, Int(chunks[k].Offset)));
        }
    }

    /// <summary>The name of accumulator <paramref name="index"/> of a block.</summary>
    public static string Accumulator(int index) => "acc" + Int(index);

    /// <summary>
    /// Writes a dot product of <paramref name="count"/> floats at <paramref name="left"/> and <paramref name="right"/>
    /// into a new local <paramref name="result"/>: one accumulator per width, summed across lanes at the end.
    /// </summary>
    public static void Dot(SourceWriter writer, int count, VectorWidth width, string left, string right, string result)
    {
        List<Chunk> chunks = Chunk.Plan(count, width);
        int full = count / width.Count;
        var started = new HashSet<VectorWidth>();
        var order = new List<VectorWidth>();
        string Name(VectorWidth w) => w.IsScalar ? "dot1" : "dot" + Int(w.Count);

        void Add(VectorWidth w, string offset)
        {
            string product = $"{w.Load(left, offset)} * {w.Load(right, offset)}";
            if (started.Add(w))
            {
                order.Add(w);
                writer.WriteLine($"var {Name(w)} = {product};");
            }
            else
            {
                writer.WriteLine($"{Name(w)} = {w.FusedMultiplyAdd(w.Load(left, offset), w.Load(right, offset), Name(w))};");
            }
        }

        int start = 0;
        if (full > MaxUnrolledVectors)
        {
            started.Add(width);
            order.Add(width);
            writer.WriteLine($"var {Name(width)} = {width.Class}<float>.Zero;");
            writer.OpenBlock($"for (nuint o = 0; o < {Int(full * width.Count)}; o += {Int(width.Count)})");
            writer.WriteLine($"{Name(width)} = {width.FusedMultiplyAdd(width.Load(left, "o"), width.Load(right, "o"), Name(width))};");
            writer.CloseBlock();
            start = full;
        }

        for (int k = start; k < chunks.Count; k++)
        {
            Add(chunks[k].Width, Int(chunks[k].Offset));
        }

        var terms = new List<string>();
        foreach (VectorWidth w in order)
        {
            terms.Add(w.Sum(Name(w)));
        }

        writer.WriteLine($"float {result} = {string.Join(" + ", terms)};");
    }
}
