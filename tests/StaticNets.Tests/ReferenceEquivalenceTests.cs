using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Reference;
using StaticNets.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNets.Tests;

/// <summary>
/// Generated SIMD code against <see cref="ReferenceNetwork"/> in float, on layer widths 1 to 49 and wider, so that every
/// vector body and exact tail runs.
/// </summary>
/// <remarks>
/// Only the widest accelerated branch runs in one process. scripts/test-widths.sh, which CI runs, runs the suite again
/// with <c>DOTNET_EnableAVX512=0</c> (Vector256), <c>DOTNET_PreferredVectorBitWidth=128</c> (Vector128) and
/// <c>DOTNET_EnableHWIntrinsic=0</c> (the scalar fallback).
/// </remarks>
public sealed class ReferenceEquivalenceTests(ITestOutputHelper output)
{
    /// <summary>Largest width the tests must cover: 3 · 16 + 1, with 16 floats in a Vector512.</summary>
    private const int LargestCoveredWidth = 3 * 16 + 1;

    /// <summary>Seed of the networks' initial parameters.</summary>
    private const int NetworkSeed = 11;

    /// <summary>Samples per batch in the batched checks.</summary>
    private const int Batch = 5;

    /// <summary>
    /// Generated outputs vs the double reference. Each z is a float dot product (ε = 1.2e-7) of up to 16400 terms, and
    /// seven layers compound the rounding. Most outputs agree to ~1e-6; the observed worst case, 2.2e-5, is a Widths8To14
    /// output near 0.01 that is a cancelling sum (perturbing every parameter by one ulp alone moves it by 4.5e-6).
    /// The tolerance leaves ~5× headroom; a wrong weight, bias, tail or activation gives errors of 1e-2 or more.
    /// </summary>
    private const double FloatTolerance = 1e-4;

    /// <summary>Outputs smaller than this are compared absolutely: their rounding error is set by the larger terms.</summary>
    private const double OutputFloor = 1e-2;

    /// <summary>
    /// Generated gradients vs the double reference gradient. The same float rounding as <see cref="FloatTolerance"/>,
    /// through a forward and a backward pass; observed worst case 6.3e-5 (HugeHidden, 16400-term sums). ~8× headroom.
    /// </summary>
    private const double GradientTolerance = 5e-4;

    /// <summary>
    /// A gradient smaller than this fraction of the largest gradient of its layer is compared absolutely against that
    /// fraction: its error is set by the size of the terms it sums, not by the cancelled total.
    /// </summary>
    private const double GradientFloorFraction = 1e-2;

    /// <summary>
    /// Two Backward passes vs twice one pass: the same float sums, started from a different value, so they differ by
    /// a few ε (1.2e-7) relative to the terms summed; observed worst case 1.4e-6.
    /// </summary>
    private const double AccumulationTolerance = 1e-5;

    /// <summary>Generated loss vs reference loss, relative; a float mean over a few hundred terms.</summary>
    private const double LossTolerance = 1e-5;

    [Fact]
    public void EveryWidthFrom1To49IsALayerOutputAndALayerInput()
    {
        var outputs = new HashSet<int>();
        var inputs = new HashSet<int>();
        int widestLaterLayer = 0;
        foreach (NetworkCase network in TestNetworks.Widths)
        {
            int[] sizes = network.Sizes;
            inputs.UnionWith(sizes[..^1]);
            outputs.UnionWith(sizes[1..]);
            widestLaterLayer = Math.Max(widestLaterLayer, sizes[2..].Max());
        }

        int[] missingOutputs = Enumerable.Range(1, LargestCoveredWidth).Where(w => !outputs.Contains(w)).ToArray();
        int[] missingInputs = Enumerable.Range(1, LargestCoveredWidth).Where(w => !inputs.Contains(w)).ToArray();
        Assert.True(missingOutputs.Length == 0, $"no layer has these output widths: {string.Join(", ", missingOutputs)}");
        Assert.True(missingInputs.Length == 0, $"no layer has these input widths: {string.Join(", ", missingInputs)}");
        // Longer than 8 full Vector512s: elementwise passes loop; on a layer after the first, so does the dot product
        // that computes its input gradient.
        Assert.True(widestLaterLayer > 8 * 16, $"the widest layer after the first has only {widestLaterLayer} outputs");
        Assert.Contains(inputs, w => w > 16); // forward input loop not unrolled
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllNames), MemberType = typeof(TestNetworks))]
    public void GeneratedShapeMatchesDeclaredAttributes(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        ReferenceNetwork reference = network.CreateReference();

        Assert.Equal(reference.InputSize, network.InputSize);
        Assert.Equal(reference.OutputSize, network.OutputSize);
        Assert.Equal(reference.ParameterCount, network.ParameterCount);
        INetwork generated = network.Create(NetworkSeed, maxBatchSize: 2);
        Assert.Equal(network.ParameterCount, generated.Parameters.Length);
        Assert.Equal(network.ParameterCount, generated.Gradients.Length);
        Assert.Equal(2, generated.MaxBatchSize);
    }

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void PredictMatchesReference(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(NetworkSeed, maxBatchSize: Batch);
        ReferenceNetwork reference = network.CreateReference();
        double[] parameters = TestData.ToDouble(generated.Parameters);
        float[] inputs = TestData.Uniform(new SeededRandom(1), Batch * network.InputSize);

        var actual = new float[network.OutputSize];
        var expected = new double[network.OutputSize];
        double worst = 0;
        for (int s = 0; s < Batch; s++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(s * network.InputSize, network.InputSize);
            generated.Predict(x, actual);
            reference.Predict(parameters, TestData.ToDouble(x), expected);
            worst = Math.Max(worst, AssertOutputsClose(actual, expected, $"sample {s}"));
        }

        output.WriteLine($"worst relative error {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void ForwardMatchesReference(string name) =>
        AssertBatchMatchesReference(name, inputSeed: 2, static (network, inputs, outputs) => network.Forward(inputs.Span, outputs.Span));

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void PredictBatchMatchesReference(string name)
    {
        // PredictBatch runs the batch kernels sample tile by sample tile (Forward runs the input chunks of wide layers).
        Type[] signature = [typeof(ReadOnlyMemory<float>), typeof(Memory<float>)];
        AssertBatchMatchesReference(name, inputSeed: 3, (network, inputs, outputs) =>
            network.GetType().GetMethod("PredictBatch", signature)!.Invoke(network, [inputs, outputs]));
    }

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void BackwardMatchesReferenceGradient(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(NetworkSeed, maxBatchSize: Batch);
        ReferenceNetwork reference = network.CreateReference();
        double[] parameters = TestData.ToDouble(generated.Parameters);
        var random = new SeededRandom(3);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);

        generated.ZeroGradients();
        generated.Forward(inputs, new float[Batch * network.OutputSize]);
        float loss = generated.Backward(targets);
        var expected = new double[network.ParameterCount];
        double expectedLoss = reference.LossAndGradient(parameters, TestData.ToDouble(inputs), TestData.ToDouble(targets), expected);

        double lossError = Math.Abs(loss - expectedLoss) / Math.Max(1, Math.Abs(expectedLoss));
        Assert.True(lossError <= LossTolerance, $"loss {loss:R} vs reference {expectedLoss:R}: relative error {lossError:E2}");

        ReadOnlySpan<float> actual = generated.Gradients;
        int[] sizes = network.Sizes;
        double worst = 0;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            int start = network.WeightsOffset(l), count = sizes[l] * sizes[l + 1] + sizes[l + 1];
            double largest = 0;
            for (int k = start; k < start + count; k++)
            {
                largest = Math.Max(largest, Math.Abs(expected[k]));
            }

            double floor = Math.Max(largest * GradientFloorFraction, 1e-30);
            for (int k = start; k < start + count; k++)
            {
                double error = Math.Abs(actual[k] - expected[k]) / Math.Max(Math.Abs(expected[k]), floor);
                worst = Math.Max(worst, error);
                Assert.True(error <= GradientTolerance,
                    $"layer {l + 1}, parameter {k}: gradient {actual[k]:R}, reference {expected[k]:R}, relative error {error:E2} > {GradientTolerance:E0}");
            }
        }

        output.WriteLine($"worst gradient relative error {worst:E2}");
        Assert.Contains(expected, g => g != 0); // the comparison is not vacuous
    }

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void TrainBatchEqualsZeroGradientsForwardBackwardStep(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork trained = network.Create(NetworkSeed, maxBatchSize: Batch);
        INetwork stepped = network.Create(NetworkSeed, maxBatchSize: Batch);
        var random = new SeededRandom(4);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);
        float[] before = trained.Parameters.ToArray();

        // Leave stale gradients in both, to show that TrainBatch clears them.
        trained.Forward(inputs, new float[Batch * network.OutputSize]);
        trained.Backward(targets);
        stepped.Forward(inputs, new float[Batch * network.OutputSize]);
        stepped.Backward(targets);

        float trainLoss = trained.TrainBatch(inputs, targets);
        stepped.ZeroGradients();
        stepped.Forward(inputs, new float[Batch * network.OutputSize]);
        float stepLoss = stepped.Backward(targets);
        stepped.Step();

        Assert.Equal(BitConverter.SingleToInt32Bits(stepLoss), BitConverter.SingleToInt32Bits(trainLoss));
        Assert.Equal(TestData.Bits(stepped.Parameters), TestData.Bits(trained.Parameters));
        Assert.Equal(TestData.Bits(stepped.Gradients), TestData.Bits(trained.Gradients));
        Assert.NotEqual(TestData.Bits(before), TestData.Bits(trained.Parameters));
    }

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void StepSubtractsLearningRateTimesGradient(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(NetworkSeed, maxBatchSize: Batch);
        var random = new SeededRandom(5);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);
        generated.LearningRate = 0.37f;
        generated.ZeroGradients();
        generated.Forward(inputs, new float[Batch * network.OutputSize]);
        generated.Backward(targets);
        float[] before = generated.Parameters.ToArray();
        float[] gradient = generated.Gradients.ToArray();

        generated.Step();

        ReadOnlySpan<float> after = generated.Parameters;
        for (int k = 0; k < before.Length; k++)
        {
            // p − lr·g: the product is exact in double and the difference is rounded to double, then to float, so
            // this differs from the single rounding of a fused multiply-add by at most one float ulp.
            float expected = (float)(before[k] - 0.37f * (double)gradient[k]);
            float ulp = MathF.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(after[k] - expected) <= ulp,
                $"parameter {k}: {before[k]:R} - 0.37 · {gradient[k]:R} should be {expected:R}, but is {after[k]:R}");
        }

        Assert.Equal(TestData.Bits(gradient), TestData.Bits(generated.Gradients)); // Step does not clear gradients
    }

    [Theory]
    [MemberData(nameof(TestNetworks.WidthNames), MemberType = typeof(TestNetworks))]
    public void BackwardAccumulatesUntilZeroGradients(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(NetworkSeed, maxBatchSize: Batch);
        var random = new SeededRandom(6);
        float[] inputs = TestData.Uniform(random, Batch * network.InputSize);
        float[] targets = TestData.Targets(random, network.Loss, Batch, network.OutputSize);

        generated.ZeroGradients();
        generated.Forward(inputs, new float[Batch * network.OutputSize]);
        generated.Backward(targets);
        float[] once = generated.Gradients.ToArray();
        generated.Backward(targets); // the same batch again: gradients add up
        float[] twice = generated.Gradients.ToArray();
        generated.ZeroGradients();

        // The second pass starts its sums from the first pass's values, so rounding differs from 2·g by a few ulps.
        float largest = once.Max(Math.Abs);
        double worst = 0;
        for (int k = 0; k < once.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(twice[k] - 2 * once[k]) / Math.Max(Math.Abs(2 * once[k]), largest * GradientFloorFraction));
            Assert.True(Math.Abs(twice[k] - 2 * once[k]) <= AccumulationTolerance * Math.Max(Math.Abs(2 * once[k]), largest * GradientFloorFraction),
                $"parameter {k}: one Backward gives {once[k]:R}, two give {twice[k]:R}, not twice as much");
        }

        output.WriteLine($"worst relative error {worst:E2}");
        Assert.All(generated.Gradients.ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(once, g => g != 0);
    }

    /// <summary>Runs a batch of inputs through a network into outputs (Forward, PredictBatch).</summary>
    private delegate void BatchRun(INetwork network, ReadOnlyMemory<float> inputs, Memory<float> outputs);

    /// <summary>
    /// Runs a full batch, then a smaller one (so that a stale row of the workspace would show), through
    /// <paramref name="run"/> and compares every sample's outputs with the double-precision reference.
    /// </summary>
    private void AssertBatchMatchesReference(string name, ulong inputSeed, BatchRun run)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(NetworkSeed, maxBatchSize: Batch);
        ReferenceNetwork reference = network.CreateReference();
        double[] parameters = TestData.ToDouble(generated.Parameters);
        float[] inputs = TestData.Uniform(new SeededRandom(inputSeed), Batch * network.InputSize);
        double worst = 0;
        foreach (int batch in new[] { Batch, 2 })
        {
            var outputs = new float[batch * network.OutputSize];
            run(generated, inputs.AsMemory(0, batch * network.InputSize), outputs);
            var expected = new double[network.OutputSize];
            for (int s = 0; s < batch; s++)
            {
                reference.Predict(parameters, TestData.ToDouble(inputs.AsSpan(s * network.InputSize, network.InputSize)), expected);
                worst = Math.Max(worst, AssertOutputsClose(outputs.AsSpan(s * network.OutputSize, network.OutputSize), expected, $"batch {batch}, sample {s}"));
            }
        }

        output.WriteLine($"worst relative error {worst:E2}");
    }

    /// <summary>Asserts outputs are close and returns the worst relative error.</summary>
    private static double AssertOutputsClose(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, string where)
    {
        double worst = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.False(float.IsNaN(actual[k]) || float.IsInfinity(actual[k]), $"{where}, output {k} is {actual[k]}");
            double error = Math.Abs(actual[k] - expected[k]) / Math.Max(Math.Abs(expected[k]), OutputFloor);
            worst = Math.Max(worst, error);
            Assert.True(error <= FloatTolerance,
                $"{where}, output {k}: generated {actual[k]:R}, reference {expected[k]:R}, relative error {error:E2} > {FloatTolerance:E0}");
        }

        return worst;
    }
}
