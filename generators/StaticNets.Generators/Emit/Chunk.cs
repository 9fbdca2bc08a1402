using System.Collections.Generic;

namespace StaticNets.Generators.Emit;

/// <summary>
/// A run of <see cref="VectorWidth.Count"/> consecutive floats starting at <see cref="Offset"/>, of which the first
/// <see cref="Floats"/> are wanted: a partial chunk (<paramref name="Used"/> below the width) is the tail of a row read
/// as one vector whose last lanes run past the row and are never stored.
/// </summary>
internal readonly record struct Chunk(VectorWidth Width, int Offset, int Used = 0)
{
    /// <summary>How many of the lanes are wanted: the width, or fewer for a partial chunk.</summary>
    public int Floats => Used == 0 ? Width.Count : Used;

    /// <summary>Whether the last lanes of the vector lie past the row.</summary>
    public bool IsPartial => Used != 0 && Used != Width.Count;

    /// <summary>How many floats past the row the vector reads: 0 unless partial.</summary>
    public int Spill => IsPartial ? Width.Count - Used : 0;

    /// <summary>
    /// The generated expression of a mask with all bits set in the wanted lanes and 0 in the others (all set for a
    /// whole vector); <c>value &amp; mask</c> clears what a partial vector read past its row.
    /// </summary>
    public string UsedMask => IsPartial
        ? $"{Width.Class}.AsSingle({Width.Class}.LessThan({Width.Class}<int>.Indices, {Width.Class}.Create({GeneratedNames.Int(Used)})))"
        : $"{Width.Class}<float>.AllBitsSet";

    /// <summary>
    /// Covers <paramref name="count"/> floats with values of <paramref name="width"/>, then the remainder exactly with
    /// narrower vectors and finally single floats: the tail is decided here, at generation time.
    /// </summary>
    /// <param name="overRead">
    /// How many floats past <paramref name="count"/> the last chunk may read. When the remainder fits one vector no
    /// wider than <paramref name="width"/> within that allowance, it is one partial chunk of the narrowest such vector
    /// instead of narrower vectors and floats: one load and one FMA per step instead of several.
    /// </param>
    public static List<Chunk> Plan(int count, VectorWidth width, int overRead = 0)
    {
        var chunks = new List<Chunk>();
        int offset = 0;
        for (; offset + width.Count <= count; offset += width.Count)
        {
            chunks.Add(new Chunk(width, offset));
        }

        int rest = count - offset;
        if (rest > 1 && overRead > 0)
        {
            for (int k = VectorWidth.Vectors.Length - 1; k >= 0; k--)
            {
                VectorWidth vector = VectorWidth.Vectors[k];
                if (vector.Count >= rest && vector.Count <= width.Count && vector.Count - rest <= overRead)
                {
                    chunks.Add(new Chunk(vector, offset, rest == vector.Count ? 0 : rest));
                    return chunks;
                }
            }
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
    public static List<Chunk> PlanFrom(int start, int count, VectorWidth width, int overRead = 0)
    {
        var chunks = Plan(count - start, width, overRead);
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
            while (k + run < chunks.Count && chunks[k + run].Width == chunks[k].Width && !chunks[k + run].IsPartial)
            {
                run++;
            }

            parts.Add(run == 1 ? chunks[k].Width.Name : $"{run} x {chunks[k].Width.Name}");
            if (chunks[k + run - 1].IsPartial)
            {
                parts[parts.Count - 1] += $" with {chunks[k + run - 1].Floats} lanes used";
            }

            k += run;
        }

        Chunk last = chunks[chunks.Count - 1];
        return $"{chunks[0].Offset}..{last.Offset + last.Floats - 1} ({string.Join(" + ", parts)})";
    }
}
