using System;
using System.Linq;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Operators;

/// <summary>
/// The overloads of <see cref="EluOperator"/> and <see cref="LeakyReLUOperator"/> that take alpha and the negative
/// slope: the formula, finite differences, vector overloads against the scalar one, and the parameterless overloads
/// as the defaults.
/// </summary>
public sealed class ParameterizedActivationTests
{
    /// <summary>Float evaluation of one exp and one product: a few ε (1.2e-7), relative to max(1, |value|).</summary>
    private const double FormulaTolerance = 3e-7;

    /// <summary>Vector vs scalar: Vector*.Exp against MathF.Exp (each within about an ulp), otherwise the same operations.</summary>
    private const double VectorTolerance = 5e-7;

    /// <summary>Central differences of the double formula, h = 1e-5, kept at least 2h away from the kink at 0.</summary>
    private const double FiniteDifferenceStep = 1e-5;

    public static TheoryData<float> Alphas => new() { 0.1f, 0.5f, 1f, 2.5f };

    public static TheoryData<float> Slopes => new() { 0.01f, 0.1f, 0.3f, 0.9f };

    [Theory]
    [MemberData(nameof(Alphas))]
    public void EluWithAlphaMatchesTheFormulaAndFiniteDifferences(float alpha)
    {
        foreach (float z in Lanes.Inputs())
        {
            double expected = Elu(z, alpha);
            float a = EluOperator.Forward(z, alpha);
            Assert.True(Math.Abs(a - expected) <= FormulaTolerance * Math.Max(1, Math.Abs(expected)), $"ELU({z:R}, {alpha}) = {a:R}, reference {expected:R}");

            if (Math.Abs(z) > 2 * FiniteDifferenceStep && Math.Abs(z) < 50)
            {
                double h = FiniteDifferenceStep;
                double numeric = (Elu(z + h, alpha) - Elu(z - h, alpha)) / (2 * h);
                float derivative = EluOperator.Derivative(z, a, alpha);
                Assert.True(Math.Abs(derivative - numeric) <= FormulaTolerance * Math.Max(1, Math.Abs(numeric)),
                    $"ELU'({z:R}, {alpha}) = {derivative:R}, central difference {numeric:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Slopes))]
    public void LeakyReLUWithSlopeMatchesTheFormulaAndFiniteDifferences(float negativeSlope)
    {
        foreach (float z in Lanes.Inputs())
        {
            double expected = z > 0 ? z : (double)negativeSlope * z;
            float a = LeakyReLUOperator.Forward(z, negativeSlope);
            Assert.True(Math.Abs(a - expected) <= FormulaTolerance * Math.Max(1, Math.Abs(expected)), $"LeakyReLU({z:R}, {negativeSlope}) = {a:R}, reference {expected:R}");

            if (Math.Abs(z) > 2 * FiniteDifferenceStep && Math.Abs(z) < 50)
            {
                double h = FiniteDifferenceStep;
                double numeric = (LeakyReLU(z + h, negativeSlope) - LeakyReLU(z - h, negativeSlope)) / (2 * h);
                float derivative = LeakyReLUOperator.Derivative(z, a, negativeSlope);
                Assert.True(Math.Abs(derivative - numeric) <= FormulaTolerance * Math.Max(1, Math.Abs(numeric)),
                    $"LeakyReLU'({z:R}, {negativeSlope}) = {derivative:R}, central difference {numeric:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Alphas))]
    public void EluVectorOverloadsWithAlphaEqualTheScalarOneLaneByLane(float alpha)
    {
        float[] z = Lanes.Inputs();
        float[] a = z.Select(v => EluOperator.Forward(v, alpha)).ToArray();
        Lanes.AssertMatchScalar("ELU forward", z, a,
            Lanes.Apply(z, v => EluOperator.Forward(v, alpha), v => EluOperator.Forward(v, alpha), v => EluOperator.Forward(v, alpha)), VectorTolerance);
        Lanes.AssertMatchScalar("ELU derivative", z, z.Select((v, i) => EluOperator.Derivative(v, a[i], alpha)).ToArray(),
            Lanes.Apply(z, a, (v, w) => EluOperator.Derivative(v, w, alpha), (v, w) => EluOperator.Derivative(v, w, alpha), (v, w) => EluOperator.Derivative(v, w, alpha)),
            VectorTolerance);
    }

    [Theory]
    [MemberData(nameof(Slopes))]
    public void LeakyReLUVectorOverloadsWithSlopeEqualTheScalarOneLaneByLane(float negativeSlope)
    {
        float[] z = Lanes.Inputs();
        float[] a = z.Select(v => LeakyReLUOperator.Forward(v, negativeSlope)).ToArray();
        Lanes.AssertMatchScalar("LeakyReLU forward", z, a,
            Lanes.Apply(z, v => LeakyReLUOperator.Forward(v, negativeSlope), v => LeakyReLUOperator.Forward(v, negativeSlope), v => LeakyReLUOperator.Forward(v, negativeSlope)),
            0); // no exp: every width does exactly the scalar's operations
        Lanes.AssertMatchScalar("LeakyReLU derivative", z, z.Select((v, i) => LeakyReLUOperator.Derivative(v, a[i], negativeSlope)).ToArray(),
            Lanes.Apply(z, a, (v, w) => LeakyReLUOperator.Derivative(v, w, negativeSlope), (v, w) => LeakyReLUOperator.Derivative(v, w, negativeSlope), (v, w) => LeakyReLUOperator.Derivative(v, w, negativeSlope)),
            0);
    }

    [Fact]
    public void ParameterlessOverloadsUseTheDefaults()
    {
        float[] z = Lanes.Inputs();
        float[] elu = z.Select(v => EluOperator.Forward(v, EluOperator.Alpha)).ToArray();
        float[] leaky = z.Select(v => LeakyReLUOperator.Forward(v, LeakyReLUOperator.Slope)).ToArray();

        Assert.Equal(elu, z.Select(v => EluOperator.Forward(v)));
        Assert.Equal(z.Select((v, i) => EluOperator.Derivative(v, elu[i], EluOperator.Alpha)), z.Select((v, i) => EluOperator.Derivative(v, elu[i])));
        Assert.Equal(leaky, z.Select(v => LeakyReLUOperator.Forward(v)));
        Assert.Equal(z.Select((v, i) => LeakyReLUOperator.Derivative(v, leaky[i], LeakyReLUOperator.Slope)), z.Select((v, i) => LeakyReLUOperator.Derivative(v, leaky[i])));
        Assert.Equal(
            Lanes.Apply(z, v => EluOperator.Forward(v, EluOperator.Alpha), v => EluOperator.Forward(v, EluOperator.Alpha), v => EluOperator.Forward(v, EluOperator.Alpha)).Select(w => w.Values),
            Lanes.Apply(z, EluOperator.Forward, EluOperator.Forward, EluOperator.Forward).Select(w => w.Values));
        Assert.Equal(
            Lanes.Apply(z, v => LeakyReLUOperator.Forward(v, LeakyReLUOperator.Slope), v => LeakyReLUOperator.Forward(v, LeakyReLUOperator.Slope), v => LeakyReLUOperator.Forward(v, LeakyReLUOperator.Slope)).Select(w => w.Values),
            Lanes.Apply(z, LeakyReLUOperator.Forward, LeakyReLUOperator.Forward, LeakyReLUOperator.Forward).Select(w => w.Values));
    }

    [Theory]
    [InlineData(2.5f, -100f, -2.5f, 0f)]
    [InlineData(2.5f, -1000f, -2.5f, 0f)]
    [InlineData(2.5f, 1000f, 1000f, 1f)]
    [InlineData(0.5f, -float.MaxValue, -0.5f, 0f)]
    public void EluWithAlphaSaturatesAtMinusAlpha(float alpha, float z, float expectedForward, float expectedDerivative)
    {
        var zs = Enumerable.Repeat(z, 16).ToArray();
        var forwards = Lanes.Apply(zs, v => EluOperator.Forward(v, alpha), v => EluOperator.Forward(v, alpha), v => EluOperator.Forward(v, alpha))
            .Select(w => w.Values).Prepend([EluOperator.Forward(z, alpha)]);
        float a = EluOperator.Forward(z, alpha);
        var derivatives = Lanes.Apply(zs, zs.Select(_ => a).ToArray(), (v, w) => EluOperator.Derivative(v, w, alpha), (v, w) => EluOperator.Derivative(v, w, alpha), (v, w) => EluOperator.Derivative(v, w, alpha))
            .Select(w => w.Values).Prepend([EluOperator.Derivative(z, a, alpha)]);

        Assert.All(forwards.SelectMany(v => v), v => Assert.Equal(expectedForward, v));
        Assert.All(derivatives.SelectMany(v => v), v => Assert.Equal(expectedDerivative, v)); // a + alpha = -alpha + alpha
    }

    private static double Elu(double z, double alpha) => z > 0 ? z : alpha * (Math.Exp(z) - 1);

    private static double LeakyReLU(double z, double negativeSlope) => z > 0 ? z : negativeSlope * z;
}
