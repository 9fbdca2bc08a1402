using StaticNets;

namespace LinearRegression;

/// <summary>
/// The smallest network there is: two inputs and one linear output neuron, <c>ŷ = w1·x1 + w2·x2 + b</c>.
/// That is exactly a linear regression model, trained here by gradient descent on the mean squared error.
/// </summary>
/// <remarks>
/// <para><c>[Dense(1)]</c> has no activation (it defaults to <see cref="Activation.Linear"/>), so the output is the
/// weighted sum itself. The parameters are laid out as <c>[w1, w2, b]</c>: the layer's (2 inputs, 1 output) weight
/// matrix, then its one bias.</para>
/// <para>The learning rate: the reference report minimises the L2 loss divided by 2,
/// <c>Σ (ŷ - y)² / 2 / N</c>, with a rate of 0.02. Mean squared error has no 1/2, so its gradient is twice as large,
/// and a rate of 0.01 here takes exactly the same steps as the report's 0.02 there.</para>
/// <para><c>MaxBatchSize = 1000</c> sizes the training workspace for the default 1,000 observations; Program.cs passes
/// a larger size to the constructor when more observations are requested.</para>
/// </remarks>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.01f, MaxBatchSize = 1000)]
[Input(2)]
[Dense(1)]
public partial class LinearModel;
