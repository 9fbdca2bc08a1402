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
