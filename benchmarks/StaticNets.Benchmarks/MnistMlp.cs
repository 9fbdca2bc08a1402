using StaticNets;

namespace StaticNets.Benchmarks;

/// <summary>The W1 mlp-infer-1 network (DESIGN.md, "Performance workloads"): 784 -> 128 ReLU -> 10 softmax.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistMlp;
