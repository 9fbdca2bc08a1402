using StaticNets;

namespace FashionMnistExample;

/// <summary>
/// The best Fashion-MNIST configuration of reference report 001: one hidden ReLU layer of 128 units, a softmax
/// output, cross-entropy, Adam with learning rate 0.005.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.005f, MaxBatchSize = 10000)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionMlp;
