using StaticNets;

// Networks for the training, file and argument tests. Grouped in one file because each is a single declaration.
namespace StaticNets.Tests.Networks;

/// <summary>The XOR example: 2 inputs, 4 tanh hidden units, 1 sigmoid output, squared error.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.5f, MaxBatchSize = 4)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet;

/// <summary>Linear regression: y = w·x + b with two features.</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.02f, MaxBatchSize = 1000)]
[Input(2)]
[Dense(1)]
public partial class LinearRegressionNet;

/// <summary>A small 3-class classifier of 2-D points.</summary>
[Network(Loss.SoftmaxCrossEntropy, LearningRate = 0.5f, MaxBatchSize = 64)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class ThreeClassNet;
