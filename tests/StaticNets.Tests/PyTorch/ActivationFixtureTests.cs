using System;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using StaticNets.Operators;
using StaticNets.Reference;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// activations.json: every operator of src/StaticNets/Operators, through its scalar overloads and its
/// <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> overloads, against torch's
/// float64 values and autograd derivatives at 45 float32 points from −100 to 100.
/// </summary>
public sealed class ActivationFixtureTests(ITestOutputHelper output)
{
    /// <summary>
    /// ReferenceActivations computes in double: its worst measured error is 5.5e-16 (sigmoid' at z = 7.6), so a
    /// tolerance of 1e-12 only allows for other math libraries.
    /// </summary>
    private const double Float64Tolerance = 1e-12;

    /// <summary>Lanes per call: 1 is the scalar overload, 4/8/16 the Vector128/256/512 overloads.</summary>
    private static readonly int[] LaneCounts = [1, 4, 8, 16];

    /// <summary>
    /// Each operator under test and the activations.json entry it must reproduce. Linear has no operator class (the
    /// generated code leaves z as it is), so it is the identity here. Parameterised operators are tested through the
    /// overloads without the parameter (PyTorch's default) and through the overloads taking it.
    /// </summary>
    private static readonly OperatorUnderTest[] Operators =
    [
        new("Linear identity", "Linear", z => z, (z, a) => 1f, z => z, (z, a) => Vector128<float>.One, z => z, (z, a) => Vector256<float>.One, z => z, (z, a) => Vector512<float>.One),
        new("SigmoidOperator", "Sigmoid", SigmoidOperator.Forward, SigmoidOperator.Derivative, SigmoidOperator.Forward, SigmoidOperator.Derivative, SigmoidOperator.Forward, SigmoidOperator.Derivative, SigmoidOperator.Forward, SigmoidOperator.Derivative),
        new("TanhOperator", "Tanh", TanhOperator.Forward, TanhOperator.Derivative, TanhOperator.Forward, TanhOperator.Derivative, TanhOperator.Forward, TanhOperator.Derivative, TanhOperator.Forward, TanhOperator.Derivative),
        new("ReLUOperator", "ReLU", ReLUOperator.Forward, ReLUOperator.Derivative, ReLUOperator.Forward, ReLUOperator.Derivative, ReLUOperator.Forward, ReLUOperator.Derivative, ReLUOperator.Forward, ReLUOperator.Derivative),
        new("LeakyReLUOperator (default slope)", "LeakyReLU(0.01)", LeakyReLUOperator.Forward, LeakyReLUOperator.Derivative, LeakyReLUOperator.Forward, LeakyReLUOperator.Derivative, LeakyReLUOperator.Forward, LeakyReLUOperator.Derivative, LeakyReLUOperator.Forward, LeakyReLUOperator.Derivative),
        LeakyReLU(0.01f),
        LeakyReLU(0.2f),
        new("EluOperator (default alpha)", "ELU(1)", EluOperator.Forward, EluOperator.Derivative, EluOperator.Forward, EluOperator.Derivative, EluOperator.Forward, EluOperator.Derivative, EluOperator.Forward, EluOperator.Derivative),
        Elu(1f),
        Elu(0.5f),
        new("SoftplusOperator", "Softplus", SoftplusOperator.Forward, SoftplusOperator.Derivative, SoftplusOperator.Forward, SoftplusOperator.Derivative, SoftplusOperator.Forward, SoftplusOperator.Derivative, SoftplusOperator.Forward, SoftplusOperator.Derivative),
        new("GeluOperator", "GELU", GeluOperator.Forward, GeluOperator.Derivative, GeluOperator.Forward, GeluOperator.Derivative, GeluOperator.Forward, GeluOperator.Derivative, GeluOperator.Forward, GeluOperator.Derivative),
        new("SiluOperator", "SiLU", SiluOperator.Forward, SiluOperator.Derivative, SiluOperator.Forward, SiluOperator.Derivative, SiluOperator.Forward, SiluOperator.Derivative, SiluOperator.Forward, SiluOperator.Derivative),
    ];

    /// <summary>Every operator at every lane count.</summary>
    public static TheoryData<string, int> OperatorsAndLanes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (OperatorUnderTest op in Operators)
            {
                foreach (int lanes in LaneCounts)
                {
                    data.Add(op.Name, lanes);
                }
            }

            return data;
        }
    }

    /// <summary>Every activations.json entry: ReferenceActivations (the library's float64 reference) implements them all.</summary>
    public static TheoryData<string> ReferenceActivationEntries => new(Fixtures.Activations.Select(entry => entry.Label));

    [Fact]
    public void EveryActivationEntryHasAnOperatorUnderTest()
    {
        string[] labels = Fixtures.Activations.Select(entry => entry.Label).ToArray();

        Assert.NotEmpty(labels);
        Assert.Equal(labels.Length, labels.Distinct().Count());
        Assert.Empty(labels.Except(Operators.Select(op => op.FixtureLabel))); // entries nothing is tested against
        Assert.Empty(Operators.Select(op => op.FixtureLabel).Except(labels)); // operators without an entry
    }

    [Theory]
    [MemberData(nameof(OperatorsAndLanes))]
    public void ValuesAndDerivativesMatchPyTorch(string name, int lanes)
    {
        OperatorUnderTest op = Operators.Single(o => o.Name == name);
        ErrorMeter meter = Evaluate(op, lanes);

        meter.Report(output, $"{name}, {Describe(lanes)}: worst |a - b| / max(|b|, max_k |b_k|)");
        meter.AssertNoFailures();
    }

    [Fact]
    public void TheWorstErrorOfEveryOperatorStaysWithinTolerance()
    {
        var all = new ErrorMeter();
        foreach (OperatorUnderTest op in Operators)
        {
            var meter = new ErrorMeter();
            foreach (int lanes in LaneCounts)
            {
                meter.Absorb(string.Empty, Evaluate(op, lanes));
            }

            all.Absorb($"{op.Name}: ", meter);
        }

        all.Report(output, $"Every lane count; tolerance {ErrorMeter.Format(Tolerances.Activation)}, scale = max_k |b_k| of the vector:");
        ReportTails(output);
        all.AssertNoFailures();
    }

    [Theory]
    [MemberData(nameof(ReferenceActivationEntries))]
    public void TheLibraryFloat64ReferenceActivationsMatchPyTorch(string label)
    {
        ActivationCase entry = Fixtures.Activation(label);
        Activation activation = Enum.Parse<Activation>(entry.Activation); // throws for an entry the enum does not know
        var meter = new ErrorMeter();

        double? parameter = entry.NegativeSlope ?? entry.Alpha;
        if (parameter is { } given)
        {
            // The entry's parameter through the overloads taking one.
            meter.Vector("value", label, entry.Z.Select(z => ReferenceActivations.Forward(activation, z, given)).ToArray(), entry.Value, Float64Tolerance);
            meter.Vector("derivative", label, entry.Z.Select(z => ReferenceActivations.Derivative(activation, z, given)).ToArray(), entry.Derivative, Float64Tolerance);
        }

        if (parameter is null || parameter == ReferenceActivations.DefaultParameter(activation))
        {
            // No parameter, or PyTorch's default (LeakyReLU(0.01), ELU(1)): the overloads without one.
            meter.Vector("value, default parameter", label, entry.Z.Select(z => ReferenceActivations.Forward(activation, z)).ToArray(), entry.Value, Float64Tolerance);
            meter.Vector("derivative, default parameter", label, entry.Z.Select(z => ReferenceActivations.Derivative(activation, z)).ToArray(), entry.Derivative, Float64Tolerance);
        }

        meter.Report(output, $"ReferenceActivations {label}:");
        meter.AssertNoFailures();
    }

    /// <summary>Runs the 45 points through the operator <paramref name="lanes"/> at a time and compares.</summary>
    private static ErrorMeter Evaluate(OperatorUnderTest op, int lanes)
    {
        ActivationCase entry = Fixtures.Activation(op.FixtureLabel);
        (float[] values, float[] derivatives) = op.Run(entry.Z.ToFloats(), lanes);
        var meter = new ErrorMeter();
        meter.Vector("value", $"{op.Name} {Describe(lanes)}", values, entry.Value, Tolerances.Activation);
        meter.Vector("derivative", $"{op.Name} {Describe(lanes)}", derivatives, entry.Derivative, Tolerances.Activation);
        return meter;
    }

    /// <summary>
    /// For information only: the scalar overloads' error per element with the README's tail floor (scale 1e-30) instead
    /// of the vector's largest value, i.e. the plain relative error, and the points where it exceeds 1e-5.
    /// </summary>
    private static void ReportTails(ITestOutputHelper output)
    {
        output.WriteLine("For information, scalar overloads, scale = 1e-30 (relative error even in the tails; not asserted):");
        foreach (OperatorUnderTest op in Operators)
        {
            ActivationCase entry = Fixtures.Activation(op.FixtureLabel);
            (float[] values, float[] derivatives) = op.Run(entry.Z.ToFloats(), lanes: 1);
            foreach ((string quantity, float[] actual, double[] expected) in new[] { ("value", values, entry.Value), ("derivative", derivatives, entry.Derivative) })
            {
                double[] errors = actual.Select((a, k) => Math.Abs(a - expected[k]) / Math.Max(Math.Abs(expected[k]), 1e-30)).ToArray();
                int worst = Array.IndexOf(errors, errors.Max());
                string[] above = errors.Select((e, k) => (e, k)).Where(p => p.e > 1e-5)
                    .Select(p => $"{entry.Z[p.k].ToString("0.#", CultureInfo.InvariantCulture)}: {actual[p.k]:R} vs {expected[p.k]:R}").ToArray();
                output.WriteLine($"  {op.Name} {quantity}: worst {ErrorMeter.Format(errors[worst])} at z = {entry.Z[worst].ToString("0.#", CultureInfo.InvariantCulture)}"
                    + (above.Length > 0 ? $"; above 1e-5 at z = {string.Join(", ", above)}" : string.Empty));
            }
        }
    }

    private static string Invariant(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(int lanes) => lanes == 1 ? "scalar" : $"Vector{lanes * 32}";

    private static OperatorUnderTest LeakyReLU(float slope) => new(
        $"LeakyReLUOperator (slope {Invariant(slope)})",
        $"LeakyReLU({Invariant(slope)})",
        z => LeakyReLUOperator.Forward(z, slope),
        (z, a) => LeakyReLUOperator.Derivative(z, a, slope),
        z => LeakyReLUOperator.Forward(z, slope),
        (z, a) => LeakyReLUOperator.Derivative(z, a, slope),
        z => LeakyReLUOperator.Forward(z, slope),
        (z, a) => LeakyReLUOperator.Derivative(z, a, slope),
        z => LeakyReLUOperator.Forward(z, slope),
        (z, a) => LeakyReLUOperator.Derivative(z, a, slope));

    private static OperatorUnderTest Elu(float alpha) => new(
        $"EluOperator (alpha {Invariant(alpha)})",
        $"ELU({Invariant(alpha)})",
        z => EluOperator.Forward(z, alpha),
        (z, a) => EluOperator.Derivative(z, a, alpha),
        z => EluOperator.Forward(z, alpha),
        (z, a) => EluOperator.Derivative(z, a, alpha),
        z => EluOperator.Forward(z, alpha),
        (z, a) => EluOperator.Derivative(z, a, alpha),
        z => EluOperator.Forward(z, alpha),
        (z, a) => EluOperator.Derivative(z, a, alpha));

    /// <summary>An operator's overloads. Derivatives receive <c>a = Forward(z)</c> of the same width, as generated code does.</summary>
    private sealed record OperatorUnderTest(
        string Name,
        string FixtureLabel,
        Func<float, float> Forward,
        Func<float, float, float> Derivative,
        Func<Vector128<float>, Vector128<float>> Forward128,
        Func<Vector128<float>, Vector128<float>, Vector128<float>> Derivative128,
        Func<Vector256<float>, Vector256<float>> Forward256,
        Func<Vector256<float>, Vector256<float>, Vector256<float>> Derivative256,
        Func<Vector512<float>, Vector512<float>> Forward512,
        Func<Vector512<float>, Vector512<float>, Vector512<float>> Derivative512)
    {
        /// <summary>
        /// Values and derivatives at every z, <paramref name="lanes"/> at a time. The last vector is padded with the
        /// last z, so every lane carries a real point.
        /// </summary>
        public (float[] Values, float[] Derivatives) Run(float[] z, int lanes)
        {
            var values = new float[z.Length];
            var derivatives = new float[z.Length];
            var lane = new float[lanes];
            var value = new float[lanes];
            var derivative = new float[lanes];
            for (int start = 0; start < z.Length; start += lanes)
            {
                for (int k = 0; k < lanes; k++)
                {
                    lane[k] = z[Math.Min(start + k, z.Length - 1)];
                }

                Apply(lane, value, derivative);
                int count = Math.Min(lanes, z.Length - start);
                value.AsSpan(0, count).CopyTo(values.AsSpan(start));
                derivative.AsSpan(0, count).CopyTo(derivatives.AsSpan(start));
            }

            return (values, derivatives);
        }

        private void Apply(float[] z, float[] value, float[] derivative)
        {
            switch (z.Length)
            {
                case 1:
                    value[0] = Forward(z[0]);
                    derivative[0] = Derivative(z[0], value[0]);
                    break;
                case 4:
                {
                    Vector128<float> zv = Vector128.Create(z), av = Forward128(zv);
                    av.CopyTo(value);
                    Derivative128(zv, av).CopyTo(derivative);
                    break;
                }

                case 8:
                {
                    Vector256<float> zv = Vector256.Create(z), av = Forward256(zv);
                    av.CopyTo(value);
                    Derivative256(zv, av).CopyTo(derivative);
                    break;
                }

                case 16:
                {
                    Vector512<float> zv = Vector512.Create(z), av = Forward512(zv);
                    av.CopyTo(value);
                    Derivative512(zv, av).CopyTo(derivative);
                    break;
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(z), z.Length, "1, 4, 8 or 16 lanes");
            }
        }
    }
}
