using StaticNets;

// Networks for the evaluation tests. Grouped in one file because each is a single declaration.
namespace StaticNets.Tests.Metrics;

/// <summary>
/// A linear 2 → 3 map whose parameters the tests set by hand, so its predictions are known: outputs = x·W + b.
/// </summary>
[Network(Loss.MeanSquaredError, MaxBatchSize = 4)]
[Input(2)]
[Dense(3)]
public partial class MetricsLinearNet;

/// <summary>A network with a single output, which has no argmax to evaluate.</summary>
[Network(Loss.MeanSquaredError, MaxBatchSize = 4)]
[Input(2)]
[Dense(1)]
public partial class MetricsSingleOutputNet;
