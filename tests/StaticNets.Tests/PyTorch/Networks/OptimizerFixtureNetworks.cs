using StaticNets;

// One network per case of Reference/fixtures/optimizers.json: 3 -> 4 Tanh -> 2 Linear, MeanSquaredError, with the case's
// optimizer and every hyper-parameter of the case written out, defaults included, and the learning rate always set.
// SGD maps to Optimizer.Sgd (momentum 0, or momentum > 0 without Nesterov), Optimizer.Momentum (sgd_momentum_dampening,
// so that enum value is covered too) or Optimizer.Nesterov. Class names follow LossFixtureNetworks.cs.
namespace StaticNets.Tests.PyTorch.Networks;

/// <summary>optimizers.json <c>sgd_defaults_lr0.1</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, Momentum = 0f, Dampening = 0f, WeightDecay = 0f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class SgdDefaultsLr0p1;

/// <summary>optimizers.json <c>sgd_momentum</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, Momentum = 0.9f, Dampening = 0f, WeightDecay = 0f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class SgdMomentum;

/// <summary>optimizers.json <c>sgd_nesterov</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Nesterov, LearningRate = 0.1f, Momentum = 0.9f, Dampening = 0f, WeightDecay = 0f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class SgdNesterov;

/// <summary>optimizers.json <c>sgd_momentum_dampening</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Momentum, LearningRate = 0.1f, Momentum = 0.9f, Dampening = 0.1f, WeightDecay = 0f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class SgdMomentumDampening;

/// <summary>optimizers.json <c>sgd_weight_decay</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, Momentum = 0f, Dampening = 0f, WeightDecay = 0.01f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class SgdWeightDecay;

/// <summary>optimizers.json <c>sgd_nesterov_weight_decay</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Nesterov, LearningRate = 0.1f, Momentum = 0.9f, Dampening = 0f, WeightDecay = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class SgdNesterovWeightDecay;

/// <summary>optimizers.json <c>adagrad_defaults</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adagrad, LearningRate = 0.01f, LearningRateDecay = 0f, WeightDecay = 0f, InitialAccumulatorValue = 0f, Epsilon = 1e-10f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdagradDefaults;

/// <summary>optimizers.json <c>adagrad_custom</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adagrad, LearningRate = 0.05f, LearningRateDecay = 0.01f, WeightDecay = 0.01f, InitialAccumulatorValue = 0.1f, Epsilon = 1e-10f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdagradCustom;

/// <summary>optimizers.json <c>adadelta_defaults</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adadelta, LearningRate = 1f, Rho = 0.9f, Epsilon = 1e-06f, WeightDecay = 0f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdadeltaDefaults;

/// <summary>optimizers.json <c>adadelta_custom</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adadelta, LearningRate = 0.5f, Rho = 0.8f, Epsilon = 1e-05f, WeightDecay = 0.01f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdadeltaCustom;

/// <summary>optimizers.json <c>rmsprop_defaults</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, LearningRate = 0.01f, Alpha = 0.99f, Epsilon = 1e-08f, WeightDecay = 0f, Momentum = 0f, Centered = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class RmspropDefaults;

/// <summary>optimizers.json <c>rmsprop_custom</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, LearningRate = 0.01f, Alpha = 0.9f, Epsilon = 1e-06f, WeightDecay = 0f, Momentum = 0f, Centered = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class RmspropCustom;

/// <summary>optimizers.json <c>rmsprop_centered</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, LearningRate = 0.01f, Alpha = 0.99f, Epsilon = 1e-08f, WeightDecay = 0f, Momentum = 0f, Centered = true)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class RmspropCentered;

/// <summary>optimizers.json <c>rmsprop_momentum</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, LearningRate = 0.01f, Alpha = 0.99f, Epsilon = 1e-08f, WeightDecay = 0f, Momentum = 0.9f, Centered = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class RmspropMomentum;

/// <summary>optimizers.json <c>rmsprop_centered_momentum_weight_decay</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, LearningRate = 0.01f, Alpha = 0.99f, Epsilon = 1e-08f, WeightDecay = 0.01f, Momentum = 0.9f, Centered = true)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class RmspropCenteredMomentumWeightDecay;

/// <summary>optimizers.json <c>adam_defaults</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.001f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-08f, WeightDecay = 0f, AmsGrad = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamDefaults;

/// <summary>optimizers.json <c>adam_custom</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-06f, WeightDecay = 0f, AmsGrad = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamCustom;

/// <summary>optimizers.json <c>adam_weight_decay</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.001f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-08f, WeightDecay = 0.01f, AmsGrad = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamWeightDecay;

/// <summary>optimizers.json <c>adam_amsgrad</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.001f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-08f, WeightDecay = 0f, AmsGrad = true)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamAmsgrad;

/// <summary>optimizers.json <c>adam_amsgrad_beta2_0.5</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, Beta1 = 0.9f, Beta2 = 0.5f, Epsilon = 1e-08f, WeightDecay = 0f, AmsGrad = true)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamAmsgradBeta2_0p5;

/// <summary>optimizers.json <c>adamw_defaults</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.001f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-08f, WeightDecay = 0.01f, AmsGrad = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamwDefaults;

/// <summary>optimizers.json <c>adamw_custom</c>.</summary>
[Network(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.01f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-08f, WeightDecay = 0.1f, AmsGrad = false)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class AdamwCustom;
