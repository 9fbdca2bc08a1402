using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests.PyTorch;

/// <summary>
/// Compares StaticNets' float32 results with PyTorch reference values the way Reference/README.md recommends:
/// <c>|a − b| ≤ tol · max(|b|, scale)</c>. The error it records for each element is <c>|a − b| / max(|b|, scale)</c>, the
/// "relative error" of the reports, so an element passes when its error is at most the tolerance. Every comparison is
/// grouped under a quantity name ("loss", "gradients", ...); the meter keeps the worst error of each quantity, where
/// it occurred, and the first failures, and only asserts at the end so that one run shows every problem.
/// </summary>
public sealed class ErrorMeter
{
    private const int MaxFailuresShown = 12;

    private readonly Dictionary<string, Worst> _worst = new();
    private readonly List<string> _failures = new();
    private int _failureCount;

    /// <summary>The worst error of one quantity and where it occurred.</summary>
    public readonly record struct Worst(double Error, string Where);

    /// <summary>The worst error of every quantity compared so far, in first-compared order.</summary>
    public IReadOnlyDictionary<string, Worst> WorstByQuantity => _worst;

    /// <summary>
    /// Compares one number with a reference, relative to the reference itself (scale 0: a reference of exactly 0 needs
    /// exactly 0).
    /// </summary>
    public void Scalar(string quantity, string where, double actual, double expected, double tolerance) =>
        Record(quantity, where, actual, expected, scale: 0, tolerance);

    /// <summary>
    /// Compares a vector elementwise. <paramref name="scale"/> defaults to the largest |expected| of the vector, the
    /// README's recommendation for gradients and activations; pass 1 for parameters.
    /// </summary>
    public void Vector(string quantity, string where, ReadOnlySpan<float> actual, IReadOnlyList<double> expected, double tolerance, double? scale = null)
    {
        if (actual.Length != expected.Count)
        {
            Fail($"{where} {quantity}: {actual.Length} values, the reference has {expected.Count}");
            return;
        }

        double s = scale ?? expected.Max(Math.Abs);
        for (int k = 0; k < actual.Length; k++)
        {
            Record(quantity, $"{where} [{k}]", actual[k], expected[k], s, tolerance);
        }
    }

    /// <summary>Compares values computed in double (or float widened to double) elementwise; see <see cref="Vector(string, string, ReadOnlySpan{float}, IReadOnlyList{double}, double, double?)"/>.</summary>
    public void Vector(string quantity, string where, IReadOnlyList<double> actual, IReadOnlyList<double> expected, double tolerance, double? scale = null)
    {
        if (actual.Count != expected.Count)
        {
            Fail($"{where} {quantity}: {actual.Count} values, the reference has {expected.Count}");
            return;
        }

        double s = scale ?? expected.Max(Math.Abs);
        for (int k = 0; k < actual.Count; k++)
        {
            Record(quantity, $"{where} [{k}]", actual[k], expected[k], s, tolerance);
        }
    }

    /// <summary>Records a failure that is not a numeric comparison (a missing network, a wrong declaration).</summary>
    public void Fail(string message)
    {
        _failureCount++;
        if (_failures.Count < MaxFailuresShown)
        {
            _failures.Add(message);
        }
    }

    /// <summary>Adds every quantity of <paramref name="other"/> under <paramref name="prefix"/> (for summaries over many cases).</summary>
    public void Absorb(string prefix, ErrorMeter other)
    {
        foreach ((string quantity, Worst worst) in other._worst)
        {
            Keep(prefix + quantity, worst);
        }

        foreach (string failure in other._failures)
        {
            Fail(failure);
        }

        _failureCount += other._failureCount - other._failures.Count;
    }

    /// <summary>Writes one line per quantity: its worst error and where it occurred.</summary>
    public void Report(ITestOutputHelper output, string title)
    {
        output.WriteLine(title);
        int width = _worst.Keys.Select(key => key.Length).DefaultIfEmpty(0).Max();
        foreach ((string quantity, Worst worst) in _worst)
        {
            output.WriteLine($"  {quantity.PadRight(width)}  worst error {Format(worst.Error)}  at {worst.Where}");
        }
    }

    /// <summary>Fails the test, listing the first failures, if any comparison failed.</summary>
    public void AssertNoFailures()
    {
        if (_failureCount == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine($"{_failureCount} comparison(s) with the PyTorch reference failed; the first:");
        foreach (string failure in _failures)
        {
            message.AppendLine("  " + failure);
        }

        Assert.Fail(message.ToString());
    }

    public static string Format(double error) => error.ToString("0.00E+00", CultureInfo.InvariantCulture);

    private void Record(string quantity, string where, double actual, double expected, double scale, double tolerance)
    {
        double denominator = Math.Max(Math.Abs(expected), scale);
        double difference = Math.Abs(actual - expected);
        double error = difference == 0 ? 0 : denominator > 0 ? difference / denominator : double.PositiveInfinity;
        if (double.IsNaN(error))
        {
            error = double.PositiveInfinity; // NaN or infinite results never pass
        }

        Keep(quantity, new Worst(error, where));
        if (!(error <= tolerance))
        {
            Fail($"{where} {quantity}: got {actual.ToString("R", CultureInfo.InvariantCulture)}, torch {expected.ToString("R", CultureInfo.InvariantCulture)}, error {Format(error)} > {Format(tolerance)}");
        }
    }

    private void Keep(string quantity, Worst candidate)
    {
        if (!_worst.TryGetValue(quantity, out Worst current) || candidate.Error > current.Error)
        {
            _worst[quantity] = candidate;
        }
    }
}
