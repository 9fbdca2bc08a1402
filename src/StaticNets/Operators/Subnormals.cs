using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Operators;

/// <summary>
/// Sets subnormal floats (magnitude below 2⁻¹²⁶ ≈ 1.18e-38, other than 0) to zero. The generated optimizer steps apply
/// it to every state buffer that decays geometrically (momentum buffers, moving averages of the gradient and of its
/// square).
/// </summary>
/// <remarks>
/// <para>
/// A weight whose gradient stays exactly 0 (the incoming weights of a ReLU unit that no sample activates, for example)
/// has its moving averages multiplied by β, ρ or α every step. They reach the subnormal range within a few hundred
/// steps and then stay there: β times the smallest subnormal rounds back to the smallest subnormal. Arithmetic on
/// subnormal operands or results runs through microcode on x64 processors, tens of times slower than on normal
/// floats, and the step would pay that on every such weight, every step, for the rest of the run. Set to zero instead,
/// they cost nothing.
/// </para>
/// <para>
/// The effect on the parameters is below the rounding of anything but a parameter that is itself within a few orders
/// of magnitude of 1e-38: an Adam update from a first moment below 1.18e-38 is at most
/// <c>lr/(1-β₁) · 1.18e-38 / ε</c>, about 1e-32 for the defaults. PyTorch keeps the subnormals (unless
/// <c>torch.set_flush_denormal(True)</c>), so its state can differ from StaticNets' in those values only.
/// NaN and ±∞ pass through unchanged, so a diverging step is still noticed.
/// </para>
/// </remarks>
public static class Subnormals
{
    /// <summary>The smallest positive normal float, 2⁻¹²⁶.</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    /// <summary>0 if <paramref name="x"/> is subnormal, otherwise <paramref name="x"/> (NaN and ±∞ included).</summary>
    /// <param name="x">The value.</param>
    /// <returns>The value, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FlushToZero(float x) => MathF.Abs(x) < SmallestNormal ? 0f : x;

    /// <summary>Lane by lane: 0 where the lane is subnormal, the lane otherwise (NaN and ±∞ included).</summary>
    /// <param name="x">The values.</param>
    /// <returns>The values, with subnormal lanes cleared.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FlushToZero(Vector128<float> x) =>
        Vector128.AndNot(x, Vector128.LessThan(Vector128.Abs(x), Vector128.Create(SmallestNormal)));

    /// <summary>Lane by lane: 0 where the lane is subnormal, the lane otherwise (NaN and ±∞ included).</summary>
    /// <param name="x">The values.</param>
    /// <returns>The values, with subnormal lanes cleared.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FlushToZero(Vector256<float> x) =>
        Vector256.AndNot(x, Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SmallestNormal)));

    /// <summary>Lane by lane: 0 where the lane is subnormal, the lane otherwise (NaN and ±∞ included).</summary>
    /// <param name="x">The values.</param>
    /// <returns>The values, with subnormal lanes cleared.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FlushToZero(Vector512<float> x) =>
        Vector512.AndNot(x, Vector512.LessThan(Vector512.Abs(x), Vector512.Create(SmallestNormal)));
}
