using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>Dropout followed by a layer that can be set to the identity, so the mask shows in the outputs.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 8)]
[Input(500)]
[Dropout(0.3f)]
[Dense(500)]
public partial class DropoutProbeNet;

/// <summary>Dropout between hidden layers, with penalties, for the allocation test.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.AdamW, L1 = 1e-5f, L2 = 1e-4f, MaxBatchSize = 16)]
[Input(20)]
[Dense(32, Activation.GELU)]
[Dropout(0.5f)]
[Dense(16, Activation.SiLU)]
[Dense(4, Activation.Softmax)]
public partial class RegularizedDropoutNet;

/// <summary>Dropout between two linear layers: the loss is quadratic in each parameter, so a centred difference is exact.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(5)]
[Dense(19)]
[Dropout(0.5f)]
[Dense(3)]
public partial class DropoutBetweenLinearLayersNet;

/// <summary>Two dropout layers at other rates between tanh layers.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(6)]
[Dense(17, Activation.Tanh)]
[Dropout(0.2f)]
[Dense(9, Activation.Tanh)]
[Dropout(0.6f)]
[Dense(2)]
public partial class TwoDropoutsBetweenTanhLayersNet;
