using System;
using System.Linq;
using StaticNets.Operators;
using StaticNets.Reference;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="GeluOperator"/> and its <see cref="GeluOperator.Erf(float)"/>: accuracy against the double reference,
/// the derivative against finite differences, vector overloads against the scalar one, and huge inputs.
/// </summary>
public sealed class GeluOperatorTests(ITestOutputHelper output)
{
    /// <summary>
    /// Largest |Erf(x) - erf(x)|, scalar and every width. Measured: 6.6e-8 on this grid (6.9e-8 for the vectors on a
    /// 3e-6 grid over [0, 6]), just past the switch at |x| = 1 where erf ≈ 0.85 and one float ulp is 6.0e-8; the bound
    /// leaves room for other exp implementations.
    /// </summary>
    private const double ErfAbsoluteTolerance = 8e-8;

    /// <summary>
    /// Largest relative error of Erf(x) for 0 &lt; |x| &lt; 1, where erf(x) = x + x·C(x²) keeps relative accuracy
    /// (A&amp;S 7.1.26 would not). Measured: 6.7e-8, within a float ulp.
    /// </summary>
    private const double ErfSmallRelativeTolerance = 1e-7;

    /// <summary>
    /// Largest |Forward(z) - z·Φ(z)| / max(1, |z|). Measured: 9.0e-8 on this grid (9.7e-8 on a 1e-4 grid), at z ≈ 1.2:
    /// the roundings of z/√2, of Φ and of z·Φ, together about 1.6 ulps of a ≈ 1.1.
    /// </summary>
    private const double GeluTolerance = 1.2e-7;

    /// <summary>
    /// Largest relative error of Forward(z) for z in [-12.5, -1] (below -12.5 the result is subnormal). Measured: 3.1e-7
    /// on this grid (3.7e-7 on a finer one), at z ≈ -1.4, the last stretch where Φ = 0.5 + 0.5·erf still cancels;
    /// further out Φ comes straight from the tail.
    /// </summary>
    private const double GeluTailRelativeTolerance = 5e-7;

    /// <summary>
    /// Largest |Derivative(z) - (Φ(z) + z·φ(z))|. Measured: 1.2e-7: Φ's error plus the rounding of z·φ(z), which is
    /// largest (0.24) at |z| = 1.
    /// </summary>
    private const double DerivativeTolerance = 2e-7;

    /// <summary>
    /// Vector vs scalar: the widths use Vector*.Exp where the scalar uses MathF.Exp (each within about an ulp), and
    /// otherwise the same operations; a few ulps of float (ε = 1.2e-7) absolutely or relatively.
    /// </summary>
    private const double VectorTolerance = 5e-7;

    /// <summary>
    /// Central differences of the double reference with h = 1e-5: truncation h²·|f'''|/6 ≈ 1e-11 and rounding
    /// 1e-16/h ≈ 1e-11, far below the float derivative's <see cref="DerivativeTolerance"/>, which dominates.
    /// </summary>
    private const double FiniteDifferenceStep = 1e-5;

    [Fact]
    public void ErfMatchesTheDoubleReferenceOverTheWholeLine()
    {
        float[] x = Lanes.Grid(-10f, 10f, 200_000);
        var results = Lanes.Apply(x, GeluOperator.Erf, GeluOperator.Erf, GeluOperator.Erf)
            .Prepend(("scalar", x.Select(GeluOperator.Erf).ToArray()));
        double worst = 0;
        double worstAt = 0;
        foreach ((string width, float[] values) in results)
        {
            for (int i = 0; i < x.Length; i++)
            {
                double error = Math.Abs(values[i] - ReferenceErf.Erf(x[i]));
                Assert.True(error <= ErfAbsoluteTolerance, $"{width} Erf({x[i]:R}) = {values[i]:R}, reference {ReferenceErf.Erf(x[i]):R}");
                if (error > worst)
                {
                    (worst, worstAt) = (error, x[i]);
                }
            }
        }

        output.WriteLine($"Erf: largest absolute error {worst:E2} at x = {worstAt:R}");
    }

    [Fact]
    public void ErfKeepsItsRelativeAccuracyNearZero()
    {
        double worst = 0;
        float[] x = [.. Lanes.Grid(1e-4f, 1f, 50_000), .. Enumerable.Range(1, 30).Select(k => MathF.Pow(10f, -k))];
        foreach (float v in x)
        {
            double expected = ReferenceErf.Erf(v);
            double error = Math.Abs(GeluOperator.Erf(v) - expected) / expected;
            Assert.True(error <= ErfSmallRelativeTolerance, $"Erf({v:R}) = {GeluOperator.Erf(v):R}, reference {expected:R}");
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"Erf on (0, 1): largest relative error {worst:E2}");
    }

    [Fact]
    public void ErfIsOddAndExactAtZeroAndInfinity()
    {
        foreach (float x in Lanes.Inputs())
        {
            Assert.Equal(-GeluOperator.Erf(x), GeluOperator.Erf(-x));
        }

        Assert.Equal(0f, GeluOperator.Erf(0f));
        Assert.Equal(1f, GeluOperator.Erf(5f));
        Assert.Equal(1f, GeluOperator.Erf(float.PositiveInfinity));
        Assert.Equal(-1f, GeluOperator.Erf(float.NegativeInfinity));
    }

    [Fact]
    public void ForwardMatchesExactGeluOfTheDoubleReference()
    {
        double worst = 0;
        foreach (float z in Lanes.Grid(-20f, 20f, 100_000).Concat(Lanes.Inputs()))
        {
            double expected = z * ReferenceErf.Cdf(z);
            double error = Math.Abs(GeluOperator.Forward(z) - expected) / Math.Max(1, Math.Abs(z));
            Assert.True(error <= GeluTolerance, $"Forward({z:R}) = {GeluOperator.Forward(z):R}, reference {expected:R}");
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"GELU forward: largest error of Φ {worst:E2}");
    }

    [Fact]
    public void ForwardKeepsItsRelativeAccuracyInTheNegativeTail()
    {
        double worst = 0;
        foreach (float z in Lanes.Grid(-12.5f, -1f, 20_000))
        {
            double expected = z * ReferenceErf.Cdf(z);
            double error = Math.Abs(GeluOperator.Forward(z) - expected) / Math.Abs(expected);
            Assert.True(error <= GeluTailRelativeTolerance, $"Forward({z:R}) = {GeluOperator.Forward(z):R}, reference {expected:R}");
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"GELU forward on [-12.5, -1]: largest relative error {worst:E2}");
    }

    [Theory]
    [InlineData(-5.0, -1.4332578593401202e-06)]
    [InlineData(-3.0, -0.00404969409489031)]
    [InlineData(-1.0, -0.15865525393145702)]
    [InlineData(-0.5, -0.15426876936299344)]
    [InlineData(0.001, 0.000500398942213911)]
    [InlineData(0.5, 0.34573123063700656)]
    [InlineData(1.0, 0.841344746068543)]
    [InlineData(2.0, 1.9544997361036416)]
    [InlineData(5.0, 4.999998566742141)]
    public void ForwardMatchesPyTorchGelu(float z, double torchValue)
    {
        // torch.nn.functional.gelu (approximate="none") in float64, PyTorch 1.13.
        double bound = GeluTolerance * Math.Max(1, Math.Abs(z));
        Assert.InRange(GeluOperator.Forward(z), torchValue - bound, torchValue + bound);
    }

    [Fact]
    public void DerivativeMatchesTheAnalyticDerivative()
    {
        double worst = 0;
        foreach (float z in Lanes.Grid(-20f, 20f, 100_000).Concat(Lanes.Inputs()))
        {
            double zc = Math.Clamp(z, -40, 40); // φ(z) underflows long before; keeps z·φ(z) from becoming ∞·0
            double expected = ReferenceErf.Cdf(z) + zc * ReferenceErf.Density(zc);
            float actual = GeluOperator.Derivative(z, GeluOperator.Forward(z));
            double error = Math.Abs(actual - expected);
            Assert.True(error <= DerivativeTolerance, $"Derivative({z:R}) = {actual:R}, reference {expected:R}");
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"GELU derivative: largest absolute error {worst:E2}");
    }

    [Fact]
    public void DerivativeMatchesFiniteDifferencesOfTheDoubleGelu()
    {
        foreach (float z in Lanes.Grid(-8f, 8f, 1601))
        {
            double h = FiniteDifferenceStep;
            double numeric = (Gelu(z + h) - Gelu(z - h)) / (2 * h);
            float actual = GeluOperator.Derivative(z, GeluOperator.Forward(z));
            Assert.True(Math.Abs(actual - numeric) <= DerivativeTolerance, $"Derivative({z:R}) = {actual:R}, central difference {numeric:R}");
        }

        static double Gelu(double z) => z * ReferenceErf.Cdf(z);
    }

    [Fact]
    public void VectorOverloadsEqualTheScalarOnesLaneByLane()
    {
        float[] z = Lanes.Inputs();
        float[] a = z.Select(GeluOperator.Forward).ToArray();
        Lanes.AssertMatchScalar("Forward", z, z.Select(GeluOperator.Forward).ToArray(),
            Lanes.Apply(z, GeluOperator.Forward, GeluOperator.Forward, GeluOperator.Forward), VectorTolerance);
        Lanes.AssertMatchScalar("Derivative", z, z.Select(v => GeluOperator.Derivative(v, GeluOperator.Forward(v))).ToArray(),
            Lanes.Apply(z, a, GeluOperator.Derivative, GeluOperator.Derivative, GeluOperator.Derivative), VectorTolerance);
        Lanes.AssertMatchScalar("Erf", z, z.Select(GeluOperator.Erf).ToArray(),
            Lanes.Apply(z, GeluOperator.Erf, GeluOperator.Erf, GeluOperator.Erf), VectorTolerance);
    }

    [Theory]
    [InlineData(30f)]
    [InlineData(100f)]
    [InlineData(1000f)]
    [InlineData(1e30f)]
    [InlineData(float.MaxValue)]
    public void HugeInputsSaturateWithoutNaNOrInfinity(float size)
    {
        float[] z = [.. Enumerable.Repeat(size, 8), .. Enumerable.Repeat(-size, 8)];
        float[] a = z.Select(GeluOperator.Forward).ToArray();
        var forwards = Lanes.Apply(z, GeluOperator.Forward, GeluOperator.Forward, GeluOperator.Forward).Prepend(("scalar", a));
        var derivatives = Lanes.Apply(z, a, GeluOperator.Derivative, GeluOperator.Derivative, GeluOperator.Derivative)
            .Prepend(("scalar", z.Select(v => GeluOperator.Derivative(v, GeluOperator.Forward(v))).ToArray()));

        foreach ((string width, float[] values) in forwards)
        {
            Assert.All(values.Take(8), v => Assert.Equal(size, v));        // a = z·1
            Assert.All(values.Skip(8), v => Assert.Equal(0f, v));          // a = z·0, which is −0
        }

        foreach ((string width, float[] values) in derivatives)
        {
            Assert.All(values.Take(8), v => Assert.Equal(1f, v));
            Assert.All(values.Skip(8), v => Assert.Equal(0f, v));
        }
    }
}
