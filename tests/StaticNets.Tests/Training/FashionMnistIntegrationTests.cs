using System.IO;
using StaticNets.Data;
using StaticNets.Metrics;
using StaticNets.Training;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>The reference MLP of the main job, for the integration test.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.005f, MaxBatchSize = 1000)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class IntegrationFashionMlp;

/// <summary>The reference CNN of the main job's <c>--model cnn</c>, for the integration test.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 500)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class IntegrationFashionCnn;

public sealed class FashionMnistIntegrationTests
{
    // Chance is 0.1 on ten balanced classes, and a linear model on raw pixels gets about 0.8 on Fashion-MNIST. One epoch
    // of the MLP over 5,000 real images must clear 0.7: far above chance, and failed by any broken forward, backward
    // or optimizer, with room for other seeds and machines.
    private const double MinimumAccuracy = 0.7;

    [Fact]
    public void OneEpochOnRealFashionMnistIsFarAboveChance()
    {
        Assert.True(
            Directory.Exists(FashionMnist.DefaultDirectory),
            $"{FashionMnist.DefaultDirectory} is missing: install it with 'apt-get install dataset-fashion-mnist' (.ci/run does).");
        TrainTestData data = FashionMnist.Load();
        Dataset train = data.Train.Subset(5000);
        Dataset test = data.Test.Subset(2000);
        var network = new IntegrationFashionMlp(seed: 7);

        TrainingResult result = Trainer.Fit(network, train.Features, train.OneHot(), new TrainingOptions { Epochs = 1, BatchSize = 32, Seed = 3 });
        ConfusionMatrix matrix = Evaluation.Evaluate(network, test.Features, test.Labels, FashionMnist.ClassNames);

        Assert.Equal(StopReason.Completed, result.Reason);
        Assert.True(matrix.Accuracy > MinimumAccuracy, $"test accuracy {matrix.Accuracy:F4} after one epoch\n{matrix.FormatReport()}");
    }

    [Fact]
    public void OneEpochOfTheCnnOnRealFashionMnistIsFarAboveChance()
    {
        Assert.True(
            Directory.Exists(FashionMnist.DefaultDirectory),
            $"{FashionMnist.DefaultDirectory} is missing: install it with 'apt-get install dataset-fashion-mnist' (.ci/run does).");
        TrainTestData data = FashionMnist.Load();
        Dataset train = data.Train.Subset(5000);
        Dataset test = data.Test.Subset(2000);
        var network = new IntegrationFashionCnn(seed: 7);

        TrainingResult result = Trainer.Fit(network, train.Features, train.OneHot(), new TrainingOptions { Epochs = 1, BatchSize = 32, Seed = 3 });
        ConfusionMatrix matrix = Evaluation.Evaluate(network, test.Features, test.Labels, FashionMnist.ClassNames);

        Assert.Equal(StopReason.Completed, result.Reason);
        Assert.True(matrix.Accuracy > MinimumAccuracy, $"test accuracy {matrix.Accuracy:F4} after one epoch\n{matrix.FormatReport()}");

        // The model file round trip keeps the image shapes in its architecture and every parameter bit.
        using var file = new MemoryStream();
        network.Save(file);
        file.Position = 0;
        var reloaded = new IntegrationFashionCnn(seed: 99);
        reloaded.Load(file);
        Assert.Equal(Support.TestData.Bits(network.Parameters), Support.TestData.Bits(reloaded.Parameters));
        Assert.StartsWith("Input(28x28x1) -> Conv2D(32, 3x3, ReLU)", IntegrationFashionCnn.Architecture, System.StringComparison.Ordinal);
        Assert.Equal(Evaluation.Predict(network, test.Features), Evaluation.Predict(reloaded, test.Features));
    }
}
