using System;
using System.Linq;
using StaticNets.Operators;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.Operators;

/// <summary>
/// <see cref="SiluOperator"/>: the double formula, finite differences, vector overloads against the scalar one, and
/// huge inputs.
/// </summary>
public sealed class SiluOperatorTests(ITestOutputHelper output)
{
    /// <summary>
    /// Forward vs z·sigmoid(z) in double, relative: exp, one division and two products in float, a few ε (1.2e-7).
    /// Measured: 2.0e-7. Below 1e-30 in size the result approaches the subnormal range and only the absolute <see cref="TinyValue"/> holds.
    /// </summary>
    private const double ForwardRelativeTolerance = 3e-7;

    /// <summary>
    /// Derivative vs s·(1 + z·(1 - s)) in double, absolute: 1 - s is taken without cancellation, so what is left is a
    /// few roundings of terms up to about 1.1 in size. Measured: 1.9e-7.
    /// </summary>
    private const double DerivativeTolerance = 3e-7;

    /// <summary>Vector vs scalar: Vector*.Exp against MathF.Exp (each within about an ulp), otherwise the same operations.</summary>
    private const double VectorTolerance = 5e-7;

    /// <summary>Values this small are subnormal or nearly so in float; compared absolutely.</summary>
    private const double TinyValue = 1e-30;

    /// <summary>Central differences of the double formula, h = 1e-5: truncation and rounding both near 1e-11.</summary>
    private const double FiniteDifferenceStep = 1e-5;

    [Fact]
    public void ForwardMatchesTheDoubleFormula()
    {
        double worst = 0;
        foreach (float z in Lanes.Inputs().Concat(Lanes.Grid(-30f, 30f, 60_000)))
        {
            double expected = Silu(z);
            float actual = SiluOperator.Forward(z);
            double error = Math.Abs(actual - expected);
            Assert.True(error <= ForwardRelativeTolerance * Math.Abs(expected) + TinyValue, $"Forward({z:R}) = {actual:R}, reference {expected:R}");
            worst = Math.Max(worst, error / Math.Max(Math.Abs(expected), TinyValue));
        }

        output.WriteLine($"SiLU forward: largest relative error {worst:E2}");
    }

    [Fact]
    public void DerivativeMatchesTheDoubleFormula()
    {
        double worst = 0;
        foreach (float z in Lanes.Inputs().Concat(Lanes.Grid(-30f, 30f, 60_000)))
        {
            double s = Sigmoid(z);
            double expected = s * (1 + z * Sigmoid(-z));
            float actual = SiluOperator.Derivative(z, SiluOperator.Forward(z));
            double error = Math.Abs(actual - expected);
            Assert.True(error <= DerivativeTolerance, $"Derivative({z:R}) = {actual:R}, reference {expected:R}");
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"SiLU derivative: largest absolute error {worst:E2}");
    }

    [Fact]
    public void DerivativeMatchesFiniteDifferences()
    {
        foreach (float z in Lanes.Grid(-20f, 20f, 4001))
        {
            double h = FiniteDifferenceStep;
            double numeric = (Silu(z + h) - Silu(z - h)) / (2 * h);
            float actual = SiluOperator.Derivative(z, SiluOperator.Forward(z));
            Assert.True(Math.Abs(actual - numeric) <= DerivativeTolerance, $"Derivative({z:R}) = {actual:R}, central difference {numeric:R}");
        }
    }

    [Fact]
    public void VectorOverloadsEqualTheScalarOnesLaneByLane()
    {
        float[] z = Lanes.Inputs();
        float[] a = z.Select(SiluOperator.Forward).ToArray();
        Lanes.AssertMatchScalar("Forward", z, a, Lanes.Apply(z, SiluOperator.Forward, SiluOperator.Forward, SiluOperator.Forward), VectorTolerance);
        Lanes.AssertMatchScalar("Derivative", z, z.Select(v => SiluOperator.Derivative(v, SiluOperator.Forward(v))).ToArray(),
            Lanes.Apply(z, a, SiluOperator.Derivative, SiluOperator.Derivative, SiluOperator.Derivative), VectorTolerance);
    }

    [Theory]
    [InlineData(100f)]
    [InlineData(1000f)]
    [InlineData(1e30f)]
    [InlineData(float.MaxValue)]
    public void HugeInputsSaturateWithoutNaNOrInfinity(float size)
    {
        float[] z = [.. Enumerable.Repeat(size, 8), .. Enumerable.Repeat(-size, 8)];
        float[] a = z.Select(SiluOperator.Forward).ToArray();
        var forwards = Lanes.Apply(z, SiluOperator.Forward, SiluOperator.Forward, SiluOperator.Forward).Prepend(("scalar", a));
        var derivatives = Lanes.Apply(z, a, SiluOperator.Derivative, SiluOperator.Derivative, SiluOperator.Derivative)
            .Prepend(("scalar", z.Select(v => SiluOperator.Derivative(v, SiluOperator.Forward(v))).ToArray()));

        foreach ((string width, float[] values) in forwards)
        {
            Assert.All(values.Take(8), v => Assert.Equal(size, v));                 // z·1
            Assert.All(values.Skip(8), v => Assert.InRange(v, -TinyValue, 0));      // z·sigmoid(z), at most -100·3.7e-44
        }

        foreach ((string width, float[] values) in derivatives)
        {
            Assert.All(values.Take(8), v => Assert.Equal(1f, v));
            Assert.All(values.Skip(8), v => Assert.InRange(v, -TinyValue, TinyValue));
        }
    }

    [Theory]
    [InlineData(-5.0, -0.03346425462142428)]
    [InlineData(-1.0, -0.2689414213699951)]
    [InlineData(0.5, 0.3112296656009273)]
    [InlineData(2.0, 1.7615941559557646)]
    public void ForwardMatchesPyTorchSilu(float z, double torchValue)
    {
        // torch.nn.functional.silu in float64, PyTorch 1.13.
        Assert.InRange(SiluOperator.Forward(z), torchValue - Math.Abs(torchValue) * ForwardRelativeTolerance, torchValue + Math.Abs(torchValue) * ForwardRelativeTolerance);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Silu(double z) => z * Sigmoid(z);
}
