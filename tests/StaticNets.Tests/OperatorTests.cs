using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using StaticNets.Operators;
using StaticNets.Reference;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests;

/// <summary>
/// The runtime operators the generated kernels call: each vector overload equals the scalar one lane by lane, every
/// value stays finite on [-100, 100] and saturates correctly, and the scalar forms match the double reference.
/// </summary>
public sealed class OperatorTests(ITestOutputHelper output)
{
    /// <summary>
    /// Vector vs scalar, absolute part. The vector forms use Vector*.Exp/Log and, for tanh, (1 − t) / (1 + t) with
    /// t = exp(−2|z|); near z = 0 that loses relative precision but stays within a few ε (1.2e-7) absolutely.
    /// Observed worst difference over all operators and inputs: 0.17 of the combined bound (~1.7e-7).
    /// </summary>
    private const double VectorAbsoluteTolerance = 1e-6;

    /// <summary>Vector vs scalar, relative part: a few ulps of float (ε = 1.2e-7) for the exp/log approximations.</summary>
    private const double VectorRelativeTolerance = 1e-6;

    /// <summary>Scalar float operators vs the double reference: float evaluation of one formula, a few ε.</summary>
    private const double ReferenceTolerance = 1e-6;

    private static readonly float[] Inputs = BuildInputs();

    public static TheoryData<string> OperatorNames => new() { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "Softplus" };

    [Theory]
    [MemberData(nameof(OperatorNames))]
    public void VectorForwardEqualsScalarForwardLaneByLane(string name)
    {
        Operator op = Operator.Get(name);
        double worst = 0;
        for (int start = 0; start < Inputs.Length; start += 16)
        {
            var z = Vector512.Create(Inputs.AsSpan(start, 16));
            float[] v512 = Lanes(op.Forward512(z));
            float[] v256 = [.. Lanes(op.Forward256(z.GetLower())), .. Lanes(op.Forward256(z.GetUpper()))];
            float[] v128 = [.. Lanes(op.Forward128(z.GetLower().GetLower())), .. Lanes(op.Forward128(z.GetLower().GetUpper())),
                .. Lanes(op.Forward128(z.GetUpper().GetLower())), .. Lanes(op.Forward128(z.GetUpper().GetUpper()))];
            for (int k = 0; k < 16; k++)
            {
                float x = Inputs[start + k];
                float scalar = op.Forward(x);
                worst = Math.Max(worst, AssertLaneEqualsScalar(name, "forward", x, scalar, v512[k], v256[k], v128[k]));
            }
        }

        output.WriteLine($"{name} forward: worst difference {worst:E2} of the tolerance");
    }

    [Theory]
    [MemberData(nameof(OperatorNames))]
    public void VectorDerivativeEqualsScalarDerivativeLaneByLane(string name)
    {
        Operator op = Operator.Get(name);
        double worst = 0;
        for (int start = 0; start < Inputs.Length; start += 16)
        {
            var z = Vector512.Create(Inputs.AsSpan(start, 16));
            Vector512<float> a = op.Forward512(z); // as generated code does: the derivative of its own forward
            float[] v512 = Lanes(op.Derivative512(z, a));
            float[] v256 = [.. Lanes(op.Derivative256(z.GetLower(), a.GetLower())), .. Lanes(op.Derivative256(z.GetUpper(), a.GetUpper()))];
            float[] v128 = new float[16];
            for (int q = 0; q < 4; q++)
            {
                Lanes(op.Derivative128(Quarter(z, q), Quarter(a, q))).CopyTo(v128, 4 * q);
            }

            for (int k = 0; k < 16; k++)
            {
                float x = Inputs[start + k];
                float scalar = op.Derivative(x, op.Forward(x));
                worst = Math.Max(worst, AssertLaneEqualsScalar(name, "derivative", x, scalar, v512[k], v256[k], v128[k]));
            }
        }

        output.WriteLine($"{name} derivative: worst difference {worst:E2} of the tolerance");
    }

    [Theory]
    [MemberData(nameof(OperatorNames))]
    public void ScalarOperatorMatchesReferenceActivation(string name)
    {
        Operator op = Operator.Get(name);
        foreach (float x in Inputs)
        {
            double forward = ReferenceActivations.Forward(op.Activation, x);
            double derivative = ReferenceActivations.Derivative(op.Activation, x);
            float actualForward = op.Forward(x);
            float actualDerivative = op.Derivative(x, actualForward);
            Assert.True(Math.Abs(actualForward - forward) <= ReferenceTolerance * Math.Max(1, Math.Abs(forward)),
                $"{name}({x:R}) = {actualForward:R}, reference {forward:R}");
            if (x != 0) // the kinked activations define the derivative at 0 by convention
            {
                Assert.True(Math.Abs(actualDerivative - derivative) <= ReferenceTolerance * Math.Max(1, Math.Abs(derivative)),
                    $"{name}'({x:R}) = {actualDerivative:R}, reference {derivative:R}");
            }
        }
    }

    [Theory]
    [InlineData("Sigmoid", 100f, 1f, 0f)]
    [InlineData("Sigmoid", -100f, 0f, 0f)]
    [InlineData("Tanh", 100f, 1f, 0f)]
    [InlineData("Tanh", -100f, -1f, 0f)]
    [InlineData("ReLU", 100f, 100f, 1f)]
    [InlineData("ReLU", -100f, 0f, 0f)]
    [InlineData("LeakyReLU", 100f, 100f, 1f)]
    [InlineData("LeakyReLU", -100f, -1f, 0.01f)]
    [InlineData("ELU", 100f, 100f, 1f)]
    [InlineData("ELU", -100f, -1f, 0f)]
    [InlineData("Softplus", 100f, 100f, 1f)]
    [InlineData("Softplus", -100f, 0f, 0f)]
    public void OperatorsSaturateAtLargeInputs(string name, float z, float expectedForward, float expectedDerivative)
    {
        // Saturated values are exact in float except for denormal-sized leftovers such as exp(-100) = 3.7e-44.
        const float leftover = 1e-30f;
        Operator op = Operator.Get(name);
        var zs = Vector512.Create(z);
        var forwards = new List<float> { op.Forward(z) };
        forwards.AddRange(Lanes(op.Forward512(zs)));
        forwards.AddRange(Lanes(op.Forward256(zs.GetLower())));
        forwards.AddRange(Lanes(op.Forward128(zs.GetLower().GetLower())));
        var derivatives = new List<float> { op.Derivative(z, op.Forward(z)) };
        derivatives.AddRange(Lanes(op.Derivative512(zs, op.Forward512(zs))));
        derivatives.AddRange(Lanes(op.Derivative256(zs.GetLower(), op.Forward256(zs.GetLower()))));
        derivatives.AddRange(Lanes(op.Derivative128(zs.GetLower().GetLower(), op.Forward128(zs.GetLower().GetLower()))));

        Assert.All(forwards, a => Assert.InRange(a, expectedForward - leftover - Math.Abs(expectedForward) * 1e-7f, expectedForward + leftover + Math.Abs(expectedForward) * 1e-7f));
        Assert.All(derivatives, d => Assert.InRange(d, expectedDerivative - leftover - 1e-7f, expectedDerivative + leftover + 1e-7f));
    }

    [Fact]
    public void SoftmaxCrossEntropyIsFiniteForExtremeLogits()
    {
        float[] z = [1000f, -1000f, 0f, 3f];
        var p = new float[4];
        SoftmaxOperator.Forward(z, p);
        float[] y = [0f, 1f, 0f, 0f]; // the target is the least likely class
        var dz = new float[4];

        float loss = SoftmaxCrossEntropyLoss.Evaluate(z, p, y, dz, scale: 0.5f);

        Assert.Equal([1f, 0f, 0f, 0f], p);
        Assert.Equal(2000f, loss); // logsumexp(z) − z[1] = 1000 − (−1000)
        Assert.Equal([0.5f, -0.5f, 0f, 0f], dz); // (p − y) · scale
    }

    [Fact]
    public void SoftmaxCrossEntropyOfVeryNegativeLogitsIsFinite()
    {
        float[] z = [-1000f, -1001f, -1002f];
        var p = new float[3];
        SoftmaxOperator.Forward(z, p);
        float[] y = [0.2f, 0.3f, 0.5f];
        var dz = new float[3];

        float loss = SoftmaxCrossEntropyLoss.Evaluate(z, p, y, dz, scale: 1f);

        // Reference: logsumexp(z) − Σ y·z, in double.
        double lse = -1000 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-2));
        double expected = lse - (0.2 * -1000 + 0.3 * -1001 + 0.5 * -1002);
        Assert.True(float.IsFinite(loss));
        Assert.Equal(expected, loss, 3); // a float difference of values near 1000: ~1e-4 absolute
        for (int k = 0; k < 3; k++)
        {
            Assert.True(float.IsFinite(dz[k]));
            Assert.Equal(p[k] - y[k], dz[k], 6);
        }
    }

    [Fact]
    public void SoftmaxForwardWorksInPlaceAndSumsToOne()
    {
        float[] z = [2f, -1f, 0.5f, 88f, 89f, -89f, 3f];
        var separate = new float[z.Length];
        SoftmaxOperator.Forward(z, separate);
        float[] inPlace = (float[])z.Clone();
        SoftmaxOperator.Forward(inPlace, inPlace);

        Assert.Equal(separate, inPlace);
        float sum = 0;
        foreach (float p in separate)
        {
            Assert.True(p >= 0 && p <= 1);
            sum += p;
        }

        Assert.Equal(1f, sum, 6);
        double[] reference = new double[z.Length];
        ReferenceActivations.Softmax(Array.ConvertAll(z, v => (double)v), reference);
        for (int k = 0; k < z.Length; k++)
        {
            Assert.Equal(reference[k], separate[k], 6);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(16)]
    public void SoftmaxAcrossTheLanesOfOneVectorMatchesTheReferenceAndIgnoresUnusedLanes(int count)
    {
        // Logits with large gaps (one output near 1, others far below), ties, and unused lanes holding values that
        // would dominate (1e30), overflow (∞) or poison (NaN) the result if they took part.
        float[] pattern = [2f, -1f, 0.5f, 88f, 89f, -89f, 3f, 3f, -30f, 0f, 12.5f, -7f, 1e-3f, 40f, -40f, 5f];
        var logits = new float[16];
        var used = new float[16];
        for (int k = 0; k < 16; k++)
        {
            logits[k] = k < count ? pattern[k] : k % 3 == 0 ? 1e30f : k % 3 == 1 ? float.PositiveInfinity : float.NaN;
            used[k] = k < count ? BitConverter.Int32BitsToSingle(-1) : 0f;
        }

        double[] reference = new double[count];
        ReferenceActivations.Softmax(Array.ConvertAll(logits[..count], v => (double)v), reference);
        var results = new List<(string Width, float[] Values)>
        {
            ("Vector512", Lanes512(SoftmaxOperator.Forward(Vector512.Create(logits), Vector512.Create(used)))),
        };
        if (count <= 8)
        {
            results.Add(("Vector256", Lanes512(Vector512.Create(SoftmaxOperator.Forward(Vector256.Create(logits.AsSpan(0, 8)), Vector256.Create(used.AsSpan(0, 8))), Vector256<float>.Zero))));
        }

        if (count <= 4)
        {
            results.Add(("Vector128", Lanes512(Vector512.Create(Vector256.Create(SoftmaxOperator.Forward(Vector128.Create(logits.AsSpan(0, 4)), Vector128.Create(used.AsSpan(0, 4))), Vector128<float>.Zero), Vector256<float>.Zero))));
        }

        var scalar = new float[count];
        SoftmaxOperator.Forward(logits.AsSpan(0, count), scalar);
        foreach ((string width, float[] values) in results)
        {
            for (int k = 0; k < 16; k++)
            {
                if (k < count)
                {
                    Assert.True(Math.Abs(values[k] - reference[k]) <= 2e-7 + 1e-6 * reference[k], $"{width} lane {k}: {values[k]} against {reference[k]}");
                    Assert.True(Math.Abs(values[k] - scalar[k]) <= 2e-7 * Math.Max(1f, scalar[k]) + 1e-38, $"{width} lane {k}: {values[k]} against the span overload's {scalar[k]}");
                }
                else
                {
                    Assert.Equal(0f, values[k]);
                }
            }
        }
    }

    private static float[] Lanes512(Vector512<float> v)
    {
        var values = new float[16];
        v.CopyTo(values);
        return values;
    }

    [Fact]
    public void LogSumExpDoesNotOverflow()
    {
        Assert.Equal(1000f + MathF.Log(2f), SoftmaxOperator.LogSumExp([1000f, 1000f]), 3);
        Assert.Equal(-1000f, SoftmaxOperator.LogSumExp([-1000f]));
    }

    [Fact]
    public void MeanSquaredErrorReturnsSumOfSquaresAndScaledGradient()
    {
        float[] a = [1f, 2f, -3f];
        float[] y = [0.5f, 2f, 1f];
        var da = new float[3];

        float loss = MeanSquaredErrorLoss.Evaluate(a, y, da, scale: 0.25f);

        Assert.Equal(0.25f + 0f + 16f, loss);
        Assert.Equal([2 * 0.5f * 0.25f, 0f, 2 * -4f * 0.25f], da);
    }

    /// <summary>Asserts the three widths agree with the scalar and are finite; returns the largest difference as a fraction of the tolerance.</summary>
    private static double AssertLaneEqualsScalar(string name, string what, float x, float scalar, float v512, float v256, float v128)
    {
        double worst = 0;
        foreach ((string width, float lane) in new[] { ("Vector512", v512), ("Vector256", v256), ("Vector128", v128) })
        {
            Assert.True(float.IsFinite(lane), $"{name} {what} {width} at {x:R} is {lane}");
            Assert.True(float.IsFinite(scalar), $"{name} {what} scalar at {x:R} is {scalar}");
            double difference = Math.Abs(lane - scalar);
            worst = Math.Max(worst, difference / (VectorAbsoluteTolerance + VectorRelativeTolerance * Math.Abs(scalar)));
            Assert.True(difference <= VectorAbsoluteTolerance + VectorRelativeTolerance * Math.Abs(scalar),
                $"{name} {what} at {x:R}: scalar {scalar:R}, {width} {lane:R}");
        }

        return worst;
    }

    private static Vector128<float> Quarter(Vector512<float> v, int q) => q switch
    {
        0 => v.GetLower().GetLower(),
        1 => v.GetLower().GetUpper(),
        2 => v.GetUpper().GetLower(),
        _ => v.GetUpper().GetUpper(),
    };

    private static float[] Lanes(Vector128<float> v) { var a = new float[4]; v.CopyTo(a); return a; }

    private static float[] Lanes(Vector256<float> v) { var a = new float[8]; v.CopyTo(a); return a; }

    private static float[] Lanes(Vector512<float> v) { var a = new float[16]; v.CopyTo(a); return a; }

    /// <summary>Special points (0, ±0, tiny, around exp's overflow at ±88.7, ±100) and a grid over [-100, 100].</summary>
    private static float[] BuildInputs()
    {
        var values = new List<float>
        {
            -100f, -88.8f, -88.7f, -88f, -87f, -50f, -20f, -15f, -10f, -9f, -5f, -2f, -1f, -0.5f, -1e-3f, -1e-7f, -1e-30f, -0f,
            0f, 1e-30f, 1e-7f, 1e-3f, 0.5f, 1f, 2f, 5f, 9f, 10f, 15f, 20f, 50f, 87f, 88f, 88.7f, 88.8f, 100f,
        };
        for (float x = -100f; x <= 100f; x += 0.37f)
        {
            values.Add(x);
        }

        for (float x = -3f; x <= 3f; x += 0.01f)
        {
            values.Add(x);
        }

        while (values.Count % 16 != 0)
        {
            values.Add(values.Count * 0.001f);
        }

        return values.ToArray();
    }

    /// <summary>One operator's scalar and vector methods.</summary>
    private sealed record Operator(
        Activation Activation,
        Func<float, float> Forward,
        Func<Vector128<float>, Vector128<float>> Forward128,
        Func<Vector256<float>, Vector256<float>> Forward256,
        Func<Vector512<float>, Vector512<float>> Forward512,
        Func<float, float, float> Derivative,
        Func<Vector128<float>, Vector128<float>, Vector128<float>> Derivative128,
        Func<Vector256<float>, Vector256<float>, Vector256<float>> Derivative256,
        Func<Vector512<float>, Vector512<float>, Vector512<float>> Derivative512)
    {
        public static Operator Get(string name) => name switch
        {
            "Sigmoid" => new(Activation.Sigmoid, SigmoidOperator.Forward, SigmoidOperator.Forward, SigmoidOperator.Forward, SigmoidOperator.Forward,
                SigmoidOperator.Derivative, SigmoidOperator.Derivative, SigmoidOperator.Derivative, SigmoidOperator.Derivative),
            "Tanh" => new(Activation.Tanh, TanhOperator.Forward, TanhOperator.Forward, TanhOperator.Forward, TanhOperator.Forward,
                TanhOperator.Derivative, TanhOperator.Derivative, TanhOperator.Derivative, TanhOperator.Derivative),
            "ReLU" => new(Activation.ReLU, ReLUOperator.Forward, ReLUOperator.Forward, ReLUOperator.Forward, ReLUOperator.Forward,
                ReLUOperator.Derivative, ReLUOperator.Derivative, ReLUOperator.Derivative, ReLUOperator.Derivative),
            "LeakyReLU" => new(Activation.LeakyReLU, LeakyReLUOperator.Forward, LeakyReLUOperator.Forward, LeakyReLUOperator.Forward, LeakyReLUOperator.Forward,
                LeakyReLUOperator.Derivative, LeakyReLUOperator.Derivative, LeakyReLUOperator.Derivative, LeakyReLUOperator.Derivative),
            "ELU" => new(Activation.ELU, EluOperator.Forward, EluOperator.Forward, EluOperator.Forward, EluOperator.Forward,
                EluOperator.Derivative, EluOperator.Derivative, EluOperator.Derivative, EluOperator.Derivative),
            "Softplus" => new(Activation.Softplus, SoftplusOperator.Forward, SoftplusOperator.Forward, SoftplusOperator.Forward, SoftplusOperator.Forward,
                SoftplusOperator.Derivative, SoftplusOperator.Derivative, SoftplusOperator.Derivative, SoftplusOperator.Derivative),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
