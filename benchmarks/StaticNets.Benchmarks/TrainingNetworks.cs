using StaticNets;

namespace StaticNets.Benchmarks;

/// <summary>The W3 mlp-train network (DESIGN.md, "Performance workloads"): 784 -> 128 ReLU -> 10 softmax, Adam 0.001.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 128)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionMlpTrain;

/// <summary>The W6 mlp-big-train network: 784 -> 512 ReLU -> 256 ReLU -> 10 softmax, Adam 0.001.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 128)]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class BigMlpTrain;
