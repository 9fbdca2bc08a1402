using StaticNets;

namespace ExperimentsExample;

// One declared class per architecture + optimizer. The learning rate is a run-time property (network.LearningRate), so
// a learning-rate sweep constructs a fresh, equally seeded instance of the same class for every rate. MaxBatchSize is
// only the default; the runner passes the size it needs (e.g. the whole training set for --batch 0) to the constructor.

// ---- Reference report 001 (MNIST and Fashion-MNIST, GD and Adam) ---------------------------------------------------

/// <summary>Report 001, Tables 1 and 4: 784 -> 128 ReLU -> 10 softmax, plain gradient descent (no momentum).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.1f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class GdMlp;

/// <summary>Report 001, Tables 2, 3, 5 and 6: 784 -> 128 ReLU -> 10 softmax, Adam (β₁ 0.9, β₂ 0.999, ε 1e-8).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.005f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class AdamMlp;

/// <summary>Report 001, Tables 3 and 6, the two-hidden-layer row: 784 -> 128 ReLU -> 64 ReLU -> 10 softmax, Adam.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.005f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class AdamMlp2;

// ---- Reference report 000 (seven optimizers on an MNIST MLP) -------------------------------------------------------
// The report states only "momentum 0.9" (SGD with momentum, and with Nesterov). Everything else takes the defaults of
// tf.keras (TensorFlow 2), which the report used: learning rates, Adam/RMSprop/Adagrad/Adadelta ε = 1e-7, RMSprop
// ρ = 0.9 (our Alpha), Adadelta ρ = 0.95, Adagrad's accumulator starting at 0.1.

/// <summary>Report 000: Adam, tf.keras defaults (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, Epsilon = 1e-7f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasAdamMlp;

/// <summary>Report 000: plain SGD, tf.keras default lr 0.01.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasSgdMlp;

/// <summary>Report 000: SGD with momentum 0.9 (the report's setting), lr 0.01 (tf.keras default).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Momentum, LearningRate = 0.01f, Momentum = 0.9f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasMomentumMlp;

/// <summary>Report 000: SGD with Nesterov momentum 0.9 (the report's setting), lr 0.01 (tf.keras default).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Nesterov, LearningRate = 0.01f, Momentum = 0.9f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasNesterovMlp;

/// <summary>Report 000: Adagrad, tf.keras defaults (lr 0.001, initial accumulator 0.1, ε 1e-7).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adagrad, LearningRate = 0.001f, InitialAccumulatorValue = 0.1f, Epsilon = 1e-7f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasAdagradMlp;

/// <summary>Report 000: Adadelta, tf.keras defaults (lr 0.001, ρ 0.95, ε 1e-7).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adadelta, LearningRate = 0.001f, Rho = 0.95f, Epsilon = 1e-7f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasAdadeltaMlp;

/// <summary>Report 000: RMSprop, tf.keras defaults (lr 0.001, ρ 0.9, ε 1e-7, no momentum, not centred).</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.RMSprop, LearningRate = 0.001f, Alpha = 0.9f, Epsilon = 1e-7f, MaxBatchSize = 1024)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class KerasRmspropMlp;
