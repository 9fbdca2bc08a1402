using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Gaussian error linear unit, exact form (PyTorch's default <c>approximate="none"</c>):
/// <c>a = z·Φ(z) = 0.5·z·(1 + erf(z/√2))</c>, with <c>Φ</c> the standard normal CDF;
/// <c>da/dz = Φ(z) + z·φ(z)</c>, with <c>φ(z) = exp(-z²/2) / √(2π)</c> the standard normal density.
/// </summary>
/// <remarks>
/// <para>
/// Generated layers call these methods elementwise: <c>Forward</c> on the pre-activation <c>z</c>, <c>Derivative</c>
/// with both <c>z</c> and the activation <c>a = Forward(z)</c> (each operator reads whichever is cheaper).
/// The overloads for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the
/// same formula lane by lane.
/// </para>
/// <para>
/// .NET has no <c>MathF.Erf</c>, so <see cref="Erf(float)"/> is computed here in two ranges:
/// <c>erf(x) = x + x·C(x²)</c> for <c>|x| &lt; 1</c>, and <c>erf(x) = sign(x)·(1 - exp(-x²)·t·T(t))</c> with
/// <c>t = 1 / (1 + 0.61·|x|)</c> beyond. <c>C</c> (degree 6) and <c>T</c> (degree 8) are Chebyshev interpolants of
/// <c>erf(x)/x - 1</c> in <c>x²</c> on [0, 1] and of <c>exp(x²)·erfc(x)/t</c> in <c>t</c> on [0, 1/1.61], fitted in
/// double precision and rounded to float. <c>exp(-x²)</c> is corrected for the rounding error of <c>x²</c>, so the
/// tail keeps its relative accuracy far out.
/// </para>
/// <para>
/// Measured against a double-precision erf on a dense grid (tests/StaticNets.Tests/Operators/GeluOperatorTests.cs):
/// the largest absolute error of <see cref="Erf(float)"/> is 6.4e-8 (scalar) and 6.9e-8 (vectors), just past the
/// switch at <c>|x| = 1</c>, where erf ≈ 0.85 and one float ulp is 6.0e-8. <see cref="Forward(float)"/> is within
/// 9.7e-8·max(1, |z|) of the exact GELU. <c>Φ(z)</c> for <c>z &lt; -√2</c> is taken from the tail directly rather
/// than as <c>1 + erf</c>, so <c>Forward</c> keeps a relative error below 4e-7 on [-12.5, -1], down to where the
/// result becomes subnormal.
/// </para>
/// </remarks>
public static class GeluOperator
{
    /// <summary>Below this <c>|x|</c> erf uses the polynomial in <c>x²</c>; from it on, the exp-scaled tail.</summary>
    private const float ErfSplit = 1f;

    /// <summary>The tail's variable is <c>t = 1 / (1 + TailScale·|x|)</c>.</summary>
    private const float TailScale = 0.61f;

    /// <summary>erf's argument is clamped here: <c>exp(-13²)</c> is already 0 in float and <c>13²</c> is finite.</summary>
    private const float MaxErfArgument = 13f;

    /// <summary>GELU's argument is clamped here for <c>Φ</c>'s tail and <c>φ</c>: <c>exp(-18²/2)</c> is already 0 in float.</summary>
    private const float MaxGeluArgument = 18f;

    private const float InvSqrt2 = 0.70710678f;   // 1/√2
    private const float InvSqrt2Pi = 0.39894228f; // 1/√(2π)

    // C(u), u = x², for erf(x) = x + x·C(x²) when |x| < ErfSplit.
    private const float C0 = 0.12837917f, C1 = -0.37612626f, C2 = 0.11283594f, C3 = -0.026854211f;
    private const float C4 = 0.0051890872f, C5 = -0.00080168643f, C6 = 7.875875e-05f;

    // T(t), for exp(x²)·erfc(x) = t·T(t) when |x| >= ErfSplit.
    private const float T0 = 0.34415564f, T1 = 0.3441576f, T2 = 0.2800368f, T3 = 0.15368228f, T4 = -0.01956124f;
    private const float T5 = -0.034502517f, T6 = -0.37936455f, T7 = 0.49283788f, T8 = -0.18336354f;

    /// <summary>Forward: <c>z·Φ(z) = 0.5·z·(1 + erf(z/√2))</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Forward(float z)
    {
        float zc = Math.Clamp(z, -MaxGeluArgument, MaxGeluArgument);
        return z * Cdf(z, zc, ExpOfNegativeSquare(zc, 0.5f));
    }

    /// <summary>Forward, lane by lane: <c>z·Φ(z) = 0.5·z·(1 + erf(z/√2))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Forward(Vector128<float> z)
    {
        Vector128<float> zc = Vector128.Clamp(z, Vector128.Create(-MaxGeluArgument), Vector128.Create(MaxGeluArgument));
        return z * Cdf(z, zc, ExpOfNegativeSquare(zc, 0.5f));
    }

    /// <summary>Forward, lane by lane: <c>z·Φ(z) = 0.5·z·(1 + erf(z/√2))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Forward(Vector256<float> z)
    {
        Vector256<float> zc = Vector256.Clamp(z, Vector256.Create(-MaxGeluArgument), Vector256.Create(MaxGeluArgument));
        return z * Cdf(z, zc, ExpOfNegativeSquare(zc, 0.5f));
    }

    /// <summary>Forward, lane by lane: <c>z·Φ(z) = 0.5·z·(1 + erf(z/√2))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Forward(Vector512<float> z)
    {
        Vector512<float> zc = Vector512.Clamp(z, Vector512.Create(-MaxGeluArgument), Vector512.Create(MaxGeluArgument));
        return z * Cdf(z, zc, ExpOfNegativeSquare(zc, 0.5f));
    }

    /// <summary>Derivative: <c>Φ(z) + z·φ(z)</c>, with <c>φ(z) = exp(-z²/2) / √(2π)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation, <c>Forward(z)</c>.</param>
    /// <returns>da/dz.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float z, float a)
    {
        float zc = Math.Clamp(z, -MaxGeluArgument, MaxGeluArgument);
        float e = ExpOfNegativeSquare(zc, 0.5f);
        return MathF.FusedMultiplyAdd(zc * InvSqrt2Pi, e, Cdf(z, zc, e));
    }

    /// <summary>Derivative, lane by lane: <c>Φ(z) + z·φ(z)</c>, with <c>φ(z) = exp(-z²/2) / √(2π)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Derivative(Vector128<float> z, Vector128<float> a)
    {
        Vector128<float> zc = Vector128.Clamp(z, Vector128.Create(-MaxGeluArgument), Vector128.Create(MaxGeluArgument));
        Vector128<float> e = ExpOfNegativeSquare(zc, 0.5f);
        return Vector128.FusedMultiplyAdd(zc * InvSqrt2Pi, e, Cdf(z, zc, e));
    }

    /// <summary>Derivative, lane by lane: <c>Φ(z) + z·φ(z)</c>, with <c>φ(z) = exp(-z²/2) / √(2π)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> a)
    {
        Vector256<float> zc = Vector256.Clamp(z, Vector256.Create(-MaxGeluArgument), Vector256.Create(MaxGeluArgument));
        Vector256<float> e = ExpOfNegativeSquare(zc, 0.5f);
        return Vector256.FusedMultiplyAdd(zc * InvSqrt2Pi, e, Cdf(z, zc, e));
    }

    /// <summary>Derivative, lane by lane: <c>Φ(z) + z·φ(z)</c>, with <c>φ(z) = exp(-z²/2) / √(2π)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">The activations, <c>Forward(z)</c>.</param>
    /// <returns>da/dz for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> a)
    {
        Vector512<float> zc = Vector512.Clamp(z, Vector512.Create(-MaxGeluArgument), Vector512.Create(MaxGeluArgument));
        Vector512<float> e = ExpOfNegativeSquare(zc, 0.5f);
        return Vector512.FusedMultiplyAdd(zc * InvSqrt2Pi, e, Cdf(z, zc, e));
    }

    /// <summary>The error function: <c>erf(x) = 2/√π·∫₀ˣ exp(-t²) dt</c>, to within 7e-8 absolute.</summary>
    /// <param name="x">The argument.</param>
    /// <returns><c>erf(x)</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Erf(float x)
    {
        if (MathF.Abs(x) < ErfSplit)
        {
            return MathF.FusedMultiplyAdd(x, CentralPolynomial(x * x), x);
        }

        float w = MathF.Min(MathF.Abs(x), MaxErfArgument);
        return MathF.CopySign(MathF.FusedMultiplyAdd(-ExpOfNegativeSquare(w, 1f), ScaledErfc(w), 1f), x);
    }

    /// <summary>The error function, lane by lane: <c>erf(x) = 2/√π·∫₀ˣ exp(-t²) dt</c>, to within 7e-8 absolute.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns><c>erf(x)</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Erf(Vector128<float> x)
    {
        Vector128<float> central = Vector128.FusedMultiplyAdd(x, CentralPolynomial(x * x), x);
        Vector128<float> w = Vector128.Min(Vector128.Abs(x), Vector128.Create(MaxErfArgument));
        Vector128<float> tail = Vector128.CopySign(Vector128.FusedMultiplyAdd(-ExpOfNegativeSquare(w, 1f), ScaledErfc(w), Vector128<float>.One), x);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(ErfSplit)), central, tail);
    }

    /// <summary>The error function, lane by lane: <c>erf(x) = 2/√π·∫₀ˣ exp(-t²) dt</c>, to within 7e-8 absolute.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns><c>erf(x)</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Erf(Vector256<float> x)
    {
        Vector256<float> central = Vector256.FusedMultiplyAdd(x, CentralPolynomial(x * x), x);
        Vector256<float> w = Vector256.Min(Vector256.Abs(x), Vector256.Create(MaxErfArgument));
        Vector256<float> tail = Vector256.CopySign(Vector256.FusedMultiplyAdd(-ExpOfNegativeSquare(w, 1f), ScaledErfc(w), Vector256<float>.One), x);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(ErfSplit)), central, tail);
    }

    /// <summary>The error function, lane by lane: <c>erf(x) = 2/√π·∫₀ˣ exp(-t²) dt</c>, to within 7e-8 absolute.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns><c>erf(x)</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Erf(Vector512<float> x)
    {
        Vector512<float> central = Vector512.FusedMultiplyAdd(x, CentralPolynomial(x * x), x);
        Vector512<float> w = Vector512.Min(Vector512.Abs(x), Vector512.Create(MaxErfArgument));
        Vector512<float> tail = Vector512.CopySign(Vector512.FusedMultiplyAdd(-ExpOfNegativeSquare(w, 1f), ScaledErfc(w), Vector512<float>.One), x);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(ErfSplit)), central, tail);
    }

    /// <summary><c>Φ(z)</c>, given <c>zc</c> (z clamped to ±MaxGeluArgument) and <c>e = exp(-zc²/2)</c>.</summary>
    private static float Cdf(float z, float zc, float e)
    {
        float x = z * InvSqrt2;
        if (MathF.Abs(x) < ErfSplit)
        {
            float halfX = 0.5f * x;
            return MathF.FusedMultiplyAdd(halfX, CentralPolynomial(x * x), halfX) + 0.5f;
        }

        float lowerTail = 0.5f * e * ScaledErfc(MathF.Abs(zc) * InvSqrt2); // Φ(-|z|) = erfc(|z|/√2) / 2
        return z < 0f ? lowerTail : 1f - lowerTail;
    }

    /// <summary><c>exp(-scale·x²)</c> for <c>scale</c> 1 or 0.5, corrected for the rounding error <c>r = x² - fl(x²)</c>: <c>exp(-scale·fl(x²))·(1 - scale·r)</c>.</summary>
    private static float ExpOfNegativeSquare(float x, float scale)
    {
        float square = x * x;
        float roundingError = MathF.FusedMultiplyAdd(x, x, -square);
        float e = ExpOperator.Exp(-scale * square);
        return MathF.FusedMultiplyAdd(e, -scale * roundingError, e);
    }

    /// <summary><c>exp(w²)·erfc(w) ≈ t·T(t)</c> with <c>t = 1 / (1 + TailScale·w)</c>, for <c>w &gt;= ErfSplit</c>.</summary>
    private static float ScaledErfc(float w)
    {
        float t = 1f / MathF.FusedMultiplyAdd(TailScale, w, 1f);
        float p = MathF.FusedMultiplyAdd(T8, t, T7);
        p = MathF.FusedMultiplyAdd(p, t, T6);
        p = MathF.FusedMultiplyAdd(p, t, T5);
        p = MathF.FusedMultiplyAdd(p, t, T4);
        p = MathF.FusedMultiplyAdd(p, t, T3);
        p = MathF.FusedMultiplyAdd(p, t, T2);
        p = MathF.FusedMultiplyAdd(p, t, T1);
        p = MathF.FusedMultiplyAdd(p, t, T0);
        return t * p;
    }

    /// <summary><c>C(u) ≈ erf(√u)/√u - 1</c>, for <c>u &lt; ErfSplit²</c>.</summary>
    private static float CentralPolynomial(float u)
    {
        float p = MathF.FusedMultiplyAdd(C6, u, C5);
        p = MathF.FusedMultiplyAdd(p, u, C4);
        p = MathF.FusedMultiplyAdd(p, u, C3);
        p = MathF.FusedMultiplyAdd(p, u, C2);
        p = MathF.FusedMultiplyAdd(p, u, C1);
        return MathF.FusedMultiplyAdd(p, u, C0);
    }

    // The helpers for each vector width compute the scalar ones' formulas lane by lane: every lane evaluates both
    // ranges, and ConditionalSelect keeps the one the scalar branch would take.
    private static Vector128<float> Cdf(Vector128<float> z, Vector128<float> zc, Vector128<float> e)
    {
        Vector128<float> x = z * InvSqrt2;
        Vector128<float> halfX = x * 0.5f;
        Vector128<float> central = Vector128.FusedMultiplyAdd(halfX, CentralPolynomial(x * x), halfX) + Vector128.Create(0.5f);
        Vector128<float> lowerTail = e * 0.5f * ScaledErfc(Vector128.Abs(zc) * InvSqrt2);
        Vector128<float> tail = Vector128.ConditionalSelect(Vector128.LessThan(z, Vector128<float>.Zero), lowerTail, Vector128<float>.One - lowerTail);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(ErfSplit)), central, tail);
    }

    private static Vector128<float> ExpOfNegativeSquare(Vector128<float> x, float scale)
    {
        Vector128<float> square = x * x;
        Vector128<float> roundingError = Vector128.FusedMultiplyAdd(x, x, -square);
        Vector128<float> e = ExpOperator.Exp(square * -scale);
        return Vector128.FusedMultiplyAdd(e, roundingError * -scale, e);
    }

    private static Vector128<float> ScaledErfc(Vector128<float> w)
    {
        Vector128<float> t = Vector128<float>.One / Vector128.FusedMultiplyAdd(Vector128.Create(TailScale), w, Vector128<float>.One);
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.Create(T8), t, Vector128.Create(T7));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T6));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T5));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T4));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T3));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T2));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T1));
        p = Vector128.FusedMultiplyAdd(p, t, Vector128.Create(T0));
        return t * p;
    }

    private static Vector128<float> CentralPolynomial(Vector128<float> u)
    {
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.Create(C6), u, Vector128.Create(C5));
        p = Vector128.FusedMultiplyAdd(p, u, Vector128.Create(C4));
        p = Vector128.FusedMultiplyAdd(p, u, Vector128.Create(C3));
        p = Vector128.FusedMultiplyAdd(p, u, Vector128.Create(C2));
        p = Vector128.FusedMultiplyAdd(p, u, Vector128.Create(C1));
        return Vector128.FusedMultiplyAdd(p, u, Vector128.Create(C0));
    }

    private static Vector256<float> Cdf(Vector256<float> z, Vector256<float> zc, Vector256<float> e)
    {
        Vector256<float> x = z * InvSqrt2;
        Vector256<float> halfX = x * 0.5f;
        Vector256<float> central = Vector256.FusedMultiplyAdd(halfX, CentralPolynomial(x * x), halfX) + Vector256.Create(0.5f);
        Vector256<float> lowerTail = e * 0.5f * ScaledErfc(Vector256.Abs(zc) * InvSqrt2);
        Vector256<float> tail = Vector256.ConditionalSelect(Vector256.LessThan(z, Vector256<float>.Zero), lowerTail, Vector256<float>.One - lowerTail);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(ErfSplit)), central, tail);
    }

    private static Vector256<float> ExpOfNegativeSquare(Vector256<float> x, float scale)
    {
        Vector256<float> square = x * x;
        Vector256<float> roundingError = Vector256.FusedMultiplyAdd(x, x, -square);
        Vector256<float> e = ExpOperator.Exp(square * -scale);
        return Vector256.FusedMultiplyAdd(e, roundingError * -scale, e);
    }

    private static Vector256<float> ScaledErfc(Vector256<float> w)
    {
        Vector256<float> t = Vector256<float>.One / Vector256.FusedMultiplyAdd(Vector256.Create(TailScale), w, Vector256<float>.One);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(T8), t, Vector256.Create(T7));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T6));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T5));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T4));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T3));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T2));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T1));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T0));
        return t * p;
    }

    private static Vector256<float> CentralPolynomial(Vector256<float> u)
    {
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(C6), u, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, u, Vector256.Create(C4));
        p = Vector256.FusedMultiplyAdd(p, u, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, u, Vector256.Create(C2));
        p = Vector256.FusedMultiplyAdd(p, u, Vector256.Create(C1));
        return Vector256.FusedMultiplyAdd(p, u, Vector256.Create(C0));
    }

    private static Vector512<float> Cdf(Vector512<float> z, Vector512<float> zc, Vector512<float> e)
    {
        Vector512<float> x = z * InvSqrt2;
        Vector512<float> halfX = x * 0.5f;
        Vector512<float> central = Vector512.FusedMultiplyAdd(halfX, CentralPolynomial(x * x), halfX) + Vector512.Create(0.5f);
        Vector512<float> lowerTail = e * 0.5f * ScaledErfc(Vector512.Abs(zc) * InvSqrt2);
        Vector512<float> tail = Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<float>.Zero), lowerTail, Vector512<float>.One - lowerTail);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(ErfSplit)), central, tail);
    }

    private static Vector512<float> ExpOfNegativeSquare(Vector512<float> x, float scale)
    {
        Vector512<float> square = x * x;
        Vector512<float> roundingError = Vector512.FusedMultiplyAdd(x, x, -square);
        Vector512<float> e = ExpOperator.Exp(square * -scale);
        return Vector512.FusedMultiplyAdd(e, roundingError * -scale, e);
    }

    private static Vector512<float> ScaledErfc(Vector512<float> w)
    {
        Vector512<float> t = Vector512<float>.One / Vector512.FusedMultiplyAdd(Vector512.Create(TailScale), w, Vector512<float>.One);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(T8), t, Vector512.Create(T7));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T6));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T5));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T4));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T3));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T2));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T1));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T0));
        return t * p;
    }

    private static Vector512<float> CentralPolynomial(Vector512<float> u)
    {
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(C6), u, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, u, Vector512.Create(C4));
        p = Vector512.FusedMultiplyAdd(p, u, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, u, Vector512.Create(C2));
        p = Vector512.FusedMultiplyAdd(p, u, Vector512.Create(C1));
        return Vector512.FusedMultiplyAdd(p, u, Vector512.Create(C0));
    }
}
