using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Kernels;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Kernels;

/// <summary>
/// <see cref="DenseKernels.ForwardTile"/> at every width against sums in double, over output counts on either side of
/// every vector width and of a block of four vectors, with one panel and with several.
/// </summary>
public sealed class DenseKernelTests
{
    /// <summary>Floats readable past each array's end, for the tail's whole-vector loads: NaN, so a read that reached a stored value would show.</summary>
    private const int Padding = 16;

    /// <summary>A float sum of at most 40 products against the double sum, relative to the sum of the terms' magnitudes.</summary>
    private const double SumTolerance = 1e-6;

    /// <summary>An activation of the float sum, at a vector width against the scalar operator: a few ulps of the result.</summary>
    private const double ActivationTolerance = 1e-6;

    public static IEnumerable<object[]> Shapes()
    {
        foreach (int inputs in new[] { 1, 7, 40 })
        {
            foreach (int outputs in new[] { 1, 3, 4, 5, 8, 10, 15, 16, 17, 31, 33, 64, 65, 70 })
            {
                yield return [inputs, outputs];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardTileGivesTheSumsAndActivationsAtEveryWidth(int inputs, int outputs)
    {
        Check<Float1, ReLUActivation>(inputs, outputs, default, ReLUOperator.Forward);
        Check<Float128, TanhActivation>(inputs, outputs, default, TanhOperator.Forward);
        Check<Float256, LeakyReLUActivation>(inputs, outputs, new LeakyReLUActivation(0.1f), z => LeakyReLUOperator.Forward(z, 0.1f));
        Check<Float512, ReLUActivation>(inputs, outputs, default, ReLUOperator.Forward);
        Check<Float512, SigmoidActivation>(inputs, outputs, default, SigmoidOperator.Forward);
    }

    private static void Check<TV, TActivation>(int inputs, int outputs, TActivation activation, Func<float, float> scalar)
        where TV : struct, IFloatVector<TV>
        where TActivation : struct, IActivation
    {
        const int samples = DenseKernels.SampleTile;
        var random = new Random(inputs * 100 + outputs);
        float[] x = Padded(random, samples * inputs);
        float[] w = Padded(random, inputs * outputs);
        float[] b = Padded(random, outputs);

        float[] z = Nan(samples * outputs + Padding), a = Nan(samples * outputs + Padding);
        DenseKernels.ForwardTile<TV, TActivation>(ref x[0], inputs, ref w[0], outputs, ref b[0], ref z[0], ref a[0], 0, inputs, true, true, activation);

        string where = $"{typeof(TV).Name}, {inputs} → {outputs}";
        for (int s = 0; s < samples; s++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double sum = b[o], magnitude = Math.Abs(b[o]);
                for (int i = 0; i < inputs; i++)
                {
                    sum += (double)x[s * inputs + i] * w[i * outputs + o];
                    magnitude += Math.Abs((double)x[s * inputs + i] * w[i * outputs + o]);
                }

                float zk = z[s * outputs + o];
                Assert.True(Math.Abs(zk - sum) <= SumTolerance * magnitude, $"{where}: z[{s}, {o}] = {zk}, expected {sum}");
                float expected = scalar(zk);
                float ak = a[s * outputs + o];
                Assert.True(Math.Abs(ak - expected) <= ActivationTolerance * Math.Max(1, Math.Abs(expected)), $"{where}: a[{s}, {o}] = {ak}, expected {expected}");
            }
        }

        Assert.All(z[(samples * outputs)..], v => Assert.True(float.IsNaN(v), $"{where}: written past the last row of z"));
        Assert.All(a[(samples * outputs)..], v => Assert.True(float.IsNaN(v), $"{where}: written past the last row of a"));

        // Panels: the rows of W in three parts, Z holding the sums between them, gives the same bits as one pass.
        float[] z3 = Nan(z.Length), a3 = Nan(a.Length);
        int[] bounds = [0, inputs / 3, 2 * inputs / 3, inputs];
        for (int p = 0; p < 3; p++)
        {
            DenseKernels.ForwardTile<TV, TActivation>(ref x[0], inputs, ref w[0], outputs, ref b[0], ref z3[0], ref a3[0],
                bounds[p], bounds[p + 1], p == 0, p == 2, activation);
        }

        Assert.Equal(Bits(z, samples * outputs), Bits(z3, samples * outputs));
        Assert.Equal(Bits(a, samples * outputs), Bits(a3, samples * outputs));
    }

    /// <summary>Uniform values in [−1, 1), then <see cref="Padding"/> NaNs.</summary>
    private static float[] Padded(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).Concat(Enumerable.Repeat(float.NaN, Padding)).ToArray();

    private static float[] Nan(int count) => Enumerable.Repeat(float.NaN, count).ToArray();

    private static int[] Bits(float[] values, int count) => values.Take(count).Select(BitConverter.SingleToInt32Bits).ToArray();
}
