using System;
using StaticNets.Metrics;
using Xunit;

namespace StaticNets.Tests.Metrics;

public sealed class EvaluationTests
{
    [Theory]
    [InlineData(new[] { 0.1f, 0.7f, 0.2f }, 1)]
    [InlineData(new[] { -3f, -1f, -2f }, 1)]
    [InlineData(new[] { 5f }, 0)]
    [InlineData(new[] { 1f, 3f, 3f, 2f }, 1)]   // tie between 1 and 2: the lowest index
    [InlineData(new[] { 4f, 4f }, 0)]            // tie at the start
    [InlineData(new[] { 2f, 2f, 2f }, 0)]        // all equal
    [InlineData(new[] { 0f, -0f }, 0)]           // -0 == 0 is a tie, not a larger value
    public void ArgMaxReturnsTheLowestIndexOfTheLargestValue(float[] row, int expected)
    {
        Assert.Equal(expected, Evaluation.ArgMax(row));
    }

    [Theory]
    [InlineData(new[] { 1f, float.NaN, 5f }, 1)]
    [InlineData(new[] { float.NaN, 5f }, 0)]
    [InlineData(new[] { 1f, 2f, float.NaN, float.NaN }, 2)]
    public void ArgMaxPicksTheFirstNaNAsNumPyDoes(float[] row, int expected)
    {
        Assert.Equal(expected, Evaluation.ArgMax(row));
    }

    [Fact]
    public void ArgMaxRanksInfinitiesLikeNumbers()
    {
        Assert.Equal(2, Evaluation.ArgMax([float.NegativeInfinity, 1f, float.PositiveInfinity, float.PositiveInfinity]));
        Assert.Equal(1, Evaluation.ArgMax([float.NegativeInfinity, -1e30f]));
    }

    [Fact]
    public void ArgMaxOfAnEmptyRowIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.ArgMax([]));

        Assert.Equal("row", error.ParamName);
    }

    [Fact]
    public void AccuracyCountsRowsWhoseArgMaxIsTheLabel()
    {
        // 12 values for 4 labels → 3 classes. Argmaxes: 2, 0 (tie of 0 and 1), 1, 0. Labels 2, 1, 1, 0.
        // Right, wrong (the tie goes to 0), right, right: 3/4.
        float[] outputs =
        [
            0.1f, 0.2f, 0.7f,
            0.5f, 0.5f, 0.0f,
            -1f, 3f, 2f,
            9f, 8f, 7f,
        ];

        Assert.Equal(0.75, Evaluation.Accuracy(outputs, [2, 1, 1, 0]));
    }

    [Fact]
    public void AccuracyAgreesWithTheConfusionMatrix()
    {
        float[] outputs = [0.2f, 0.8f, 0.6f, 0.4f, 0.3f, 0.7f, 0.9f, 0.1f, 0.5f, 0.5f];
        int[] labels = [1, 1, 0, 0, 1];

        // Argmaxes 1, 0, 1, 0, 0 against labels 1, 1, 0, 0, 1: right, wrong, wrong, right, wrong = 2/5.
        Assert.Equal(0.4, Evaluation.Accuracy(outputs, labels));
        Assert.Equal(ConfusionMatrix.FromOutputs(outputs, labels, 2).Accuracy, Evaluation.Accuracy(outputs, labels));
    }

    [Fact]
    public void AccuracyRejectsOutputsThatAreNotAWholeRowPerLabel()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(new float[7], [0, 1]));

        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("length 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("multiple of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccuracyRejectsEmptyOutputsAndEmptyLabels()
    {
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Evaluation.Accuracy([], [0])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(new float[3], [])).ParamName);
    }

    [Fact]
    public void AccuracyRejectsALabelOutsideTheClassesTheOutputsImply()
    {
        // 6 values for 2 labels → 3 classes, so label 3 is out of range.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Accuracy(new float[6], [0, 3]));

        Assert.Equal("labels", error.ParamName);
        Assert.Equal(3, error.ActualValue);
        Assert.Contains("labels[1] is 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictRunsTheNetworkOnEverySample()
    {
        MetricsLinearNet network = KnownLinearNet();

        // outputs = (x0, x1, 0.5): see KnownLinearNet.
        //   (1, 0)     → (1, 0, 0.5)     → 0
        //   (0, 1)     → (0, 1, 0.5)     → 1
        //   (0, 0)     → (0, 0, 0.5)     → 2
        //   (0.3, 0.3) → (0.3, 0.3, 0.5) → 2
        //   (2, 2)     → (2, 2, 0.5)     → 0, the tie goes to the lowest index
        //   (-1, 3)    → (-1, 3, 0.5)    → 1
        float[] inputs = [1, 0, 0, 1, 0, 0, 0.3f, 0.3f, 2, 2, -1, 3];

        Assert.Equal([0, 1, 2, 2, 0, 1], Evaluation.Predict(network, inputs));
    }

    [Fact]
    public void PredictIntoASpanWritesEveryEntry()
    {
        MetricsLinearNet network = KnownLinearNet();
        int[] predictions = [-7, -7];

        Evaluation.Predict(network, [0, 1, 1, 0], predictions.AsSpan());

        Assert.Equal([1, 0], predictions);
    }

    [Fact]
    public void EvaluateCountsTheNetworksPredictionsAgainstTheLabels()
    {
        MetricsLinearNet network = KnownLinearNet();
        // The six samples of PredictRunsTheNetworkOnEverySample, predicted 0, 1, 2, 2, 0, 1.
        float[] inputs = [1, 0, 0, 1, 0, 0, 0.3f, 0.3f, 2, 2, -1, 3];
        int[] labels = [0, 1, 2, 0, 1, 1];

        ConfusionMatrix matrix = Evaluation.Evaluate(network, inputs, labels, ["x0", "x1", "bias"]);

        // Pairs (label, prediction): (0,0) (1,1) (2,2) (0,2) (1,0) (1,1) → rows (1 0 1), (1 2 0), (0 0 1).
        Assert.Equal(3, matrix.ClassCount);
        Assert.Equal(["x0", "x1", "bias"], matrix.ClassNames);
        int[,] expected = { { 1, 0, 1 }, { 1, 2, 0 }, { 0, 0, 1 } };
        for (int label = 0; label < 3; label++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
            {
                Assert.Equal(expected[label, predicted], matrix[label, predicted]);
            }
        }

        // (1 + 2 + 1) / 6
        Assert.Equal(4.0 / 6, matrix.Accuracy, 1e-12);
    }

    [Fact]
    public void EvaluateLeavesTheNetworkUnchanged()
    {
        MetricsLinearNet network = KnownLinearNet();
        float[] before = network.Parameters.ToArray();
        int steps = network.StepCount;

        Evaluation.Evaluate(network, [1, 0, 0, 1], [0, 1]);

        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(steps, network.StepCount);
    }

    [Fact]
    public void EvaluateRejectsInputsThatAreNotWholeSamples()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.Evaluate(KnownLinearNet(), new float[3], [0]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("samples of 2 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("length is 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateRejectsALabelCountThatIsNotOnePerSample()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.Evaluate(KnownLinearNet(), new float[4], [0, 1, 2]));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("length of 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("length is 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateRejectsALabelBeyondTheNetworksOutputs()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Evaluate(KnownLinearNet(), new float[4], [0, 3]));

        Assert.Equal("labels", error.ParamName);
        Assert.Equal(3, error.ActualValue);
    }

    [Fact]
    public void PredictRejectsASpanOfTheWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.Predict(KnownLinearNet(), new float[4], new int[3].AsSpan()));

        Assert.Equal("predictions", error.ParamName);
    }

    [Fact]
    public void ANetworkWithASingleOutputCannotBeEvaluatedByArgMax()
    {
        var network = new MetricsSingleOutputNet(seed: 1);

        var error = Assert.Throws<ArgumentException>(() => Evaluation.Evaluate(network, new float[4], [0, 0]));

        Assert.Equal("network", error.ParamName);
        Assert.Contains(nameof(MetricsSingleOutputNet), error.Message, StringComparison.Ordinal);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => Evaluation.Predict(network, new float[4])).ParamName);
    }

    [Fact]
    public void ANullNetworkIsRejected()
    {
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => Evaluation.Evaluate<MetricsLinearNet>(null!, new float[2], [0])).ParamName);
    }

    /// <summary>
    /// outputs = x·W + b with W = [[1, 0, 0], [0, 1, 0]] (input-major, as <see cref="INetwork"/> lays it out) and
    /// b = (0, 0, 0.5), i.e. outputs = (x0, x1, 0.5).
    /// </summary>
    private static MetricsLinearNet KnownLinearNet()
    {
        var network = new MetricsLinearNet(seed: 1);
        float[] parameters =
        [
            1, 0, 0,   // weights leaving input 0
            0, 1, 0,   // weights leaving input 1
            0, 0, 0.5f, // biases
        ];
        parameters.CopyTo(network.Parameters);
        return network;
    }
}
