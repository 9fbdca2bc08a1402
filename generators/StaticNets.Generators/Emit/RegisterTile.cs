using System;
using System.Collections.Generic;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// The register tile every convolution kernel is built from: <c>lanes</c> independent rows (output pixels, or weight
/// rows) × one group of channel chunks, one vector accumulator each. Every step of the reduction loads one shared
/// vector per chunk and broadcasts one scalar per lane, so each load feeds several FMAs.
/// </summary>
internal static class RegisterTile
{
    /// <summary>Most pixels (or rows) one tile covers.</summary>
    public const int MaxLanes = 8;

    /// <summary>Accumulators per tile: half the 32 registers of AVX-512, or the 16 of narrower vectors less room for operands.</summary>
    public static int Budget(VectorWidth width) => width == VectorWidth.V512 ? 16 : 8;

    /// <summary>Cuts <paramref name="count"/> channels into groups of chunks that fit the accumulator budget.</summary>
    public static List<List<Chunk>> Groups(int count, VectorWidth width) =>
        Chunk.Blocks(Chunk.Plan(count, width), Budget(width));

    /// <summary>How many lanes a tile over <paramref name="group"/> can afford, at most <paramref name="limit"/>.</summary>
    public static int Lanes(List<Chunk> group, VectorWidth width, int limit) =>
        Math.Max(1, Math.Min(Math.Min(MaxLanes, limit), Budget(width) / group.Count));

    /// <summary>The name of the accumulator of lane <paramref name="lane"/> and chunk <paramref name="chunk"/>.</summary>
    public static string Accumulator(int lane, int chunk) => $"acc{Int(lane)}_{Int(chunk)}";

    /// <summary>
    /// Writes one tile: declares and initialises the accumulators, writes the reduction (the body runs inside whatever
    /// loops <paramref name="loops"/> opens around it), then the stores.
    /// </summary>
    /// <param name="initial">The initial value of an accumulator, given its lane and chunk.</param>
    /// <param name="loops">
    /// Opens the reduction loops and calls the body it is given once per step it writes (once inside a loop, or once
    /// per unrolled step), passing what the step reads; then closes the loops.
    /// </param>
    /// <param name="shared">The vector of a chunk loaded once per step and used by every lane.</param>
    /// <param name="scalar">The float of a lane broadcast once per step and used by every chunk.</param>
    /// <param name="store">The statements that store a finished accumulator, given its lane, chunk and name.</param>
    public static void Write<TStep>(
        SourceWriter writer,
        int lanes,
        List<Chunk> group,
        Func<int, Chunk, string> initial,
        Action<Action<TStep>> loops,
        Func<Chunk, TStep, string> shared,
        Func<int, TStep, string> scalar,
        Action<int, Chunk, string> store)
    {
        for (int p = 0; p < lanes; p++)
        {
            for (int k = 0; k < group.Count; k++)
            {
                writer.WriteLine($"var {Accumulator(p, k)} = {initial(p, group[k])};");
            }
        }

        var widths = new List<VectorWidth>();
        foreach (Chunk chunk in group)
        {
            if (!widths.Contains(chunk.Width))
            {
                widths.Add(chunk.Width);
            }
        }

        string Broadcast(int lane, VectorWidth width) => widths.Count == 1 ? "x" + Int(lane) : $"x{Int(lane)}_{Int(width.Count)}";

        loops(step =>
        {
            for (int k = 0; k < group.Count; k++)
            {
                writer.WriteLine($"var v{Int(k)} = {shared(group[k], step)};");
            }

            for (int p = 0; p < lanes; p++)
            {
                foreach (VectorWidth width in widths)
                {
                    writer.WriteLine($"var {Broadcast(p, width)} = {width.Broadcast(scalar(p, step))};");
                }
            }

            for (int p = 0; p < lanes; p++)
            {
                for (int k = 0; k < group.Count; k++)
                {
                    Chunk chunk = group[k];
                    writer.WriteLine($"{Accumulator(p, k)} = {chunk.Width.FusedMultiplyAdd(Broadcast(p, chunk.Width), "v" + Int(k), Accumulator(p, k))};");
                }
            }
        });

        for (int p = 0; p < lanes; p++)
        {
            for (int k = 0; k < group.Count; k++)
            {
                store(p, group[k], Accumulator(p, k));
            }
        }
    }

    /// <summary>A sum of terms as C# source, leaving out zeros: <c>Sum("0", "j", "2 * L1Stride")</c> is <c>j + 2 * L1Stride</c>.</summary>
    public static string Sum(params string[] terms)
    {
        var kept = new List<string>();
        foreach (string term in terms)
        {
            if (term != "0" && term.Length > 0)
            {
                kept.Add(term);
            }
        }

        return kept.Count == 0 ? "0" : string.Join(" + ", kept);
    }

    /// <summary><c>count * name</c> as C# source: empty for 0, <c>name</c> for 1.</summary>
    public static string Times(int count, string name) => count == 0 ? "0" : count == 1 ? name : $"{Int(count)} * {name}";
}
