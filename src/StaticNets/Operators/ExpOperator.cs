using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// A polynomial <c>exp</c> and <c>expm1</c> for the activations and losses: range reduction
/// <c>x = n·ln 2 + r</c>, <c>|r| ≤ ln 2 / 2</c> (ln 2 split in two constants, Cody and Waite), then the Cephes degree-5
/// minimax polynomial <c>exp(r) ≈ 1 + r + r²·P(r)</c>, then a scale by <c>2ⁿ</c> built from the exponent bits.
/// </summary>
/// <remarks>
/// <para>
/// Accuracy, measured against <see cref="Math.Exp(double)"/> over a dense sweep of every representable float in the
/// range (<c>ExpOperatorTests</c>): <see cref="Exp(float)"/> has a maximum relative error of
/// <see cref="MaxRelativeError"/> (about one ulp) wherever the result is a normal float (<c>x ≥ -87.33</c>); where the
/// result is subnormal the error is at most one subnormal step. <see cref="ExpM1(float)"/> has a maximum relative error
/// of <see cref="MaxRelativeError"/> against <c>exp(x) - 1</c> for every <c>x ≤ 88</c>, including tiny <c>|x|</c>, where
/// <c>exp(x) - 1</c> would cancel.
/// </para>
/// <para>
/// Special values behave like <see cref="MathF.Exp(float)"/>: <c>exp(NaN) = NaN</c>, <c>exp(+∞) = +∞</c>,
/// <c>exp(-∞) = 0</c>; results overflow to <c>+∞</c> above <c>x ≈ 88.72</c> and underflow through the subnormals to
/// <c>0</c> below <c>x ≈ -103.97</c>.
/// </para>
/// <para>
/// The <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> overloads compute exactly the
/// same operations lane by lane as the scalar ones (same constants, same order, fused multiply-adds in the same
/// places), so a value gives bitwise the same result in a vector body and in a scalar tail. Unlike
/// <c>Vector512.Exp</c> it never widens to double, and it inlines into the generated layers.
/// </para>
/// </remarks>
public static class ExpOperator
{
    /// <summary>The largest relative error of <see cref="Exp(float)"/> and <see cref="ExpM1(float)"/> measured by the tests (measured: 1.16e-7 for Exp, 8.4e-8 for ExpM1, over every 7th float; about one ulp).</summary>
    public const double MaxRelativeError = 1.5e-7;

    // Inputs are clamped to [MinInput, MaxInput] first: beyond, exp is 0 or +∞ in float anyway, and the clamp keeps the
    // integer exponent arithmetic far from overflow. NaN is restored at the end.
    private const float MaxInput = 89f;
    private const float MinInput = -104f;

    private const float Log2E = 1.44269504088896341f;

    // ln 2 = Ln2Hi + Ln2Lo; Ln2Hi has few significant bits, so n·Ln2Hi is exact for |n| ≤ 151 (Cody and Waite).
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;

    // Cephes expf: exp(r) ≈ 1 + r + r²·(P0 + r·(P1 + r·(P2 + r·(P3 + r·(P4 + r·P5))))) on |r| ≤ ln 2 / 2.
    private const float P5 = 1.9875691500e-4f;
    private const float P4 = 1.3981999507e-3f;
    private const float P3 = 8.3334519073e-3f;
    private const float P2 = 4.1665795894e-2f;
    private const float P1 = 1.6666665459e-1f;
    private const float P0 = 5.0000001201e-1f;

    // Adding 1.5·2²³ rounds a float of magnitude below 2²² to the nearest integer and leaves that integer in the low
    // mantissa bits: the reduction's n, without a float-to-int conversion.
    private const float RoundingShift = 12582912f;
    private const int RoundingShiftBits = 0x4B400000;
    private const int ExponentBias = 127;
    private const int MantissaBits = 23;

    /// <summary><c>eˣ</c>, with the accuracy and special values in the class remarks.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns><c>eˣ</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        float c = x < MinInput ? MinInput : x > MaxInput ? MaxInput : x; // NaN stays NaN and is returned below
        float shifted = MathF.FusedMultiplyAdd(c, Log2E, RoundingShift);
        float n = shifted - RoundingShift;
        int ni = BitConverter.SingleToInt32Bits(shifted) - RoundingShiftBits;
        float r = MathF.FusedMultiplyAdd(n, -Ln2Lo, MathF.FusedMultiplyAdd(n, -Ln2Hi, c));
        float p = Polynomial(r);
        float e = MathF.FusedMultiplyAdd(p, r * r, r) + 1f;

        // 2ⁿ as two normal powers of two, so that results in the subnormal range and up to float.MaxValue come out right.
        int half = ni >> 1;
        float scale1 = BitConverter.Int32BitsToSingle((half + ExponentBias) << MantissaBits);
        float scale2 = BitConverter.Int32BitsToSingle((ni - half + ExponentBias) << MantissaBits);
        float result = e * scale1 * scale2;
        return float.IsNaN(x) ? x : result;
    }

    /// <summary>
    /// <c>eˣ - 1</c>, accurate for tiny <c>|x|</c> too (no cancellation: for <c>n = 0</c> it is <c>r + r²·P(r)</c>).
    /// For <c>x &gt; 88</c> use <see cref="Exp(float)"/>; here <c>x</c> is clamped to [-104, 88].
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns><c>eˣ - 1</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpM1(float x)
    {
        float c = x < MinInput ? MinInput : x > 88f ? 88f : x;
        float shifted = MathF.FusedMultiplyAdd(c, Log2E, RoundingShift);
        float n = shifted - RoundingShift;
        int ni = BitConverter.SingleToInt32Bits(shifted) - RoundingShiftBits;
        float r = MathF.FusedMultiplyAdd(n, -Ln2Lo, MathF.FusedMultiplyAdd(n, -Ln2Hi, c));
        float q = MathF.FusedMultiplyAdd(Polynomial(r), r * r, r); // exp(r) - 1

        // exp(x) - 1 = 2ⁿ·q + (2ⁿ - 1). Below x ≈ -87.3, n < -126 would make 2ⁿ subnormal; there the result is -1 to
        // float precision either way, so n is clamped to -126.
        int clampedN = Math.Max(ni, -126);
        float scale = BitConverter.Int32BitsToSingle((clampedN + ExponentBias) << MantissaBits);
        float result = MathF.FusedMultiplyAdd(scale, q, scale - 1f);
        return float.IsNaN(x) ? x : result;
    }

    /// <summary><c>eˣ</c> lane by lane; the same operations as <see cref="Exp(float)"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>eˣ</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> c = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(MinInput)), Vector128.Create(MaxInput));
        Vector128<float> shifted = Vector128.FusedMultiplyAdd(c, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        Vector128<float> n = shifted - Vector128.Create(RoundingShift);
        Vector128<int> ni = shifted.AsInt32() - Vector128.Create(RoundingShiftBits);
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), c));
        Vector128<float> p = Polynomial(r);
        Vector128<float> e = Vector128.FusedMultiplyAdd(p, r * r, r) + Vector128<float>.One;
        Vector128<int> half = Vector128.ShiftRightArithmetic(ni, 1);
        Vector128<float> scale1 = Vector128.ShiftLeft(half + Vector128.Create(ExponentBias), MantissaBits).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(ni - half + Vector128.Create(ExponentBias), MantissaBits).AsSingle();
        Vector128<float> result = e * scale1 * scale2;
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), result, x);
    }

    /// <summary><c>eˣ</c> lane by lane; the same operations as <see cref="Exp(float)"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>eˣ</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> c = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(c, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<int> ni = shifted.AsInt32() - Vector256.Create(RoundingShiftBits);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), c));
        Vector256<float> p = Polynomial(r);
        Vector256<float> e = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        Vector256<int> half = Vector256.ShiftRightArithmetic(ni, 1);
        Vector256<float> scale1 = Vector256.ShiftLeft(half + Vector256.Create(ExponentBias), MantissaBits).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(ni - half + Vector256.Create(ExponentBias), MantissaBits).AsSingle();
        Vector256<float> result = e * scale1 * scale2;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary><c>eˣ</c> lane by lane; the same operations as <see cref="Exp(float)"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>eˣ</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> c = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        Vector512<float> shifted = Vector512.FusedMultiplyAdd(c, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        Vector512<float> n = shifted - Vector512.Create(RoundingShift);
        Vector512<int> ni = shifted.AsInt32() - Vector512.Create(RoundingShiftBits);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), c));
        Vector512<float> p = Polynomial(r);
        Vector512<float> e = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        Vector512<int> half = Vector512.ShiftRightArithmetic(ni, 1);
        Vector512<float> scale1 = Vector512.ShiftLeft(half + Vector512.Create(ExponentBias), MantissaBits).AsSingle();
        Vector512<float> scale2 = Vector512.ShiftLeft(ni - half + Vector512.Create(ExponentBias), MantissaBits).AsSingle();
        Vector512<float> result = e * scale1 * scale2;
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary><c>eˣ - 1</c> lane by lane; the same operations as <see cref="ExpM1(float)"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>eˣ - 1</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpM1(Vector128<float> x)
    {
        Vector128<float> c = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(MinInput)), Vector128.Create(88f));
        Vector128<float> shifted = Vector128.FusedMultiplyAdd(c, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        Vector128<float> n = shifted - Vector128.Create(RoundingShift);
        Vector128<int> ni = shifted.AsInt32() - Vector128.Create(RoundingShiftBits);
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), c));
        Vector128<float> q = Vector128.FusedMultiplyAdd(Polynomial(r), r * r, r);
        Vector128<int> clampedN = Vector128.Max(ni, Vector128.Create(-126));
        Vector128<float> scale = Vector128.ShiftLeft(clampedN + Vector128.Create(ExponentBias), MantissaBits).AsSingle();
        Vector128<float> result = Vector128.FusedMultiplyAdd(scale, q, scale - Vector128<float>.One);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), result, x);
    }

    /// <summary><c>eˣ - 1</c> lane by lane; the same operations as <see cref="ExpM1(float)"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>eˣ - 1</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpM1(Vector256<float> x)
    {
        Vector256<float> c = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(MinInput)), Vector256.Create(88f));
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(c, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<int> ni = shifted.AsInt32() - Vector256.Create(RoundingShiftBits);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), c));
        Vector256<float> q = Vector256.FusedMultiplyAdd(Polynomial(r), r * r, r);
        Vector256<int> clampedN = Vector256.Max(ni, Vector256.Create(-126));
        Vector256<float> scale = Vector256.ShiftLeft(clampedN + Vector256.Create(ExponentBias), MantissaBits).AsSingle();
        Vector256<float> result = Vector256.FusedMultiplyAdd(scale, q, scale - Vector256<float>.One);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary><c>eˣ - 1</c> lane by lane; the same operations as <see cref="ExpM1(float)"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>eˣ - 1</c> for each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpM1(Vector512<float> x)
    {
        Vector512<float> c = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(88f));
        Vector512<float> shifted = Vector512.FusedMultiplyAdd(c, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        Vector512<float> n = shifted - Vector512.Create(RoundingShift);
        Vector512<int> ni = shifted.AsInt32() - Vector512.Create(RoundingShiftBits);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), c));
        Vector512<float> q = Vector512.FusedMultiplyAdd(Polynomial(r), r * r, r);
        Vector512<int> clampedN = Vector512.Max(ni, Vector512.Create(-126));
        Vector512<float> scale = Vector512.ShiftLeft(clampedN + Vector512.Create(ExponentBias), MantissaBits).AsSingle();
        Vector512<float> result = Vector512.FusedMultiplyAdd(scale, q, scale - Vector512<float>.One);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Polynomial(float r) =>
        MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(P5, r, P4), r, P3), r, P2), r, P1), r, P0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Polynomial(Vector128<float> r) =>
        Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.Create(P5), r, Vector128.Create(P4)), r, Vector128.Create(P3)), r, Vector128.Create(P2)), r, Vector128.Create(P1)), r, Vector128.Create(P0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Polynomial(Vector256<float> r) =>
        Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(P5), r, Vector256.Create(P4)), r, Vector256.Create(P3)), r, Vector256.Create(P2)), r, Vector256.Create(P1)), r, Vector256.Create(P0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Polynomial(Vector512<float> r) =>
        Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(P5), r, Vector512.Create(P4)), r, Vector512.Create(P3)), r, Vector512.Create(P2)), r, Vector512.Create(P1)), r, Vector512.Create(P0));
}
