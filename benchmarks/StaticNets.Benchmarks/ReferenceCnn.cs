using StaticNets;

namespace StaticNets.Benchmarks;

/// <summary>
/// The W5 cnn network (issue 6, the reference CNN): two 3x3 ReLU convolutions (32 and 64 filters), each followed by
/// 2x2 max pooling, then 64 ReLU units and a softmax output; softmax cross-entropy, Adam with learning rate 0.001.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 32)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class ReferenceCnn;
