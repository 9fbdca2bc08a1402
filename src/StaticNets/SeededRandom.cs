using System;

namespace StaticNets;

/// <summary>
/// The one random source of a network: xoshiro256** seeded through SplitMix64. It is defined here rather than taken
/// from <see cref="Random"/> so that a seed means the same sequence on every runtime version.
/// </summary>
/// <remarks>Not thread-safe; each network owns one.</remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public SeededRandom(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>Returns the next 64 uniformly distributed bits.</summary>
    /// <returns>A uniformly distributed value.</returns>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a float uniformly distributed in [0, 1), with 24 random bits.</summary>
    /// <returns>A value in [0, 1).</returns>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Returns a double uniformly distributed in [0, 1), with 53 random bits.</summary>
    /// <returns>A value in [0, 1).</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a standard normal sample (mean 0, deviation 1) by the Box–Muller transform.</summary>
    /// <returns>A normally distributed value.</returns>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // in (0, 1], so the logarithm is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Returns an integer uniformly distributed in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <param name="maxExclusive">The exclusive upper bound; at least 1.</param>
    /// <returns>A value in [0, <paramref name="maxExclusive"/>).</returns>
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        // Lemire's multiply-shift with rejection of the biased low range.
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            UInt128 product = (UInt128)NextUInt64() * range;
            if ((ulong)product >= threshold)
            {
                return (int)(ulong)(product >> 64);
            }
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements to shuffle.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
