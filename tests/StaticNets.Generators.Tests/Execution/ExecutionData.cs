using System;
using System.Linq;

namespace StaticNets.Generators.Tests.Execution;

/// <summary>Inputs and comparisons the execution tests share.</summary>
internal static class ExecutionData
{
    /// <summary>Uniform values in [−1, 1) from a fixed seed.</summary>
    public static float[] Uniform(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>The bit patterns of <paramref name="values"/>, to compare floats exactly (NaNs and signed zeros included).</summary>
    public static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
