using StaticNets.Reference;
using Xunit;

// StaticNets.Tests rather than StaticNets.Tests.Reference: see ConvolutionReferenceGradientTests.
namespace StaticNets.Tests;

/// <summary>The library's double erf (<see cref="ReferenceErf"/>), which GELU's reference and the float erf are measured against, is itself right.</summary>
public sealed class ReferenceErfTests
{
    /// <summary>Series and continued fraction in double: a few ulps of double (2.2e-16) on the values below.</summary>
    private const double ReferenceRelativeTolerance = 1e-14;

    [Theory]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(0.9, 0.7969082124228322)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(1.5, 0.9661051464753108)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    public void ReferenceErfMatchesTabulatedValues(double x, double expected)
    {
        // Tabulated values: the C library's double erf, agreeing with Abramowitz & Stegun Table 7.1 to its 15 digits.
        Assert.InRange(ReferenceErf.Erf(x), expected * (1 - ReferenceRelativeTolerance), expected * (1 + ReferenceRelativeTolerance));
        Assert.InRange(-ReferenceErf.Erf(-x), expected * (1 - ReferenceRelativeTolerance), expected * (1 + ReferenceRelativeTolerance));
    }

    [Theory]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(20.0, 5.3958656116079005e-176)]
    public void ReferenceErfcKeepsItsRelativeAccuracyFarOut(double x, double expected)
    {
        // Tabulated values: the C library's double erfc.
        Assert.InRange(ReferenceErf.Erfc(x), expected * (1 - ReferenceRelativeTolerance), expected * (1 + ReferenceRelativeTolerance));
    }
}
