using StaticNets;

namespace StaticNets.Tests.PyTorch.Networks;

/// <summary>
/// For the zero-allocation test: two dropout layers (whose masks come from the network's random source), a network-wide
/// elastic-net penalty with one layer overriding it, and layers wide enough for the vector paths.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, L1 = 1e-4f, L2 = 1e-3f, MaxBatchSize = 16)]
[Input(20)]
[Dense(40, Activation.ReLU)]
[Dropout(0.5f)]
[Dense(24, Activation.GELU, L1 = 0f, L2 = 5e-3f)]
[Dropout(0.2f)]
[Dense(5, Activation.Softmax)]
public partial class DropoutElasticNetClassifier;
