using StaticNets;

namespace StaticNets.Tests.Networks;

/// <summary>
/// Layer widths that leave tails at every vector width, an input dropout and a hidden dropout: for batched and
/// multi-threaded inference.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, MaxBatchSize = 64)]
[Input(37)]
[Dropout(0.1f)]
[Dense(49, Activation.ReLU)]
[Dropout(0.3f)]
[Dense(21, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class ParallelNet;

/// <summary>
/// 22,284 parameters, enough for <c>Step</c> to share them out between threads (with a Vector256 + Vector128 tail);
/// 75 inputs (not a multiple of the dW row tile), Nesterov momentum, elastic-net penalties.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Nesterov, Momentum = 0.9f, L1 = 1e-4f, L2 = 1e-3f, MaxBatchSize = 64)]
[Input(75)]
[Dense(259, Activation.SiLU)]
[Dense(10, Activation.Softmax)]
public partial class ParallelWideNet;

/// <summary>Three hidden layers with derivatives to chain (each input gradient job also applies the next derivative), mean squared error, centred RMSprop.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, Centered = true, Momentum = 0.5f, LearningRate = 0.001f, MaxBatchSize = 64)]
[Input(13)]
[Dense(30, Activation.ELU)]
[Dense(17, Activation.Tanh)]
[Dense(6, Activation.LeakyReLU)]
[Dense(3, Activation.Linear)]
public partial class ParallelDeepNet;

/// <summary>
/// A first layer shared by input chunks (70 inputs: not a multiple of the row tile), without penalties; Adam.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, MaxBatchSize = 64)]
[Input(70)]
[Dense(300, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class ParallelChunkedNet;
