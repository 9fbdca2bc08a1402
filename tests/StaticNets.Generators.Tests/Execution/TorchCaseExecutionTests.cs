using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Execution;

/// <summary>
/// Each PyTorch reference case declared as a network, generated and compiled in this process, and run: losses,
/// gradients, optimizer steps and CNN outputs must be torch's. These are the generator's behavioural tests (a
/// snapshot only says that the code changed); they are what a mutation run over the emitters is measured with.
/// </summary>
public sealed class TorchCaseExecutionTests
{
    /// <summary>Loss vs torch, relative; the runtime tests measured at most 3.7e-7 on these cases.</summary>
    private const double LossTolerance = 1e-6;

    /// <summary>Gradients vs torch, relative to the largest of the case; the runtime tests measured at most 3.3e-7.</summary>
    private const double GradientTolerance = 5e-7;

    /// <summary>Parameters after each step vs torch, absolute on parameters of order 1; measured at most 6.7e-7.</summary>
    private const double ParameterTolerance = 1e-6;

    /// <summary>CNN outputs, loss and gradients vs torch, relative to the largest value: float sums of up to a few hundred terms.</summary>
    private const double ConvolutionTolerance = 1e-5;

    public static IEnumerable<object[]> LossCases => TorchCases.Names(TorchCases.Losses);

    public static IEnumerable<object[]> OptimizerCases => TorchCases.Names(TorchCases.Optimizers);

    public static IEnumerable<object[]> ConvolutionCases => TorchCases.Names(TorchCases.Convolutions);

    [Theory]
    [MemberData(nameof(LossCases))]
    public void ForwardAndBackwardGiveTorchsLossesAndGradients(string name)
    {
        JsonElement fixture = TorchCases.Named(TorchCases.Losses, name);
        int batch = fixture.GetProperty("batch").GetInt32();
        INetwork network = LoadedNetworks.Compile(TorchCases.Declaration(fixture, network: LossSettings(fixture))).Create("Case.Net", seed: 1, batch);
        SetParameters(network, fixture.Floats("parameters"));
        float[] targets = fixture.Floats("targets");

        network.ZeroGradients();
        network.Forward(fixture.Floats("inputs"), new float[targets.Length]);
        float loss = network.Backward(targets);

        AssertClose("total loss", loss, fixture.Number("total_loss"), LossTolerance);
        AssertClose("data loss", network.LastDataLoss, fixture.Number("data_loss"), LossTolerance);
        AssertClose("penalty", network.LastRegularizationLoss, fixture.Number("penalty"), LossTolerance);
        AssertVectorClose("gradients", network.Gradients, fixture.Doubles("gradients"), GradientTolerance, scale: null);
    }

    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void FiveTrainingStepsGiveTorchsParameters(string name)
    {
        JsonElement fixture = TorchCases.Named(TorchCases.Optimizers, name);
        (string optimizer, string settings) = OptimizerSettings(fixture);
        INetwork network = LoadedNetworks.Compile(TorchCases.Declaration(fixture, optimizer, settings))
            .Create("Case.Net", seed: 1, fixture.GetProperty("batch").GetInt32());
        SetParameters(network, fixture.Floats("parameters"));
        Assert.Equal((float)fixture.GetProperty("hyper").GetProperty("lr").GetDouble(), network.LearningRate);

        JsonElement[] batches = fixture.GetProperty("batches").EnumerateArray().ToArray();
        double[] losses = fixture.Doubles("losses");
        JsonElement[] after = fixture.GetProperty("parameters_after").EnumerateArray().ToArray();
        for (int step = 0; step < batches.Length; step++)
        {
            float loss = network.TrainBatch(batches[step].Floats("inputs"), batches[step].Floats("targets"));

            AssertClose($"loss before step {step + 1}", loss, losses[step], LossTolerance);
            AssertVectorClose($"parameters after step {step + 1}", network.Parameters,
                after[step].EnumerateArray().Select(static v => v.GetDouble()).ToArray(), ParameterTolerance, scale: 1);
            Assert.Equal(step + 1, network.StepCount);
        }
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void ConvolutionalNetworksGiveTorchsOutputsLossAndGradients(string name)
    {
        JsonElement fixture = TorchCases.Named(TorchCases.Convolutions, name);
        int batch = fixture.GetProperty("batch").GetInt32();
        INetwork network = LoadedNetworks.Compile(TorchCases.Declaration(fixture)).Create("Case.Net", seed: 1, batch);
        SetParameters(network, fixture.Floats("parameters"));
        float[] inputs = fixture.Floats("inputs");
        double[] expected = fixture.Doubles("outputs");
        int inputSize = inputs.Length / batch, outputSize = expected.Length / batch;

        var outputs = new float[expected.Length];
        network.Forward(inputs, outputs);
        AssertVectorClose("Forward outputs", outputs, expected, ConvolutionTolerance, scale: null);

        var predicted = new float[expected.Length];
        for (int s = 0; s < batch; s++)
        {
            network.Predict(inputs.AsSpan(s * inputSize, inputSize), predicted.AsSpan(s * outputSize, outputSize));
        }

        AssertVectorClose("Predict outputs", predicted, expected, ConvolutionTolerance, scale: null);

        var batched = new float[expected.Length];
        PredictBatch(network, inputs, batched);
        AssertVectorClose("PredictBatch outputs", batched, expected, ConvolutionTolerance, scale: null);

        network.ZeroGradients();
        network.Forward(inputs, outputs);
        float loss = network.Backward(fixture.Floats("targets"));
        AssertClose("loss", loss, fixture.Number("loss_value"), ConvolutionTolerance);
        AssertVectorClose("gradients", network.Gradients, fixture.Doubles("gradients"), ConvolutionTolerance, scale: null);
    }

    /// <summary>The case's network settings of losses.json: the Huber threshold and the penalties.</summary>
    private static string LossSettings(JsonElement fixture)
    {
        var settings = new StringBuilder();
        if (fixture.TryGetProperty("delta", out JsonElement delta))
        {
            settings.Append(", HuberDelta = ").Append(TorchCases.Literal(delta.GetDouble()));
        }

        settings.Append(", L1 = ").Append(TorchCases.Literal(fixture.Number("l1")));
        settings.Append(", L2 = ").Append(TorchCases.Literal(fixture.Number("l2")));
        return settings.ToString();
    }

    /// <summary>The <see cref="Optimizer"/> and the <c>[Network]</c> settings of a torch optimizer and its hyper-parameters.</summary>
    private static (string Optimizer, string Settings) OptimizerSettings(JsonElement fixture)
    {
        JsonElement hyper = fixture.GetProperty("hyper");
        string kind = fixture.GetProperty("optimizer").GetString()!;
        string optimizer = kind switch
        {
            "SGD" when hyper.GetProperty("nesterov").GetBoolean() => "Optimizer.Nesterov",
            "SGD" when hyper.GetProperty("momentum").GetDouble() > 0 => "Optimizer.Momentum",
            "SGD" => "Optimizer.Sgd",
            _ => "Optimizer." + kind,
        };

        var settings = new StringBuilder();
        foreach (JsonProperty setting in hyper.EnumerateObject())
        {
            string? attribute = setting.Name switch
            {
                "lr" => "LearningRate",
                "momentum" => "Momentum",
                "dampening" => "Dampening",
                "weight_decay" => "WeightDecay",
                "lr_decay" => "LearningRateDecay",
                "initial_accumulator_value" => "InitialAccumulatorValue",
                "eps" => "Epsilon",
                "rho" => "Rho",
                "alpha" => "Alpha",
                "beta1" => "Beta1",
                "beta2" => "Beta2",
                "centered" => "Centered",
                "amsgrad" => "AmsGrad",
                "nesterov" => null, // the optimizer itself
                _ => throw new NotSupportedException($"{fixture.GetProperty("name").GetString()}: hyper-parameter {setting.Name}"),
            };

            if (attribute is not null)
            {
                string value = setting.Value.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => TorchCases.Literal(setting.Value.GetDouble()),
                };
                settings.Append(CultureInfo.InvariantCulture, $", {attribute} = {value}");
            }
        }

        return (optimizer, settings.ToString());
    }

    private static void SetParameters(INetwork network, float[] parameters)
    {
        Assert.Equal(parameters.Length, network.Parameters.Length);
        parameters.CopyTo(network.Parameters);
    }

    /// <summary>The generated <c>PredictBatch(ReadOnlyMemory, Memory)</c>, which is not part of <see cref="INetwork"/>.</summary>
    internal static void PredictBatch(INetwork network, float[] inputs, float[] outputs)
    {
        MethodInfo method = network.GetType().GetMethod("PredictBatch", [typeof(ReadOnlyMemory<float>), typeof(Memory<float>)])
            ?? throw new InvalidOperationException("the generated network has no PredictBatch(ReadOnlyMemory<float>, Memory<float>)");
        method.Invoke(network, [(ReadOnlyMemory<float>)inputs, (Memory<float>)outputs]);
    }

    /// <summary>|actual − expected| ≤ tolerance · |expected| (a reference of 0 needs exactly 0).</summary>
    internal static void AssertClose(string quantity, double actual, double expected, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"{quantity}: {actual:R}, expected {expected:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2} > {tolerance:E0})");

    /// <summary>
    /// |actual − expected| ≤ tolerance · max(|expected|, scale) elementwise; <paramref name="scale"/> defaults to the
    /// largest |expected|, so that values which cancel are judged by the size of the vector.
    /// </summary>
    internal static void AssertVectorClose(string quantity, ReadOnlySpan<float> actual, IReadOnlyList<double> expected, double tolerance, double? scale)
    {
        Assert.Equal(expected.Count, actual.Length);
        double s = scale ?? expected.Max(Math.Abs);
        Assert.True(s > 0, $"{quantity}: the reference is all zeros, so the comparison would be vacuous");
        for (int k = 0; k < expected.Count; k++)
        {
            double error = Math.Abs(actual[k] - expected[k]) / Math.Max(Math.Abs(expected[k]), s);
            Assert.True(error <= tolerance,
                $"{quantity} [{k}]: {actual[k]:R}, expected {expected[k]:R} (error {error:E2} > {tolerance:E0})");
        }
    }
}
