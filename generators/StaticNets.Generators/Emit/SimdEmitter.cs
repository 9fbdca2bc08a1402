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
    /// machine with 512-bit vectors also accelerates 128-bit ones. Where no width uses a vector at all, only the
    /// straight-line scalar code is written.
    /// </summary>
    public static void WidthLadder(SourceWriter writer, Action<VectorWidth> vector, Action scalar)
    {
        var bodies = new List<(VectorWidth Width, string Text)>();
        int vectorExpressions = VectorWidth.VectorExpressions;
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

        bool usesVectors = VectorWidth.VectorExpressions != vectorExpressions;
        if (!usesVectors)
        {
            // No vector code at any width (fewer floats than the narrowest vector): straight-line scalar code, no ladder.
            vector(VectorWidth.V128);
            return;
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
    /// <param name="countName">The constant that names <paramref name="count"/> in the generated code.</param>
    public static void Elementwise(SourceWriter writer, int count, string countName, VectorWidth width, Func<VectorWidth, string, string> statement)
    {
        int full = count / width.Count;
        List<Chunk> chunks;
        if (full > MaxUnrolledVectors)
        {
            writer.OpenBlock($"for (nuint o = 0; o < {VectorEnd(countName, width.Count)}; o += {Int(width.Count)})");
            writer.WriteLine(statement(width, "o"));
            writer.CloseBlock();
            chunks = Chunk.PlanFrom(full * width.Count, count, width);
        }
        else
        {
            chunks = Chunk.Plan(count, width);
        }

        foreach (Chunk chunk in chunks)
        {
            writer.WriteLine(statement(chunk.Width, Int(chunk.Offset)));
        }
    }

    /// <summary>Register blocks of at most this many are unrolled one after another; beyond, full blocks loop.</summary>
    public const int MaxUnrolledBlocks = 2;

    /// <summary>
    /// The end of the part of <paramref name="countName"/> that whole groups of <paramref name="step"/> floats cover,
    /// as a constant expression the compiler folds, e.g. <c>(nuint)(ParameterCount - ParameterCount % 16)</c>.
    /// </summary>
    public static string VectorEnd(string countName, int step) => $"(nuint)({countName} - {countName} % {Int(step)})";

    /// <summary>An element offset: a constant, or <paramref name="baseOffset"/> plus a constant inside a block loop.</summary>
    public static string Offset(string? baseOffset, int offset) =>
        baseOffset is null ? Int(offset) : offset == 0 ? baseOffset : $"{baseOffset} + {Int(offset)}";

    /// <summary>
    /// Writes the register blocks of a pass over <paramref name="count"/> outputs: up to <see cref="MaxUnrolledBlocks"/>
    /// blocks one after another, or else a loop over the full blocks (offsets relative to <c>o</c>) followed by the rest.
    /// </summary>
    /// <param name="block">Writes one block given its chunks (offsets relative to the block) and the base offset expression.</param>
    /// <param name="scoped">Whether a lone block still gets its own braces, so that its accumulators cannot clash with later ones.</param>
    /// <param name="overRead">How many floats past <paramref name="count"/> the tail may read (see <see cref="Chunk.Plan"/>).</param>
    public static void Blocks(SourceWriter writer, int count, string countName, VectorWidth width, string what, bool scoped, Action<List<Chunk>, string?> block, int overRead = 0)
    {
        int blockFloats = MaxAccumulators * width.Count;
        int full = count / blockFloats;
        int chunkCount = count / width.Count + System.Math.Min(count % width.Count, 3); // an upper bound is enough here
        List<List<Chunk>> blocks;
        bool looped = full > 1 && (full > MaxUnrolledBlocks || chunkCount > MaxUnrolledBlocks * MaxAccumulators);
        if (looped)
        {
            writer.Comment($"{what} 0..{full * blockFloats - 1}: {full} blocks of {MaxAccumulators} x {width.Name}, one per iteration");
            writer.OpenBlock($"for (nuint o = 0; o < {VectorEnd(countName, blockFloats)}; o += {Int(blockFloats)})");
            block(Chunk.Plan(blockFloats, width), "o");
            writer.CloseBlock();
            blocks = Chunk.Blocks(Chunk.PlanFrom(full * blockFloats, count, width, overRead), MaxAccumulators);
            if (blocks.Count == 0)
            {
                return;
            }
        }
        else
        {
            blocks = Chunk.Blocks(Chunk.Plan(count, width, overRead), MaxAccumulators);
        }

        for (int k = 0; k < blocks.Count; k++)
        {
            writer.Comment($"{what} {Chunk.Describe(blocks[k])}");
            bool braces = scoped || looped || blocks.Count > 1;
            if (braces)
            {
                writer.OpenBlock(string.Empty);
            }

            block(blocks[k], null);
            if (braces)
            {
                writer.CloseBlock();
            }
        }
    }

    /// <summary>
    /// Like <see cref="Elementwise"/>, for updates that take several statements per value: the loop body and each tail
    /// value (in its own braces) get the lines <paramref name="body"/> builds for a width and an offset expression.
    /// </summary>
    public static void ElementwiseBlock(SourceWriter writer, int count, string countName, VectorWidth width, Func<VectorWidth, string, IEnumerable<string>> body)
    {
        int full = count / width.Count;
        List<Chunk> chunks;
        if (full > MaxUnrolledVectors)
        {
            writer.OpenBlock($"for (nuint o = 0; o < {VectorEnd(countName, width.Count)}; o += {Int(width.Count)})");
            foreach (string line in body(width, "o"))
            {
                writer.WriteLine(line);
            }

            writer.CloseBlock();
            chunks = Chunk.PlanFrom(full * width.Count, count, width);
        }
        else
        {
            chunks = Chunk.Plan(count, width);
        }

        for (int k = 0; k < chunks.Count; k++)
        {
            writer.Comment($"{chunks[k].Width.Name} at {chunks[k].Offset}");
            writer.OpenBlock(string.Empty);
            foreach (string line in body(chunks[k].Width, Int(chunks[k].Offset)))
            {
                writer.WriteLine(line);
            }

            writer.CloseBlock();
        }
    }

    /// <summary>The name of accumulator <paramref name="index"/> of a block.</summary>
    public static string Accumulator(int index) => "acc" + Int(index);
}
