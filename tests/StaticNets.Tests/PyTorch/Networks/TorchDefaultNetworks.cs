using StaticNets;

// The optimizers.json "*_defaults" networks again, declared with nothing but the optimizer (SGD, which has no default
// learning rate in PyTorch, also gets the case's LearningRate = 0.1). They must follow the fixtures exactly like the
// fully written-out declarations in OptimizerFixtureNetworks.cs, which proves that every unset hyper-parameter takes
// PyTorch's default.
namespace StaticNets.Tests.PyTorch.Networks;

/// <summary><c>sgd_defaults_lr0.1</c> with only the learning rate declared.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class SgdUndeclaredDefaults;

/// <summary><c>adagrad_defaults</c> with no hyper-parameter declared.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adagrad)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class AdagradUndeclaredDefaults;

/// <summary><c>adadelta_defaults</c> with no hyper-parameter declared.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adadelta)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class AdadeltaUndeclaredDefaults;

/// <summary><c>rmsprop_defaults</c> with no hyper-parameter declared.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class RmspropUndeclaredDefaults;

/// <summary><c>adam_defaults</c> with no hyper-parameter declared.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class AdamUndeclaredDefaults;

/// <summary><c>adamw_defaults</c> with no hyper-parameter declared (AdamW's default weight decay is 0.01).</summary>
[Network(Loss.MeanSquaredError, Optimizer.AdamW)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class AdamwUndeclaredDefaults;
