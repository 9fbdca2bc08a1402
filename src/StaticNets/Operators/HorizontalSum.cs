using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Operators;

/// <summary>
/// Sums of the lanes of a vector in one fixed order, alone (<c>Of</c>) or for four vectors at once (<c>OfEach</c>, whose
/// lane k is bitwise <c>Of</c> of the k-th vector). Generated dot-product kernels that finish one dot product or four
/// with them give the same float either way, so how the work is tiled never changes a result.
/// </summary>
/// <remarks>
/// The order: the two halves of a Vector512 are added lane by lane, then the halves of that Vector256, leaving four
/// partial sums x₀..x₃, which are added as <c>(x₀ + x₂) + (x₁ + x₃)</c>. <c>OfEach</c> gets there for four vectors with
/// one transpose of the four Vector128s (two unpacks, two moves of halves) instead of four separate reductions.
/// </remarks>
public static class HorizontalSum
{
    /// <summary>The sum of the four lanes: <c>(x₀ + x₂) + (x₁ + x₃)</c>.</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(Vector128<float> x)
    {
        Vector128<float> pairs = x + Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)); // x0 + x2, x1 + x3, ...
        return pairs.ToScalar() + pairs.GetElement(1);
    }

    /// <summary>The sum of the eight lanes: the halves added lane by lane, then <see cref="Of(Vector128{float})"/>.</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(Vector256<float> x) => Of(x.GetLower() + x.GetUpper());

    /// <summary>The sum of the sixteen lanes: the halves added lane by lane, then <see cref="Of(Vector256{float})"/>.</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(Vector512<float> x) => Of(x.GetLower() + x.GetUpper());

    /// <summary>The sums of four vectors: lane k is <see cref="Of(Vector128{float})"/> of the k-th, bit for bit.</summary>
    /// <param name="a">The vector summed into lane 0.</param>
    /// <param name="b">The vector summed into lane 1.</param>
    /// <param name="c">The vector summed into lane 2.</param>
    /// <param name="d">The vector summed into lane 3.</param>
    /// <returns>The four sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OfEach(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d)
    {
        if (Sse.IsSupported)
        {
            Vector128<float> ab = Sse.UnpackLow(a, b) + Sse.UnpackHigh(a, b); // a0+a2, b0+b2, a1+a3, b1+b3
            Vector128<float> cd = Sse.UnpackLow(c, d) + Sse.UnpackHigh(c, d); // c0+c2, d0+d2, c1+c3, d1+d3
            return Sse.MoveLowToHigh(ab, cd) + Sse.MoveHighToLow(cd, ab);
        }

        return Vector128.Create(Of(a), Of(b), Of(c), Of(d));
    }

    /// <summary>The sums of four vectors: lane k is <see cref="Of(Vector256{float})"/> of the k-th, bit for bit.</summary>
    /// <param name="a">The vector summed into lane 0.</param>
    /// <param name="b">The vector summed into lane 1.</param>
    /// <param name="c">The vector summed into lane 2.</param>
    /// <param name="d">The vector summed into lane 3.</param>
    /// <returns>The four sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OfEach(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) =>
        OfEach(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    /// <summary>The sums of four vectors: lane k is <see cref="Of(Vector512{float})"/> of the k-th, bit for bit.</summary>
    /// <param name="a">The vector summed into lane 0.</param>
    /// <param name="b">The vector summed into lane 1.</param>
    /// <param name="c">The vector summed into lane 2.</param>
    /// <param name="d">The vector summed into lane 3.</param>
    /// <returns>The four sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OfEach(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        OfEach(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());
}
