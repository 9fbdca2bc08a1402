using StaticNets;

// Max pooling over windows whose values are all equal: a 1x1 convolution whose weights the tests set to 0 and biases to
// 1 makes every value the pooling layer sees exactly 1, while its weight gradient still tells which input position each
// pooled gradient reached. 19 channels: a vector of each width plus a tail. A flattening dense layer with one output
// gives every pooled value its own gradient.
namespace StaticNets.Tests.Convolution;

/// <summary>3x3 windows at stride 1: each input is in up to nine windows.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(4, 5, 1)]
[Conv2D(19, 1)]
[MaxPool2D(3, Stride = 1)]
[Flatten]
[Dense(1)]
public partial class TiedMaxPool3Stride1;

/// <summary>2x2 windows at stride 1.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(5, 5, 1)]
[Conv2D(19, 1)]
[MaxPool2D(2, Stride = 1)]
[Flatten]
[Dense(1)]
public partial class TiedMaxPool2Stride1;

/// <summary>3x3 windows at stride 2: neighbouring windows share a row or a column.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(7, 7, 1)]
[Conv2D(19, 1)]
[MaxPool2D(3, Stride = 2)]
[Flatten]
[Dense(1)]
public partial class TiedMaxPool3Stride2;

/// <summary>2x3 windows at stride 1.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(5, 6, 1)]
[Conv2D(19, 1)]
[MaxPool2D(2, 3, Stride = 1)]
[Flatten]
[Dense(1)]
public partial class TiedMaxPool2By3Stride1;

/// <summary>2x2 windows at stride 2, tiling the input exactly.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 1)]
[Input(4, 6, 1)]
[Conv2D(19, 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(1)]
public partial class TiedMaxPool2Exact;
