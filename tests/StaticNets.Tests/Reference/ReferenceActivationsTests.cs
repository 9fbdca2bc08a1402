using System;
using StaticNets.Operators;
using StaticNets.Reference;
using Xunit;

// StaticNets.Tests rather than StaticNets.Tests.Reference: see ConvolutionReferenceGradientTests.
namespace StaticNets.Tests;

/// <summary>
/// <see cref="ReferenceActivations"/>: GELU and the parameterised LeakyReLU and ELU against closed forms, every
/// derivative against a centred difference of its own forward, and the defaults of the overloads without a parameter.
/// </summary>
public sealed class ReferenceActivationsTests
{
    /// <summary>
    /// Closed forms in double against the reference's own double arithmetic (erf by series or continued fraction):
    /// a few ulps of double (2.2e-16) relative.
    /// </summary>
    private const double ClosedFormTolerance = 1e-14;

    /// <summary>
    /// Step of the centred difference in <see cref="double"/>: truncation h²·|f'''|/6 ≈ 1e-11 and rounding
    /// ε·|f|/h ≈ 2.2e-16 · 6 / 1e-5 ≈ 1.3e-10 for |f| ≤ 6.
    /// </summary>
    private const double Step = 1e-5;

    /// <summary>Derivative vs centred difference, relative to max(1, |derivative|): ~100× the difference's own error.</summary>
    private const double DifferenceTolerance = 1e-8;

    /// <summary>Points at least 0.05 from the kinks at 0, so that no difference of step <see cref="Step"/> straddles one.</summary>
    private static readonly double[] Points = [-6.0, -3.1, -1.3, -0.4, -0.05, 0.05, 0.7, 1.9, 4.2];

    /// <summary>Every elementwise activation, LeakyReLU and ELU with several parameters (NaN: the two-argument overloads).</summary>
    public static TheoryData<Activation, double> ActivationsAndParameters => new()
    {
        { Activation.Linear, double.NaN },
        { Activation.Sigmoid, double.NaN },
        { Activation.Tanh, double.NaN },
        { Activation.ReLU, double.NaN },
        { Activation.LeakyReLU, double.NaN },
        { Activation.LeakyReLU, 0.2 },
        { Activation.LeakyReLU, -0.5 },
        { Activation.ELU, double.NaN },
        { Activation.ELU, 0.5 },
        { Activation.ELU, 2.0 },
        { Activation.Softplus, double.NaN },
        { Activation.GELU, double.NaN },
        { Activation.SiLU, double.NaN },
    };

    [Theory]
    // z, z·Φ(z) and Φ(z) + z·φ(z), from the C library's double erfc (Python's math.erfc).
    [InlineData(-5.0, -1.4332578593959731e-06, -7.146946001792295e-06)]
    [InlineData(-2.0, -0.04550026389635844, -0.0852318010781969)]
    [InlineData(-1.0, -0.15865525393145707, -0.08331547058768629)]
    [InlineData(-0.5, -0.15426876936299344, 0.13250487534383712)]
    [InlineData(0.0, 0.0, 0.5)]
    [InlineData(0.25, 0.14967658142073093, 0.695373354883636)]
    [InlineData(1.0, 0.8413447460685429, 1.0833154705876864)]
    [InlineData(3.0, 2.99595030590511, 1.011945647204184)]
    public void GeluIsZTimesTheNormalCdfAndItsDerivativeCdfPlusZTimesDensity(double z, double value, double derivative)
    {
        AssertClose(value, ReferenceActivations.Forward(Activation.GELU, z), "GELU");
        AssertClose(derivative, ReferenceActivations.Derivative(Activation.GELU, z), "GELU'");
        AssertClose(value, ReferenceActivations.Forward(Activation.GELU, z, parameter: 0.2), "GELU ignores a parameter");
    }

    [Theory]
    [InlineData(-2.0, 0.2, -0.4, 0.2)]
    [InlineData(-0.5, 0.2, -0.1, 0.2)]
    [InlineData(3.0, 0.2, 3.0, 1.0)]
    [InlineData(-1.5, -0.5, 0.75, -0.5)] // PyTorch takes any slope, negative too
    [InlineData(-4.0, 1.5, -6.0, 1.5)]
    [InlineData(0.0, 0.2, 0.0, 0.2)] // at the kink, as PyTorch: the negative side's slope
    public void LeakyReLUUsesItsNegativeSlope(double z, double slope, double value, double derivative)
    {
        AssertClose(value, ReferenceActivations.Forward(Activation.LeakyReLU, z, slope), "LeakyReLU");
        AssertClose(derivative, ReferenceActivations.Derivative(Activation.LeakyReLU, z, slope), "LeakyReLU'");
    }

    [Theory]
    // alpha·(e^z − 1) and alpha·e^z below 0: 0.5·(e^-1 − 1), 2·(e^-3 − 1), 0.5·e^-1, 2·e^-3.
    [InlineData(-1.0, 0.5, -0.31606027941427883, 0.18393972058572117)]
    [InlineData(-3.0, 2.0, -1.900425863264272, 0.09957413673572789)]
    [InlineData(2.0, 0.5, 2.0, 1.0)]
    [InlineData(0.0, 0.5, 0.0, 0.5)] // at the kink, as PyTorch: alpha
    public void EluUsesItsAlpha(double z, double alpha, double value, double derivative)
    {
        AssertClose(value, ReferenceActivations.Forward(Activation.ELU, z, alpha), "ELU");
        AssertClose(derivative, ReferenceActivations.Derivative(Activation.ELU, z, alpha), "ELU'");
    }

    [Fact]
    public void TheOverloadsWithoutAParameterUsePyTorchsDefaultsWhichTheGeneratedLayersUseToo()
    {
        Assert.Equal(0.01, ReferenceActivations.DefaultNegativeSlope);
        Assert.Equal(1.0, ReferenceActivations.DefaultAlpha);
        Assert.Equal(LeakyReLUOperator.Slope, (float)ReferenceActivations.DefaultNegativeSlope);
        Assert.Equal(EluOperator.Alpha, (float)ReferenceActivations.DefaultAlpha);

        AssertClose(-0.02, ReferenceActivations.Forward(Activation.LeakyReLU, -2.0), "LeakyReLU, default slope");
        AssertClose(0.01, ReferenceActivations.Derivative(Activation.LeakyReLU, -2.0), "LeakyReLU', default slope");
        AssertClose(Math.Exp(-1.0) - 1, ReferenceActivations.Forward(Activation.ELU, -1.0), "ELU, default alpha");
        AssertClose(Math.Exp(-1.0), ReferenceActivations.Derivative(Activation.ELU, -1.0), "ELU', default alpha");
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            if (activation == Activation.Softmax)
            {
                continue;
            }

            double parameter = ReferenceActivations.DefaultParameter(activation);
            foreach (double z in Points)
            {
                Assert.Equal(ReferenceActivations.Forward(activation, z, parameter), ReferenceActivations.Forward(activation, z));
                Assert.Equal(ReferenceActivations.Derivative(activation, z, parameter), ReferenceActivations.Derivative(activation, z));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActivationsAndParameters))]
    public void DerivativeMatchesACentredDifferenceOfForward(Activation activation, double parameter)
    {
        Func<double, double> forward = double.IsNaN(parameter)
            ? z => ReferenceActivations.Forward(activation, z)
            : z => ReferenceActivations.Forward(activation, z, parameter);
        Func<double, double> derivative = double.IsNaN(parameter)
            ? z => ReferenceActivations.Derivative(activation, z)
            : z => ReferenceActivations.Derivative(activation, z, parameter);
        foreach (double z in Points)
        {
            double difference = (forward(z + Step) - forward(z - Step)) / (2 * Step);
            double analytic = derivative(z);
            double error = Math.Abs(analytic - difference) / Math.Max(1, Math.Abs(analytic));
            Assert.True(error <= DifferenceTolerance,
                $"{activation}({parameter})'({z}) = {analytic:R}, centred difference {difference:R}: error {error:E2} > {DifferenceTolerance:E0}");
        }
    }

    [Fact]
    public void SoftmaxIsNotElementwise()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceActivations.Forward(Activation.Softmax, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceActivations.Forward(Activation.Softmax, 1.0, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceActivations.Derivative(Activation.Softmax, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceActivations.Derivative(Activation.Softmax, 1.0, 0.2));
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(actual == expected || error <= ClosedFormTolerance, $"{what}: {actual:R}, expected {expected:R}, relative error {error:E2}");
    }
}
