using System;
using System.Collections.Generic;
using StaticNets.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests;

/// <summary>
/// Generated constructors initialise ReLU-family layers (ReLU, LeakyReLU, ELU) with He normal, N(0, 2 / fanIn), every
/// other layer with Glorot uniform, U(-r, r) with r = √(6 / (fanIn + fanOut)), and every bias with zero.
/// </summary>
public sealed class InitializationTests(ITestOutputHelper output)
{
    /// <summary>
    /// Bounds are this many standard errors of the statistic: with a fixed seed the test is deterministic, and at
    /// 5 standard errors a correct initialiser would fail for fewer than 1 seed in a million.
    /// </summary>
    private const double StandardErrors = 5;

    /// <summary>Layers with fewer weights than this are skipped: their sample moments say too little.</summary>
    private const int MinimumWeights = 400;

    /// <summary>Kurtosis E[w⁴] / E[w²]² of a normal distribution (He).</summary>
    private const double NormalKurtosis = 3.0;

    /// <summary>Kurtosis of a uniform distribution (Glorot): 9/5.</summary>
    private const double UniformKurtosis = 1.8;

    /// <summary>n · Var(sample kurtosis) for a normal distribution: 24 (the textbook asymptotic value).</summary>
    private const double NormalKurtosisVariance = 24;

    /// <summary>
    /// n · Var(sample kurtosis) for a uniform distribution, by the delta method on m4 / m2² with the uniform moments
    /// μ2 = 1/3, μ4 = 1/5, μ6 = 1/7, μ8 = 1/9 (of U(-1, 1)): 5.76 − 14.81 + 10.37 ≈ 1.32.
    /// </summary>
    private const double UniformKurtosisVariance = 1.32;

    public static TheoryData<string, int> Layers()
    {
        var data = new TheoryData<string, int>();
        foreach (NetworkCase network in TestNetworks.All)
        {
            int[] sizes = network.Sizes;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                if (sizes[l] * sizes[l + 1] >= MinimumWeights)
                {
                    data.Add(network.Name, l + 1);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerWeightsFollowTheirInitializer(string name, int layer)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(seed: 0, maxBatchSize: 1);
        int[] sizes = network.Sizes;
        int fanIn = sizes[layer - 1], fanOut = sizes[layer];
        Activation activation = network.Layers[layer - 1].Activation;
        bool he = activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU;
        ReadOnlySpan<float> weights = generated.Parameters.Slice(network.WeightsOffset(layer - 1), fanIn * fanOut);

        double n = weights.Length, sum = 0, sum2 = 0, sum4 = 0, largest = 0;
        foreach (float w in weights)
        {
            sum += w;
            sum2 += (double)w * w;
            sum4 += (double)w * w * w * w;
            largest = Math.Max(largest, Math.Abs(w));
        }

        double mean = sum / n;
        double std = Math.Sqrt(sum2 / n);
        double kurtosis = sum4 / n / (sum2 / n * (sum2 / n));
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        double expectedStd = he ? Math.Sqrt(2.0 / fanIn) : limit / Math.Sqrt(3);
        double expectedKurtosis = he ? NormalKurtosis : UniformKurtosis;
        // Standard error of the sample deviation: σ·√(κ - 1) / (2√n); of the sample kurtosis: √(V / n).
        double stdBound = StandardErrors * expectedStd * Math.Sqrt(expectedKurtosis - 1) / (2 * Math.Sqrt(n));
        double kurtosisBound = StandardErrors * Math.Sqrt((he ? NormalKurtosisVariance : UniformKurtosisVariance) / n);
        output.WriteLine($"{(he ? "He" : "Glorot")} {fanIn}x{fanOut}: std {std:F5} (expected {expectedStd:F5} ± {stdBound:F5}), " +
            $"kurtosis {kurtosis:F3} (expected {expectedKurtosis} ± {kurtosisBound:F3}), mean {mean:E2}, max |w| {largest:F4} (limit {limit:F4})");

        Assert.InRange(std, expectedStd - stdBound, expectedStd + stdBound);
        Assert.InRange(mean, -StandardErrors * expectedStd / Math.Sqrt(n), StandardErrors * expectedStd / Math.Sqrt(n));
        Assert.InRange(kurtosis, expectedKurtosis - kurtosisBound, expectedKurtosis + kurtosisBound);
        if (he)
        {
            // A normal sample of this size surely has weights beyond the Glorot limit (≥ 1.2σ here); a uniform one cannot.
            Assert.True(largest > limit, $"no He weight exceeds {limit}: the weights look uniform, not normal");
        }
        else
        {
            Assert.True(largest <= limit, $"a Glorot weight {largest} exceeds the limit {limit}");
        }
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllNames), MemberType = typeof(TestNetworks))]
    public void BiasesStartAtZeroAndWeightsDoNot(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(seed: 0, maxBatchSize: 1);
        int[] sizes = network.Sizes;
        var nonZeroBiases = new List<int>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            int weights = network.WeightsOffset(l), biases = weights + sizes[l] * sizes[l + 1];
            for (int k = biases; k < biases + sizes[l + 1]; k++)
            {
                if (BitConverter.SingleToInt32Bits(generated.Parameters[k]) != 0)
                {
                    nonZeroBiases.Add(k);
                }
            }

            int zeroWeights = 0;
            for (int k = weights; k < biases; k++)
            {
                zeroWeights += generated.Parameters[k] == 0 ? 1 : 0;
            }

            Assert.True(zeroWeights <= 1, $"layer {l + 1} has {zeroWeights} zero weights; initialisation did not reach them");
        }

        Assert.Empty(nonZeroBiases);
        Assert.All(generated.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }
}
