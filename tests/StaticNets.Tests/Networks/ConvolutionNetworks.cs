using StaticNets;

// Convolutional networks for the gradient checks and the reference tests: odd shapes on purpose (non-square kernels,
// stride 2, same padding with an even kernel, overlapping pooling windows, channel counts that are no multiple of a
// vector width), smooth activations so that finite differences are meaningful, and few enough parameters to perturb
// each one.
namespace StaticNets.Tests.Networks;

// Valid 2x3 convolution, max pooling with a dropped last row, flatten, softmax.
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(8, 8, 2)]
[Conv2D(3, 2, 3, Activation.Tanh)]
[MaxPool2D(2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class ConvMaxPoolSoftmax;

// Stride 2 with same padding, then an even 2x2 kernel with same padding (more padding after than before), average
// pooling with overlapping windows, linear output under mean squared error.
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(9, 8, 3)]
[Conv2D(5, 3, Activation.Tanh, Stride = 2, Padding = Padding.Same)]
[Conv2D(6, 2, Activation.Sigmoid, Padding = Padding.Same)]
[AveragePool2D(2, Stride = 1)]
[Flatten]
[Dense(3)]
public partial class ConvSameAveragePoolMse;

// 17 channels (a full 16-wide vector plus one), global average pooling.
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(6, 5, 5)]
[Conv2D(17, 3, Activation.SiLU)]
[GlobalAveragePool2D]
[Dense(3, Activation.Softmax)]
public partial class ConvGlobalAverageSoftmax;

// A 1x1 convolution, overlapping 3x3 max pooling with stride 2, a convolution after pooling (its input gradient
// flows through max pooling), sigmoid outputs under mean squared error.
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(9, 9, 4)]
[Conv2D(20, 1, Activation.Tanh)]
[MaxPool2D(3, Stride = 2)]
[Conv2D(7, 2, Activation.Tanh, Stride = 1)]
[Flatten]
[Dense(2, Activation.Sigmoid)]
public partial class ConvOverlappingMaxPoolSigmoidMse;

// Dropout between convolutions and a stride-2 valid convolution whose stride divides the input.
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(9, 7, 1)]
[Conv2D(4, 3, Activation.ELU, Stride = 2)]
[Dropout(0f)] // the identity: the reference has no dropout, and the dropout layer still sits between two convolutions
[Conv2D(9, 2, Activation.LeakyReLU)]
[Flatten]
[Dense(2)]
public partial class ConvStrideDropoutMse;

// GELU, and LeakyReLU and ELU with a slope and an alpha other than PyTorch's defaults, on convolutions whose channel
// counts leave vector tails, on a stride-2 convolution, and on a GELU output under mean squared error.
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(8, 8, 2)]
[Conv2D(5, 3, Activation.GELU)] // 6x6x5
[Conv2D(6, 2, Activation.LeakyReLU, NegativeSlope = 0.2f)] // 5x5x6
[Conv2D(3, 3, Activation.ELU, Alpha = 0.5f, Stride = 2)] // 2x2x3
[Flatten]
[Dense(3, Activation.GELU)]
public partial class ConvGeluSlopeAlphaMse;

// The same activations in other places: ELU(0.5) on a same-padded convolution before average pooling, GELU on the
// convolution after it, LeakyReLU(0.2) on a dense layer before the softmax.
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(7, 7, 3)]
[Conv2D(9, 3, Activation.ELU, Alpha = 0.5f, Padding = Padding.Same)] // 7x7x9
[AveragePool2D(2)] // 3x3x9
[Conv2D(6, 2, Activation.GELU)] // 2x2x6
[Flatten]
[Dense(5, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(3, Activation.Softmax)]
public partial class ConvAlphaGeluSlopeSoftmax;

/// <summary>The reference CNN (W5): the Keras network of report 000, on 28x28 grey images.</summary>
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, MaxBatchSize = 64)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class ReferenceCnn;

// The three networks of Reference/fixtures/convolution.json (network_cases), declared as the fixture describes them.
[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(9, 9, 2)]
[Conv2D(4, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(6, 2, 3, Activation.Tanh)]
[Flatten]
[Dense(5, Activation.Softmax)]
public partial class FixtureReluMaxPoolTanhSoftmax;

[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(8, 7, 3)]
[Conv2D(5, 3, Activation.ReLU, Padding = Padding.Same)]
[AveragePool2D(2)]
[Conv2D(6, 2, Activation.Sigmoid, Stride = 2, Padding = Padding.Same)]
[GlobalAveragePool2D]
[Dense(3)]
public partial class FixtureSameAveragePoolGlobalMse;

[Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, MaxBatchSize = 4)]
[Input(11, 10, 1)]
[Conv2D(3, 3, 2, Activation.Tanh, Stride = 2)]
[MaxPool2D(3, Stride = 2)]
[Flatten]
[Dense(4, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class FixtureStrideOverlappingMaxPoolSoftmax;

// Ties in max pooling: 16 identical channels (one 16-wide vector, or four 4-wide ones) whose window holds two equal
// maxima; the gradient must go to the first in row-major order, as in PyTorch.
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(2, 2, 2)]
[Conv2D(16, 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(1)]
public partial class MaxPoolTies;
