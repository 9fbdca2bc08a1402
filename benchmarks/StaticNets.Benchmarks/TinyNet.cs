using StaticNets;

namespace StaticNets.Benchmarks;

/// <summary>The W4 tiny network (DESIGN.md, "Performance workloads"): 4 -> 16 tanh -> 3 softmax, plain SGD.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, MaxBatchSize = 1)]
[Input(4)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class TinyNet;
