using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>The report's linear model f(x1, x2) = 13·x1 + 7·x2 − 12, trained by plain gradient descent.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.01f, MaxBatchSize = 100)]
[Input(2)]
[Dense(1)]
public partial class TrainerLinearNet;

/// <summary>A small classifier with dropout, to check that seeded runs repeat bit for bit.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.01f, MaxBatchSize = 100)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dropout(0.25f)]
[Dense(3, Activation.Softmax)]
public partial class TrainerClassifierNet;
