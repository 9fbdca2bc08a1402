using System.Collections.Generic;

namespace StaticNets.Generators.Emit;

/// <summary>A run of <see cref="VectorWidth.Count"/> consecutive floats starting at <see cref="Offset"/>.</summary>
internal readonly record struct Chunk(VectorWidth Width, int Offset)
{
    /// <summary>
    /// Covers <paramref name="count"/> floats with values of <paramref name="width"/>, then the remainder exactly with
    /// narrower vectors and finally single floats: the tail is decided here, at generation time.
    /// </summary>
    public static List<Chunk> Plan(int count, VectorWidth width)
    {
        var chunks = new List<Chunk>();
        int offset = 0;
        for (; offset + width.Count <= count; offset += width.Count)
        {
            chunks.Add(new Chunk(width, offset));
        }

        foreach (VectorWidth narrower in VectorWidth.Vectors)
        {
            if (narrower.Count < width.Count && offset + narrower.Count <= count)
            {
                chunks.Add(new Chunk(narrower, offset));
                offset += narrower.Count;
            }
        }

        for (; offset < count; offset++)
        {
            chunks.Add(new Chunk(VectorWidth.Scalar, offset));
        }

        return chunks;
    }

    /// <summary>
    /// The plan of the floats after the first <paramref name="start"/> (a multiple of the width already covered by a
    /// loop): offsets are absolute. Avoids listing every vector of a long pass.
    /// </summary>
    public static List<Chunk> PlanFrom(int start, int count, VectorWidth width)
    {
        var chunks = Plan(count - start, width);
        for (int k = 0; k < chunks.Count; k++)
        {
            chunks[k] = chunks[k] with { Offset = chunks[k].Offset + start };
        }

        return chunks;
    }

    /// <summary>Splits <paramref name="chunks"/> into groups of at most <paramref name="size"/>, e.g. one group per register block.</summary>
    public static List<List<Chunk>> Blocks(List<Chunk> chunks, int size)
    {
        var blocks = new List<List<Chunk>>();
        for (int start = 0; start < chunks.Count; start += size)
        {
            blocks.Add(chunks.GetRange(start, System.Math.Min(size, chunks.Count - start)));
        }

        return blocks;
    }

    /// <summary>A readable description of a group, e.g. <c>outputs 0..127 (8 x Vector512)</c>.</summary>
    public static string Describe(List<Chunk> chunks)
    {
        var parts = new List<string>();
        int k = 0;
        while (k < chunks.Count)
        {
            int run = 1;
            while (k + run < chunks.Count && chunks[k + run].Width == chunks[k].Width)
            {
                run++;
            }

            parts.Add(run == 1 ? chunks[k].Width.Name : $"{run} x {chunks[k].Width.Name}");
            k += run;
        }

        Chunk last = chunks[chunks.Count - 1];
        return $"{chunks[0].Offset}..{last.Offset + last.Width.Count - 1} ({string.Join(" + ", parts)})";
    }
}
