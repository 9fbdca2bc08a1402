using StaticNets;

// Networks whose layer widths, between them, take every value from 1 to 3 * 16 + 1 = 49 (16 floats per Vector512),
// so every SIMD body and exact tail the generator can emit (Vector512, Vector256, Vector128 and scalar remainders)
// runs at least once as a layer's outputs and as the next layer's inputs. Activations rotate through the elementwise
// kinds so that each one meets several widths. Grouped in one file because each is a single declaration.
namespace StaticNets.Tests.Networks;

[Network(Loss.MeanSquaredError)]
[Input(17)]
[Dense(1, Activation.Tanh)]
[Dense(2, Activation.LeakyReLU)]
[Dense(3, Activation.Sigmoid)]
[Dense(4, Activation.ReLU)]
[Dense(5, Activation.ELU)]
[Dense(6, Activation.Softplus)]
[Dense(7, Activation.Linear)]
public partial class Widths1To7;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(8, Activation.LeakyReLU)]
[Dense(9, Activation.Sigmoid)]
[Dense(10, Activation.ELU)]
[Dense(11, Activation.Softplus)]
[Dense(12, Activation.Linear)]
[Dense(13, Activation.ReLU)]
[Dense(14, Activation.Tanh)]
public partial class Widths8To14;

[Network(Loss.SoftmaxCrossEntropy)]
[Input(2)]
[Dense(15, Activation.Sigmoid)]
[Dense(16, Activation.ELU)]
[Dense(17, Activation.Softplus)]
[Dense(18, Activation.Linear)]
[Dense(19, Activation.ReLU)]
[Dense(20, Activation.Tanh)]
[Dense(21, Activation.Softmax)]
public partial class Widths15To21;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(22, Activation.ELU)]
[Dense(23, Activation.Softplus)]
[Dense(24, Activation.Linear)]
[Dense(25, Activation.Tanh)]
[Dense(26, Activation.LeakyReLU)]
[Dense(27, Activation.ReLU)]
[Dense(28, Activation.Sigmoid)]
public partial class Widths22To28;

[Network(Loss.SoftmaxCrossEntropy)]
[Input(33)]
[Dense(29, Activation.Softplus)]
[Dense(30, Activation.Linear)]
[Dense(31, Activation.Tanh)]
[Dense(32, Activation.Sigmoid)]
[Dense(33, Activation.ReLU)]
[Dense(34, Activation.LeakyReLU)]
[Dense(35, Activation.Softmax)]
public partial class Widths29To35;

[Network(Loss.MeanSquaredError)]
[Input(48)]
[Dense(36, Activation.Linear)]
[Dense(37, Activation.Tanh)]
[Dense(38, Activation.Sigmoid)]
[Dense(39, Activation.LeakyReLU)]
[Dense(40, Activation.ELU)]
[Dense(41, Activation.ReLU)]
[Dense(42, Activation.Softplus)]
public partial class Widths36To42;

[Network(Loss.SoftmaxCrossEntropy)]
[Input(49)]
[Dense(43, Activation.Tanh)]
[Dense(44, Activation.ReLU)]
[Dense(45, Activation.LeakyReLU)]
[Dense(46, Activation.ELU)]
[Dense(47, Activation.Softplus)]
[Dense(48, Activation.Sigmoid)]
[Dense(49, Activation.Softmax)]
public partial class Widths43To49;

// The last width of each chain above, as a layer input.
[Network(Loss.MeanSquaredError)]
[Input(7)]
[Dense(14, Activation.Softplus)]
[Dense(21, Activation.ReLU)]
[Dense(28, Activation.Tanh)]
[Dense(35, Activation.ELU)]
[Dense(42, Activation.Sigmoid)]
[Dense(3, Activation.LeakyReLU)]
public partial class WidthsMultiplesOf7;

// GELU, SiLU, and LeakyReLU and ELU with a slope and an alpha other than PyTorch's defaults, at widths that end in a
// vector tail (a few lanes past a multiple of 16, 8 and 4), with an ELU(0.5) output under mean squared error.
[Network(Loss.MeanSquaredError)]
[Input(9)]
[Dense(19, Activation.GELU)]
[Dense(33, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(23, Activation.ELU, Alpha = 0.5f)]
[Dense(31, Activation.SiLU)]
[Dense(13, Activation.GELU)]
[Dense(5, Activation.ELU, Alpha = 0.5f)]
public partial class WidthsGeluSiluSlopeAlpha;

/// <summary>
/// Wide layers: 300 and 161 outputs (more than 8 full Vector512s, so elementwise passes loop instead of unrolling
/// and the forward kernel needs several register blocks; 161 on a second layer, so the input-gradient dot product
/// loops too, with a tail), and more than 16 inputs (so the forward input loop is not unrolled).
/// </summary>
[Network(Loss.SoftmaxCrossEntropy)]
[Input(20)]
[Dense(300, Activation.ReLU)]
[Dense(161, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class WideSoftmax;

/// <summary>The same wide shapes under mean squared error with an ELU output, and a 1-unit output layer.</summary>
[Network(Loss.MeanSquaredError)]
[Input(300)]
[Dense(129, Activation.ELU)]
[Dense(1, Activation.Sigmoid)]
public partial class WideMse;

/// <summary>
/// A layer whose batch kernels take the rows of W in panels: 700 inputs in 9 panels of at most 81 rows (32 KB of
/// 101 outputs), its 4 input chunks in 3 panels each, with 101 outputs ending in a partial vector that the panels store
/// and reload.
/// </summary>
[Network(Loss.SoftmaxCrossEntropy)]
[Input(700)]
[Dense(101, Activation.ELU)]
[Dense(7, Activation.Softmax)]
public partial class PanelledTail;

/// <summary>
/// A hidden layer of 16400 floats, more than Predict keeps on the stack (16384), so Predict uses its per-thread buffer.
/// </summary>
[Network(Loss.MeanSquaredError, MaxBatchSize = 4)]
[Input(3)]
[Dense(16400, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class HugeHidden;

/// <summary>The MNIST-sized classifier of the README: 784 → 128 ReLU → 10 softmax.</summary>
[Network(Loss.SoftmaxCrossEntropy, LearningRate = 0.1f)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistMlp;
