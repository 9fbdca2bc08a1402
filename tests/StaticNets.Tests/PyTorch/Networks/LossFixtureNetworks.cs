using StaticNets;

// One network per case of Reference/fixtures/losses.json, declared with the case's architecture, activation parameters,
// loss, Huber delta and L1/L2 factors. Class name: the case name in PascalCase, '.' written 'p' and '_' kept between two
// digits (huber_delta0.5_linear -> HuberDelta0p5Linear). PyTorchNetworks maps each case name to its class; a fixture
// case without a network here fails LossFixtureTests. Activation parameters at PyTorch's defaults (slope 0.01,
// alpha 1) are left unset on purpose, so that the defaults are checked too. The optimizer is irrelevant (no Step).
namespace StaticNets.Tests.PyTorch.Networks;

/// <summary>losses.json <c>mse_linear</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class MseLinear;

/// <summary>losses.json <c>mse_sigmoid</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class MseSigmoid;

/// <summary>losses.json <c>mae_linear</c>.</summary>
[Network(Loss.MeanAbsoluteError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class MaeLinear;

/// <summary>losses.json <c>mae_sigmoid</c>.</summary>
[Network(Loss.MeanAbsoluteError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class MaeSigmoid;

/// <summary>losses.json <c>huber_delta1_linear</c>.</summary>
[Network(Loss.Huber, Optimizer.Sgd, HuberDelta = 1f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class HuberDelta1Linear;

/// <summary>losses.json <c>huber_delta0.5_linear</c>.</summary>
[Network(Loss.Huber, Optimizer.Sgd, HuberDelta = 0.5f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class HuberDelta0p5Linear;

/// <summary>losses.json <c>huber_delta0.5_sigmoid</c>.</summary>
[Network(Loss.Huber, Optimizer.Sgd, HuberDelta = 0.5f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class HuberDelta0p5Sigmoid;

/// <summary>losses.json <c>bce</c>.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class Bce;

/// <summary>losses.json <c>bce_binary_targets</c>.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class BceBinaryTargets;

/// <summary>losses.json <c>bce_large_logits</c>.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class BceLargeLogits;

/// <summary>losses.json <c>softmax_ce_onehot</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxCeOnehot;

/// <summary>losses.json <c>softmax_ce_soft_targets</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxCeSoftTargets;

/// <summary>losses.json <c>softmax_ce_large_logits</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxCeLargeLogits;

/// <summary>losses.json <c>hinge</c>.</summary>
[Network(Loss.Hinge, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class Hinge;

/// <summary>losses.json <c>logistic</c>.</summary>
[Network(Loss.Logistic, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class Logistic;

/// <summary>losses.json <c>hidden_linear_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Linear)]
[Dense(4, Activation.Linear)]
public partial class HiddenLinearMse;

/// <summary>losses.json <c>hidden_linear_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Linear)]
[Dense(4, Activation.Softmax)]
public partial class HiddenLinearSoftmaxCe;

/// <summary>losses.json <c>hidden_sigmoid_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Linear)]
public partial class HiddenSigmoidMse;

/// <summary>losses.json <c>hidden_sigmoid_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Softmax)]
public partial class HiddenSigmoidSoftmaxCe;

/// <summary>losses.json <c>hidden_tanh_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class HiddenTanhMse;

/// <summary>losses.json <c>hidden_tanh_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class HiddenTanhSoftmaxCe;

/// <summary>losses.json <c>hidden_relu_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Linear)]
public partial class HiddenReLUMse;

/// <summary>losses.json <c>hidden_relu_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class HiddenReLUSoftmaxCe;

/// <summary>losses.json <c>hidden_leaky_relu_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Linear)]
public partial class HiddenLeakyReLUMse;

/// <summary>losses.json <c>hidden_leaky_relu_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Softmax)]
public partial class HiddenLeakyReLUSoftmaxCe;

/// <summary>losses.json <c>hidden_elu_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ELU)]
[Dense(4, Activation.Linear)]
public partial class HiddenEluMse;

/// <summary>losses.json <c>hidden_elu_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ELU)]
[Dense(4, Activation.Softmax)]
public partial class HiddenEluSoftmaxCe;

/// <summary>losses.json <c>hidden_softplus_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Linear)]
public partial class HiddenSoftplusMse;

/// <summary>losses.json <c>hidden_softplus_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Softmax)]
public partial class HiddenSoftplusSoftmaxCe;

/// <summary>losses.json <c>hidden_gelu_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.GELU)]
[Dense(4, Activation.Linear)]
public partial class HiddenGeluMse;

/// <summary>losses.json <c>hidden_gelu_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.GELU)]
[Dense(4, Activation.Softmax)]
public partial class HiddenGeluSoftmaxCe;

/// <summary>losses.json <c>hidden_silu_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.SiLU)]
[Dense(4, Activation.Linear)]
public partial class HiddenSiluMse;

/// <summary>losses.json <c>hidden_silu_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.SiLU)]
[Dense(4, Activation.Softmax)]
public partial class HiddenSiluSoftmaxCe;

/// <summary>losses.json <c>hidden_leaky_relu_0.2_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(4, Activation.Linear)]
public partial class HiddenLeakyReLU0p2Mse;

/// <summary>losses.json <c>hidden_leaky_relu_0.2_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(4, Activation.Softmax)]
public partial class HiddenLeakyReLU0p2SoftmaxCe;

/// <summary>losses.json <c>hidden_elu_0.5_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ELU, Alpha = 0.5f)]
[Dense(4, Activation.Linear)]
public partial class HiddenElu0p5Mse;

/// <summary>losses.json <c>hidden_elu_0.5_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ELU, Alpha = 0.5f)]
[Dense(4, Activation.Softmax)]
public partial class HiddenElu0p5SoftmaxCe;

/// <summary>losses.json <c>l1_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, L1 = 0.01f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class L1Mse;

/// <summary>losses.json <c>l2_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, L2 = 0.02f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class L2Mse;

/// <summary>losses.json <c>elastic_net_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, L1 = 0.01f, L2 = 0.02f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class ElasticNetMse;

/// <summary>losses.json <c>elastic_net_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, L1 = 0.005f, L2 = 0.05f, MaxBatchSize = 4)]
[Input(3)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class ElasticNetSoftmaxCe;

/// <summary>losses.json <c>deep_relu_gelu_mse</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(3)]
[Dense(6, Activation.ReLU)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.Linear)]
public partial class DeepReLUGeluMse;

/// <summary>losses.json <c>deep_elastic_net_softmax_ce</c>.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, L1 = 0.01f, L2 = 0.01f, MaxBatchSize = 4)]
[Input(4)]
[Dense(6, Activation.ELU, Alpha = 0.5f)]
[Dense(5, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(3, Activation.Softmax)]
public partial class DeepElasticNetSoftmaxCe;
