using StaticNets;

namespace Xor;

/// <summary>2 inputs, 4 tanh hidden units, 1 sigmoid output, trained with squared error.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.5f, MaxBatchSize = 4)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet;
