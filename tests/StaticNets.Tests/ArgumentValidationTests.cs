using System;
using System.Text.RegularExpressions;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>
/// Wrong arguments are rejected before any state changes, with an exception that names the parameter and states both
/// the expected and the actual number. The network under test is <see cref="Widths1To7"/>: 17 inputs, 7 outputs, so
/// that expected and actual numbers are easy to tell apart in messages.
/// </summary>
public sealed class ArgumentValidationTests
{
    private const int MaxBatch = 4;

    private static Widths1To7 NewNetwork() => new(seed: 1, maxBatchSize: MaxBatch);

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(18)]
    [InlineData(34)]
    public void PredictRejectsInputOfWrongLength(int length)
    {
        Widths1To7 network = NewNetwork();
        float[] output = [1, 2, 3, 4, 5, 6, 7];

        var e = Assert.Throws<ArgumentException>(() => network.Predict(new float[length], output));

        AssertNames(e, "input", Widths1To7.InputSize, length);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], output);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(8)]
    public void PredictRejectsOutputOfWrongLength(int length)
    {
        Widths1To7 network = NewNetwork();

        var e = Assert.Throws<ArgumentException>(() => network.Predict(new float[Widths1To7.InputSize], new float[length]));

        AssertNames(e, "output", Widths1To7.OutputSize, length);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    [InlineData(35)]
    public void ForwardRejectsInputsThatAreNotWholeSamples(int length)
    {
        Widths1To7 network = NewNetwork();

        var e = Assert.Throws<ArgumentException>(() => network.Forward(new float[length], new float[Widths1To7.OutputSize]));

        AssertNames(e, "inputs", Widths1To7.InputSize, length);
    }

    [Fact]
    public void ForwardRejectsEmptyInputs()
    {
        Widths1To7 network = NewNetwork();

        var e = Assert.Throws<ArgumentException>(() => network.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty));

        AssertNames(e, "inputs", Widths1To7.InputSize, 0);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    [InlineData(7)]
    public void ForwardRejectsOutputsOfWrongLength(int length)
    {
        Widths1To7 network = NewNetwork();

        var e = Assert.Throws<ArgumentException>(() => network.Forward(new float[2 * Widths1To7.InputSize], new float[length]));

        AssertNames(e, "outputs", 2 * Widths1To7.OutputSize, length);
    }

    [Fact]
    public void ForwardRejectsBatchLargerThanMaxBatchSize()
    {
        Widths1To7 network = NewNetwork();
        const int batch = MaxBatch + 1;

        var e = Assert.Throws<ArgumentException>(() =>
            network.Forward(new float[batch * Widths1To7.InputSize], new float[batch * Widths1To7.OutputSize]));

        AssertNames(e, "inputs", MaxBatch, batch);
    }

    [Fact]
    public void ForwardAcceptsExactlyMaxBatchSize()
    {
        Widths1To7 network = NewNetwork();
        var outputs = new float[MaxBatch * Widths1To7.OutputSize];

        network.Forward(TestData.Uniform(new SeededRandom(1), MaxBatch * Widths1To7.InputSize), outputs);

        Assert.Contains(outputs, value => value != 0);
    }

    [Fact]
    public void TrainBatchRejectsBatchLargerThanMaxBatchSize()
    {
        Widths1To7 network = NewNetwork();
        const int batch = MaxBatch + 3;
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<ArgumentException>(() =>
            network.TrainBatch(new float[batch * Widths1To7.InputSize], new float[batch * Widths1To7.OutputSize]));

        AssertNames(e, "inputs", MaxBatch, batch);
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    [InlineData(0)]
    public void TrainBatchRejectsTargetsOfWrongLengthAndChangesNothing(int length)
    {
        Widths1To7 network = NewNetwork();
        float[] inputs = TestData.Uniform(new SeededRandom(2), 2 * Widths1To7.InputSize);
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs, new float[length]));

        AssertNames(e, "targets", 2 * Widths1To7.OutputSize, length);
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
        // No Forward happened either: Backward still has no batch.
        Assert.Throws<InvalidOperationException>(() => network.Backward(new float[2 * Widths1To7.OutputSize]));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    [InlineData(7)]
    public void BackwardRejectsTargetsOfWrongLength(int length)
    {
        Widths1To7 network = NewNetwork();
        network.Forward(TestData.Uniform(new SeededRandom(3), 2 * Widths1To7.InputSize), new float[2 * Widths1To7.OutputSize]);

        var e = Assert.Throws<ArgumentException>(() => network.Backward(new float[length]));

        AssertNames(e, "targets", 2 * Widths1To7.OutputSize, length);
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void BackwardBeforeAnyForwardThrowsInvalidOperation()
    {
        Widths1To7 network = NewNetwork();

        var e = Assert.Throws<InvalidOperationException>(() => network.Backward(new float[Widths1To7.OutputSize]));

        Assert.Contains("Forward", e.Message);
    }

    [Fact]
    public void BackwardAfterOnlyAFailedForwardThrowsInvalidOperation()
    {
        Widths1To7 network = NewNetwork();
        Assert.Throws<ArgumentException>(() => network.Forward(new float[Widths1To7.InputSize], new float[1]));

        Assert.Throws<InvalidOperationException>(() => network.Backward(new float[Widths1To7.OutputSize]));
    }

    [Fact]
    public void BackwardAfterPredictOnlyThrowsInvalidOperation()
    {
        Widths1To7 network = NewNetwork();
        network.Predict(new float[Widths1To7.InputSize], new float[Widths1To7.OutputSize]);

        Assert.Throws<InvalidOperationException>(() => network.Backward(new float[Widths1To7.OutputSize]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ConstructorRejectsMaxBatchSizeBelowOne(int maxBatchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Widths1To7(seed: 0, maxBatchSize: maxBatchSize));

        AssertNames(e, "maxBatchSize", 1, maxBatchSize);
        Assert.Equal(maxBatchSize, e.ActualValue);
    }

    [Theory]
    [InlineData(-0.5f)]
    [InlineData(-1e-30f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void LearningRateRejectsNegativeOrNonFiniteValues(float rate)
    {
        Widths1To7 network = NewNetwork();
        network.LearningRate = 0.25f;

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => network.LearningRate = rate);

        Assert.Equal("value", e.ParamName);
        Assert.Contains(rate.ToString(), e.Message);
        Assert.Contains("positive", e.Message);
        Assert.Equal(0.25f, network.LearningRate);
    }

    [Fact]
    public void LearningRateOfZeroIsAcceptedAndStepThenChangesNothing()
    {
        // A schedule may reach 0, so 0 is allowed; plain SGD then leaves the parameters as they are.
        Widths1To7 network = NewNetwork();
        network.LearningRate = 0f;
        float[] before = network.Parameters.ToArray();

        network.TrainBatch(TestData.Uniform(new SeededRandom(4), Widths1To7.InputSize), TestData.Uniform(new SeededRandom(5), Widths1To7.OutputSize));

        Assert.Equal(0f, network.LearningRate);
        Assert.Contains(network.Gradients.ToArray(), g => g != 0);
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
    }

    [Fact]
    public void LearningRateStartsAtTheDeclaredDefault()
    {
        Assert.Equal(0.5f, new XorNet().LearningRate);
        Assert.Equal(0.5f, XorNet.DefaultLearningRate);
        Assert.Equal(Widths1To7.DefaultLearningRate, new Widths1To7().LearningRate);
        Assert.True(Widths1To7.DefaultLearningRate > 0);
        Assert.Equal(NetworkAttribute.DefaultMaxBatchSize, new Widths1To7().MaxBatchSize);
        Assert.Equal(4, new XorNet().MaxBatchSize);
    }

    /// <summary>The parameter is named, and the message holds both numbers as whole words.</summary>
    private static void AssertNames(ArgumentException e, string parameter, int expected, int actual)
    {
        Assert.Equal(parameter, e.ParamName);
        Assert.Matches($@"(?<![\d-]){Regex.Escape(expected.ToString())}(?!\d)", e.Message);
        Assert.Matches($@"(?<![\d-]){Regex.Escape(actual.ToString())}(?!\d)", e.Message);
    }
}
