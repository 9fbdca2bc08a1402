using StaticNets;

// Small networks for the finite-difference gradient checks: 3 inputs, 5 hidden units, 4 outputs, so every parameter
// can be perturbed in turn. One network per (activation, position, loss) combination; grouped in one file because
// each is a single declaration.
namespace StaticNets.Tests.Networks;

// Each elementwise activation on the hidden layer, under mean squared error with a linear output; LeakyReLU and ELU
// also with a slope and an alpha other than PyTorch's defaults (0.01 and 1).
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Linear)] [Dense(4)] public partial class HiddenLinearMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Sigmoid)] [Dense(4)] public partial class HiddenSigmoidMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4)] public partial class HiddenTanhMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.ReLU)] [Dense(4)] public partial class HiddenReLUMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.LeakyReLU)] [Dense(4)] public partial class HiddenLeakyReLUMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.ELU)] [Dense(4)] public partial class HiddenEluMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Softplus)] [Dense(4)] public partial class HiddenSoftplusMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.GELU)] [Dense(4)] public partial class HiddenGeluMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.SiLU)] [Dense(4)] public partial class HiddenSiluMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.LeakyReLU, NegativeSlope = 0.2f)] [Dense(4)] public partial class HiddenLeakyReLUSlopeMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.ELU, Alpha = 0.5f)] [Dense(4)] public partial class HiddenEluAlphaMse;

// Each elementwise activation on the hidden layer, under softmax cross-entropy.
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.Linear)] [Dense(4, Activation.Softmax)] public partial class HiddenLinearSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.Sigmoid)] [Dense(4, Activation.Softmax)] public partial class HiddenSigmoidSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.Softmax)] public partial class HiddenTanhSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.ReLU)] [Dense(4, Activation.Softmax)] public partial class HiddenReLUSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.LeakyReLU)] [Dense(4, Activation.Softmax)] public partial class HiddenLeakyReLUSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.ELU)] [Dense(4, Activation.Softmax)] public partial class HiddenEluSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.Softplus)] [Dense(4, Activation.Softmax)] public partial class HiddenSoftplusSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.GELU)] [Dense(4, Activation.Softmax)] public partial class HiddenGeluSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.SiLU)] [Dense(4, Activation.Softmax)] public partial class HiddenSiluSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.LeakyReLU, NegativeSlope = 0.2f)] [Dense(4, Activation.Softmax)] public partial class HiddenLeakyReLUSlopeSoftmax;
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(5, Activation.ELU, Alpha = 0.5f)] [Dense(4, Activation.Softmax)] public partial class HiddenEluAlphaSoftmax;

// Each elementwise activation on the output layer, under mean squared error.
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.Linear)] public partial class OutputLinearMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.Sigmoid)] public partial class OutputSigmoidMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.Tanh)] public partial class OutputTanhMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.ReLU)] public partial class OutputReLUMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.LeakyReLU)] public partial class OutputLeakyReLUMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.ELU)] public partial class OutputEluMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.Softplus)] public partial class OutputSoftplusMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.GELU)] public partial class OutputGeluMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.SiLU)] public partial class OutputSiluMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.LeakyReLU, NegativeSlope = 0.2f)] public partial class OutputLeakyReLUSlopeMse;
[Network(Loss.MeanSquaredError)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.ELU, Alpha = 0.5f)] public partial class OutputEluAlphaMse;

// Deeper chains, so that the input gradient of one hidden layer feeds the next.
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(6, Activation.ReLU)] [Dense(5, Activation.Sigmoid)] [Dense(4, Activation.ELU)] [Dense(3, Activation.Softmax)]
public partial class DeepMixedSoftmax;

[Network(Loss.MeanSquaredError)] [Input(4)] [Dense(6, Activation.LeakyReLU)] [Dense(5, Activation.Softplus)] [Dense(3, Activation.Tanh)] [Dense(2, Activation.Sigmoid)]
public partial class DeepMixedMse;

// The parameterised and Gaussian activations chained: ELU(0.5) feeds GELU feeds LeakyReLU(0.2).
[Network(Loss.SoftmaxCrossEntropy)] [Input(3)] [Dense(6, Activation.ELU, Alpha = 0.5f)] [Dense(5, Activation.GELU)] [Dense(4, Activation.LeakyReLU, NegativeSlope = 0.2f)] [Dense(3, Activation.Softmax)]
public partial class DeepSlopeAlphaGeluSoftmax;
