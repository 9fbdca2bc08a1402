using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>Runs a vector operator over an array in Vector128, Vector256 and Vector512 chunks and compares it with the scalar one.</summary>
internal static class Lanes
{
    /// <summary>The three widths' results of a one-argument operator, each as one array as long as <paramref name="x"/>.</summary>
    public static (string Width, float[] Values)[] Apply(
        float[] x,
        Func<Vector128<float>, Vector128<float>> f128,
        Func<Vector256<float>, Vector256<float>> f256,
        Func<Vector512<float>, Vector512<float>> f512) =>
        Apply(x, x, (v, _) => f128(v), (v, _) => f256(v), (v, _) => f512(v));

    /// <summary>The three widths' results of a two-argument operator, each as one array as long as <paramref name="x"/>.</summary>
    public static (string Width, float[] Values)[] Apply(
        float[] x,
        float[] y,
        Func<Vector128<float>, Vector128<float>, Vector128<float>> f128,
        Func<Vector256<float>, Vector256<float>, Vector256<float>> f256,
        Func<Vector512<float>, Vector512<float>, Vector512<float>> f512)
    {
        if (x.Length % 16 != 0 || y.Length != x.Length)
        {
            throw new ArgumentException("Inputs must be a whole number of Vector512s.", nameof(x));
        }

        var v128 = new float[x.Length];
        var v256 = new float[x.Length];
        var v512 = new float[x.Length];
        for (int i = 0; i < x.Length; i += 16)
        {
            f512(Vector512.Create(x.AsSpan(i, 16)), Vector512.Create(y.AsSpan(i, 16))).CopyTo(v512.AsSpan(i, 16));
            for (int j = i; j < i + 16; j += 8)
            {
                f256(Vector256.Create(x.AsSpan(j, 8)), Vector256.Create(y.AsSpan(j, 8))).CopyTo(v256.AsSpan(j, 8));
            }

            for (int j = i; j < i + 16; j += 4)
            {
                f128(Vector128.Create(x.AsSpan(j, 4)), Vector128.Create(y.AsSpan(j, 4))).CopyTo(v128.AsSpan(j, 4));
            }
        }

        return [("Vector128", v128), ("Vector256", v256), ("Vector512", v512)];
    }

    /// <summary>
    /// Asserts that every width's lanes are finite and within <paramref name="tolerance"/>·max(1, |scalar|) of the scalar
    /// results.
    /// </summary>
    public static void AssertMatchScalar(string what, float[] x, float[] scalar, (string Width, float[] Values)[] widths, double tolerance)
    {
        foreach ((string width, float[] values) in widths)
        {
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(float.IsFinite(values[i]) && float.IsFinite(scalar[i]), $"{what} at {x[i]:R}: scalar {scalar[i]:R}, {width} {values[i]:R}");
                Assert.True(Math.Abs(values[i] - scalar[i]) <= tolerance * Math.Max(1, Math.Abs(scalar[i])),
                    $"{what} at {x[i]:R}: scalar {scalar[i]:R}, {width} {values[i]:R}");
            }
        }
    }

    /// <summary>
    /// Special points (0, ±0, tiny, ±30, around exp's overflow at ±88.7, ±100, ±1000, the float extremes), a grid over
    /// [-100, 100] and a fine grid over [-6, 6]; padded to a whole number of Vector512s.
    /// </summary>
    public static float[] Inputs()
    {
        var values = new List<float>
        {
            -float.MaxValue, -1e30f, -1000f, -100f, -88.8f, -88.7f, -30f, -20f, -15f, -14f, -10f, -5f, -1f, -1e-3f, -1e-7f, -1e-30f, -0f,
            0f, 1e-30f, 1e-7f, 1e-3f, 1f, 5f, 10f, 14f, 15f, 20f, 30f, 88.7f, 88.8f, 100f, 1000f, 1e30f, float.MaxValue,
        };
        for (float x = -100f; x <= 100f; x += 0.37f)
        {
            values.Add(x);
        }

        for (float x = -6f; x <= 6f; x += 0.01f)
        {
            values.Add(x);
        }

        while (values.Count % 16 != 0)
        {
            values.Add(values.Count * 0.001f);
        }

        return values.ToArray();
    }

    /// <summary><paramref name="count"/> floats evenly spread over [from, to], padded to a whole number of Vector512s.</summary>
    public static float[] Grid(float from, float to, int count)
    {
        int padded = (count + 15) / 16 * 16;
        var x = new float[padded];
        for (int i = 0; i < padded; i++)
        {
            x[i] = (float)(from + (to - from) * Math.Min(i, count - 1) / (count - 1));
        }

        return x;
    }
}
