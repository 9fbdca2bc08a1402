using System;

namespace StaticNets.Benchmarks;

/// <summary>The equivalence checks the benchmark classes run in <c>[GlobalSetup]</c> before anything is timed.</summary>
internal static class Check
{
    /// <summary>The largest difference allowed between the generated network and the baseline.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>Throws unless the two spans have equal lengths and differ by at most <see cref="Tolerance"/> everywhere.</summary>
    public static void Close(ReadOnlySpan<float> generated, ReadOnlySpan<float> baseline, string what)
    {
        if (generated.Length != baseline.Length)
        {
            throw new InvalidOperationException($"{what}: the generated network gives {generated.Length} values, the baseline {baseline.Length}.");
        }

        for (int k = 0; k < generated.Length; k++)
        {
            float difference = MathF.Abs(generated[k] - baseline[k]);
            if (!(difference <= Tolerance))
            {
                throw new InvalidOperationException(
                    $"{what}: value {k} is {generated[k]} from the generated network but {baseline[k]} from the baseline (difference {difference}, tolerance {Tolerance}).");
            }
        }
    }

    /// <summary>Adds a small seeded perturbation to every parameter, so that biases are non-zero and their layout is checked too.</summary>
    public static void Perturb(Span<float> parameters, SeededRandom random)
    {
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] += 0.1f * (random.NextSingle() - 0.5f);
        }
    }
}
