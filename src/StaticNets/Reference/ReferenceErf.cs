using System;

namespace StaticNets.Reference;

/// <summary>
/// The error function, its complement and the standard normal distribution in <see cref="double"/>, written from their
/// textbook power series and continued fraction: the definition GELU's reference and the float erf are measured
/// against. Accurate to about 1e-15 relative (the test project checks it against tabulated values).
/// </summary>
/// <remarks>
/// <see cref="Math"/> has no erf. For |x| below 2.5 erf is the series <c>2/√π·exp(-x²)·Σ 2ⁿ·x^(2n+1)/(1·3·…·(2n+1))</c>,
/// whose terms are all positive; from 2.5 on erfc is the continued fraction
/// <c>exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))</c>, which keeps erfc's relative accuracy far out.
/// Slow by design; never use it in production.
/// </remarks>
public static class ReferenceErf
{
    /// <summary>Below this |x| erf uses the power series; from it on, erfc's continued fraction.</summary>
    private const double SeriesLimit = 2.5;

    /// <summary>The error function, <c>erf(x) = 2/√π·∫₀ˣ exp(-t²) dt</c>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns><c>erf(x)</c>, in [-1, 1]; NaN for NaN.</returns>
    public static double Erf(double x)
    {
        double w = Math.Abs(x);
        double value = w < SeriesLimit ? Series(w) : 1 - ContinuedFraction(w);
        return Math.CopySign(value, x);
    }

    /// <summary>The complementary error function, <c>erfc(x) = 1 - erf(x)</c>, without cancellation for large x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns><c>erfc(x)</c>, in [0, 2]; NaN for NaN.</returns>
    public static double Erfc(double x)
    {
        if (x < SeriesLimit)
        {
            return 1 - Erf(x);
        }

        return ContinuedFraction(x);
    }

    /// <summary>The standard normal cumulative distribution function, <c>Φ(z) = erfc(-z/√2) / 2</c>.</summary>
    /// <param name="z">The argument.</param>
    /// <returns><c>Φ(z)</c>, with relative accuracy in the lower tail.</returns>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The standard normal density, <c>φ(z) = exp(-z²/2) / √(2π)</c>.</summary>
    /// <param name="z">The argument.</param>
    /// <returns><c>φ(z)</c>.</returns>
    public static double Density(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

    /// <summary>
    /// <c>erf(x) = 2/√π·exp(-x²)·Σ_n 2ⁿ·x^(2n+1) / (1·3·…·(2n+1))</c> for x ≥ 0: every term is positive, so nothing cancels.
    /// </summary>
    private static double Series(double x)
    {
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > 1e-18 * sum; n++) // until a term no longer changes the double sum
        {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }

        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    /// <summary>
    /// <c>erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))</c> for x ≥ SeriesLimit, evaluated from the
    /// back with enough terms to converge to double precision there.
    /// </summary>
    private static double ContinuedFraction(double x)
    {
        double tail = x;
        for (int k = 300; k >= 1; k--)
        {
            tail = x + k / 2.0 / tail;
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / tail;
    }
}
