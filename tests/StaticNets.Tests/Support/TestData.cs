using System;

namespace StaticNets.Tests.Support;

/// <summary>Deterministic test data drawn from <see cref="SeededRandom"/>.</summary>
public static class TestData
{
    /// <summary><paramref name="count"/> floats uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static float[] Uniform(SeededRandom random, int count, float min = -1f, float max = 1f)
    {
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = min + (max - min) * random.NextSingle();
        }

        return values;
    }

    /// <summary>
    /// Targets for <paramref name="loss"/>: for cross-entropy, rows that are probability distributions (the first row
    /// one-hot, the others soft); for squared error, values uniform in [-1, 1).
    /// </summary>
    public static float[] Targets(SeededRandom random, Loss loss, int batch, int outputs)
    {
        if (loss == Loss.MeanSquaredError)
        {
            return Uniform(random, batch * outputs);
        }

        var targets = new float[batch * outputs];
        for (int s = 0; s < batch; s++)
        {
            Span<float> row = targets.AsSpan(s * outputs, outputs);
            if (s == 0)
            {
                row[random.NextInt32(outputs)] = 1f;
                continue;
            }

            float sum = 0f;
            for (int k = 0; k < outputs; k++)
            {
                row[k] = 0.05f + random.NextSingle();
                sum += row[k];
            }

            for (int k = 0; k < outputs; k++)
            {
                row[k] /= sum;
            }
        }

        return targets;
    }

    /// <summary>Widens floats to doubles exactly.</summary>
    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            result[k] = values[k];
        }

        return result;
    }

    /// <summary>The bit patterns of <paramref name="values"/>, for bitwise comparisons.</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            bits[k] = BitConverter.SingleToInt32Bits(values[k]);
        }

        return bits;
    }
}
