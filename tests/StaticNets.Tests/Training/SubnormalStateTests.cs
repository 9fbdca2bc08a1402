using System;
using StaticNets;
using StaticNets.Operators;
using Xunit;

namespace StaticNets.Tests.Training;

/// <summary>A test network whose optimizer state the tests can read.</summary>
public interface IOptimizerStateProbe
{
    /// <summary>The optimizer state buffers, one after another, <c>ParameterCount</c> floats each.</summary>
    ReadOnlySpan<float> OptimizerState { get; }
}

/// <summary>Adam with β₂ = 0.9, so that both moments of a weight without gradient decay below 2⁻¹²⁶ within 1,000 steps.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, Beta2 = 0.9f, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushAdamNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>Adam with PyTorch's defaults: the first moment decays into the subnormals, the second does not in time.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushAdamDefaultsNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>AdamW (decoupled decay) with β₂ = 0.9.</summary>
[Network(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.01f, Beta2 = 0.9f, AmsGrad = true, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushAdamWNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>SGD with momentum 0.9 and dampening.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Momentum, LearningRate = 0.01f, Dampening = 0.1f, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushMomentumNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>SGD with Nesterov momentum.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Nesterov, LearningRate = 0.01f, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushNesterovNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>Centred RMSprop with momentum and α = 0.9: three decaying buffers.</summary>
[Network(Loss.MeanSquaredError, Optimizer.RMSprop, LearningRate = 0.001f, Alpha = 0.9f, Centered = true, Momentum = 0.5f, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushRmsPropNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>Adadelta with ρ = 0.9: both averages decay.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adadelta, Rho = 0.9f, MaxBatchSize = 16)]
[Input(20)]
[Dense(3, Activation.Linear)]
public partial class FlushAdadeltaNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>Adam on 20,100 parameters: enough for the step to be shared between threads.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, Beta2 = 0.9f, MaxBatchSize = 16)]
[Input(200)]
[Dense(100, Activation.Linear)]
public partial class FlushWideAdamNet : IOptimizerStateProbe
{
    /// <inheritdoc/>
    public ReadOnlySpan<float> OptimizerState => _optimizerState.Span;
}

/// <summary>
/// Optimizer state that decays geometrically is stored as 0 once it falls below the smallest normal float
/// (<see cref="Subnormals"/>), instead of settling on subnormal values that every later step would compute with in
/// microcode; the parameters still follow PyTorch's formula.
/// </summary>
[Collection(ParallelInferenceTests.Alone)]
public sealed class SubnormalStateTests
{
    private const int Samples = 16;

    public static TheoryData<string> Networks => new() { "Adam", "AdamW", "Momentum", "Nesterov", "RMSprop", "Adadelta", "WideAdam1", "WideAdam2" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void StateOfWeightsWithoutGradientEndsAtZeroNeverSubnormal(string name)
    {
        (INetwork network, int inputs, int outputs) = Create(name);
        try
        {
            var (live, dead) = Data(inputs, outputs, seed: 7);
            Assert.True(float.IsFinite(network.TrainBatch(live.Inputs, live.Targets)));
            int states = State(network).Length / network.Parameters.Length;

            // After the first step the second half of the inputs is 0: the weights that read it get no gradient.
            for (int step = 0; step < 1500; step++)
            {
                Assert.True(float.IsFinite(network.TrainBatch(dead.Inputs, live.Targets)));
                Assert.True(network.LastStepFinite);
            }

            ReadOnlySpan<float> state = State(network);
            for (int k = 0; k < state.Length; k++)
            {
                Assert.False(float.IsSubnormal(state[k]), $"state {k / network.Parameters.Length} of parameter {k % network.Parameters.Length} is subnormal: {state[k]:R}");
            }

            // Weight (i, o) is parameter i * outputs + o; inputs from inputs / 2 on were 0 after the first step.
            int stillDecaying = 0;
            for (int i = inputs / 2; i < inputs; i++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    for (int s = 0; s < states; s++)
                    {
                        float value = state[s * network.Parameters.Length + i * outputs + o];
                        stillDecaying += value == 0f ? 0 : 1;
                    }
                }
            }

            // AMSGrad's running maximum never decays; every other buffer of these weights decays by 0.9 or faster.
            int maxima = name == "AdamW" ? (inputs - inputs / 2) * outputs : 0;
            Assert.Equal(maxima, stillDecaying);
        }
        finally
        {
            if (network is FlushWideAdamNet wide)
            {
                wide.DegreeOfParallelism = 1;
            }
        }
    }

    /// <summary>
    /// A weight whose gradient is g₁ at the first step and 0 afterwards follows, in PyTorch's Adam,
    /// θ ← θ - lr/(1-β₁ᵗ) · β₁ᵗ⁻¹(1-β₁)g₁ / (√(β₂ᵗ⁻¹(1-β₂)g₁²)/√(1-β₂ᵗ) + ε), computed here in double precision; the
    /// flushed first moment must not move it.
    /// </summary>
    [Fact]
    public void AdamWeightWithoutGradientFollowsPyTorchsFormulaWhileItsMomentIsFlushed()
    {
        var network = new FlushAdamDefaultsNet(seed: 3);
        const int inputs = 20, outputs = 3;
        var (live, dead) = Data(inputs, outputs, seed: 11);
        network.TrainBatch(live.Inputs, live.Targets);
        float[] firstGradients = network.Gradients.ToArray();
        float[] afterFirst = network.Parameters.ToArray();
        const int steps = 1500;
        for (int step = 0; step < steps; step++)
        {
            network.TrainBatch(dead.Inputs, live.Targets);
        }

        const double lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        int flushed = 0;
        for (int i = inputs / 2; i < inputs; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                int k = i * outputs + o;
                double g = firstGradients[k];
                Assert.NotEqual(0.0, g);
                double theta = afterFirst[k];
                for (int t = 2; t <= steps + 1; t++)
                {
                    double m = Math.Pow(beta1, t - 1) * (1 - beta1) * g;
                    double v = Math.Pow(beta2, t - 1) * (1 - beta2) * g * g;
                    theta -= lr / (1 - Math.Pow(beta1, t)) * m / (Math.Sqrt(v) / Math.Sqrt(1 - Math.Pow(beta2, t)) + epsilon);
                }

                Assert.Equal(theta, network.Parameters[k], 5e-6);
                flushed += State(network)[k] == 0f ? 1 : 0;
            }
        }

        Assert.Equal((inputs - inputs / 2) * outputs, flushed);
    }

    private static ReadOnlySpan<float> State(INetwork network) => ((IOptimizerStateProbe)network).OptimizerState;

    private static ProbeCase Create(string name) => name switch
    {
        "Adam" => For(new FlushAdamNet(seed: 1)),
        "AdamW" => For(new FlushAdamWNet(seed: 1)),
        "Momentum" => For(new FlushMomentumNet(seed: 1)),
        "Nesterov" => For(new FlushNesterovNet(seed: 1)),
        "RMSprop" => For(new FlushRmsPropNet(seed: 1)),
        "Adadelta" => For(new FlushAdadeltaNet(seed: 1)),
        "WideAdam1" => For(new FlushWideAdamNet(seed: 1)),
        "WideAdam2" => For(new FlushWideAdamNet(seed: 1) { DegreeOfParallelism = 2 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown network"),
    };

    private static ProbeCase For<TNetwork>(TNetwork network)
        where TNetwork : INetwork, IOptimizerStateProbe => new(network, TNetwork.InputSize, TNetwork.OutputSize);

    private sealed record ProbeCase(INetwork Network, int Inputs, int Outputs);

    /// <summary>
    /// A batch with every input drawn from [-1, 1), and the same batch with the second half of each input row set to 0;
    /// random targets in [-1, 1).
    /// </summary>
    private static ((float[] Inputs, float[] Targets) Live, (float[] Inputs, float[] Targets) Dead) Data(int inputs, int outputs, ulong seed)
    {
        var random = new SeededRandom(seed);
        var x = new float[Samples * inputs];
        var targets = new float[Samples * outputs];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = 2f * random.NextSingle() - 1f;
        }

        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] = 2f * random.NextSingle() - 1f;
        }

        var halved = (float[])x.Clone();
        for (int s = 0; s < Samples; s++)
        {
            Array.Clear(halved, s * inputs + inputs / 2, inputs - inputs / 2);
        }

        return ((x, targets), (halved, targets));
    }
}
