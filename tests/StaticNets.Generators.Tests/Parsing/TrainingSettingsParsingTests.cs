using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Parsing;

/// <summary>
/// What the parser makes of the training toolkit: optimizer hyper-parameters with PyTorch's defaults, the Huber delta,
/// activation parameters, L1/L2 penalties and dropout layers.
/// </summary>
public sealed class TrainingSettingsParsingTests
{
    public static TheoryData<string> OptimizerNames => new(Enum.GetNames<OptimizerKind>());

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void UnsetHyperParametersTakePyTorchsDefaultsForTheOptimizer(string optimizer)
    {
        OptimizerKind kind = Enum.Parse<OptimizerKind>(optimizer);
        NetworkModel model = ModelParsing.ParseValid(Network($"Loss.MeanSquaredError, Optimizer.{optimizer}"), "Samples.Net");

        Assert.Equal(kind, model.Optimizer);
        Assert.Equal(TestModels.PyTorchDefaults(kind), model.Settings);
        Assert.Equal(TestModels.PyTorchLearningRate(kind), model.LearningRate);
    }

    [Fact]
    public void AdamDefaultsAreTorchOptimAdams()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.Adam"), "Samples.Net");

        Assert.Equal(0.9f, model.Settings.Beta1);
        Assert.Equal(0.999f, model.Settings.Beta2);
        Assert.Equal(1e-8f, model.Settings.Epsilon);
        Assert.Equal(0f, model.Settings.WeightDecay);
        Assert.False(model.Settings.AmsGrad);
        Assert.Equal(0.001f, model.LearningRate);
    }

    [Fact]
    public void AdamWDecaysWeightsByDefault()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.AdamW"), "Samples.Net");

        Assert.Equal(0.01f, model.Settings.WeightDecay);
        Assert.Equal(0.001f, model.LearningRate);
    }

    [Fact]
    public void AdadeltaDefaultsAreTorchOptimAdadeltas()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.Adadelta"), "Samples.Net");

        Assert.Equal(1f, model.LearningRate);
        Assert.Equal(0.9f, model.Settings.Rho);
        Assert.Equal(1e-6f, model.Settings.Epsilon);
    }

    [Fact]
    public void AdagradDefaultsAreTorchOptimAdagrads()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.Adagrad"), "Samples.Net");

        Assert.Equal(0.01f, model.LearningRate);
        Assert.Equal(1e-10f, model.Settings.Epsilon);
        Assert.Equal(0f, model.Settings.LearningRateDecay);
        Assert.Equal(0f, model.Settings.InitialAccumulatorValue);
    }

    [Fact]
    public void RmsPropDefaultsAreTorchOptimRmsProps()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.RMSprop"), "Samples.Net");

        Assert.Equal(0.01f, model.LearningRate);
        Assert.Equal(0.99f, model.Settings.Alpha);
        Assert.Equal(1e-8f, model.Settings.Epsilon);
        Assert.Equal(0f, model.Settings.Momentum);
        Assert.False(model.Settings.Centered);
    }

    [Theory]
    [InlineData("Momentum")]
    [InlineData("Nesterov")]
    public void MomentumOptimizersDefaultToMomentumNinetyHundredths(string optimizer)
    {
        NetworkModel model = ModelParsing.ParseValid(Network($"Loss.MeanSquaredError, Optimizer.{optimizer}"), "Samples.Net");

        Assert.Equal(0.9f, model.Settings.Momentum);
        Assert.Equal(0f, model.Settings.Dampening);
        Assert.Equal(0.01f, model.LearningRate);
    }

    [Fact]
    public void PlainSgdHasNoMomentumUnlessDeclared()
    {
        NetworkModel plain = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.Sgd"), "Samples.Net");
        NetworkModel declared = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.Sgd, Momentum = 0.5f, Dampening = 0.25f, WeightDecay = 1e-4f"), "Samples.Net");

        Assert.Equal(OptimizerSettings.Sgd, plain.Settings);
        Assert.Equal(OptimizerSettings.Sgd with { Momentum = 0.5f, Dampening = 0.25f, WeightDecay = 1e-4f }, declared.Settings);
    }

    [Theory]
    [InlineData("Sgd", 0.5f)]
    [InlineData("Adadelta", 0.25f)]
    [InlineData("Adam", 0.125f)]
    [InlineData("AdamW", 3e-4f)]
    public void DeclaredLearningRateReplacesTheOptimizersDefault(string optimizer, float learningRate)
    {
        NetworkModel model = ModelParsing.ParseValid(
            Network($"Loss.MeanSquaredError, Optimizer.{optimizer}, LearningRate = {learningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}f"),
            "Samples.Net");

        Assert.Equal(learningRate, model.LearningRate);
    }

    private static readonly Dictionary<string, OptimizerSettings> Declared = new()
    {
        { "Optimizer.Momentum, Momentum = 0.5f, Dampening = 0.5f, WeightDecay = 0.001f", OptimizerSettings.Sgd with { Momentum = 0.5f, Dampening = 0.5f, WeightDecay = 0.001f } },
        { "Optimizer.Nesterov, Momentum = 0.95f, Dampening = 0f", OptimizerSettings.Sgd with { Momentum = 0.95f } },
        { "Optimizer.Adagrad, LearningRateDecay = 0.01f, InitialAccumulatorValue = 0.1f, Epsilon = 1e-6f, WeightDecay = 0.5f", OptimizerSettings.Sgd with { LearningRateDecay = 0.01f, InitialAccumulatorValue = 0.1f, Epsilon = 1e-6f, WeightDecay = 0.5f } },
        { "Optimizer.Adadelta, Rho = 0.95f, Epsilon = 1e-5f", OptimizerSettings.Sgd with { Rho = 0.95f, Epsilon = 1e-5f } },
        { "Optimizer.Adadelta, Rho = 1f", OptimizerSettings.Sgd with { Rho = 1f, Epsilon = 1e-6f } },
        { "Optimizer.RMSprop, Alpha = 0.9f, Momentum = 0.8f, Centered = true, Epsilon = 1e-6f", OptimizerSettings.Sgd with { Alpha = 0.9f, Momentum = 0.8f, Centered = true, Epsilon = 1e-6f } },
        { "Optimizer.Adam, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-7f, WeightDecay = 1e-4f, AmsGrad = true", OptimizerSettings.Sgd with { Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-7f, WeightDecay = 1e-4f, AmsGrad = true } },
        { "Optimizer.Adam, Beta1 = 0f", OptimizerSettings.Sgd with { Beta1 = 0f, Beta2 = 0.999f, Epsilon = 1e-8f } },
        { "Optimizer.AdamW, WeightDecay = 0f", OptimizerSettings.Sgd with { Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f } },
        { "Optimizer.AdamW, WeightDecay = 0.1f, AmsGrad = true", OptimizerSettings.Sgd with { Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f, WeightDecay = 0.1f, AmsGrad = true } },
    };

    public static TheoryData<string> DeclaredSettings => new(Declared.Keys);

    [Theory]
    [MemberData(nameof(DeclaredSettings))]
    public void DeclaredHyperParametersAreKeptAndTheRestDefaulted(string arguments)
    {
        OptimizerSettings expected = Declared[arguments];
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, " + arguments), "Samples.Net");

        Assert.Equal(expected, model.Settings);
    }

    [Fact]
    public void DeclaredFalseFlagsAreAccepted()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError, Optimizer.RMSprop, Centered = false"), "Samples.Net");

        Assert.False(model.Settings.Centered);
    }

    [Fact]
    public void HuberDeltaDefaultsToOneAndKeepsADeclaredValue()
    {
        NetworkModel unset = ModelParsing.ParseValid(Network("Loss.Huber"), "Samples.Net");
        NetworkModel declared = ModelParsing.ParseValid(Network("Loss.Huber, HuberDelta = 0.25f"), "Samples.Net");

        Assert.Equal(LossKind.Huber, unset.Loss);
        Assert.Equal(1f, unset.HuberDelta);
        Assert.Equal(0.25f, declared.HuberDelta);
    }

    [Theory]
    [InlineData("Activation.LeakyReLU", "", 0.01f)]
    [InlineData("Activation.LeakyReLU", ", NegativeSlope = 0.2f", 0.2f)]
    [InlineData("Activation.LeakyReLU", ", NegativeSlope = 0f", 0f)]
    [InlineData("Activation.LeakyReLU", ", NegativeSlope = -0.5f", -0.5f)] // PyTorch accepts any finite slope
    [InlineData("Activation.ELU", "", 1f)]
    [InlineData("Activation.ELU", ", Alpha = 0.5f", 0.5f)]
    [InlineData("Activation.ReLU", "", 0f)]
    [InlineData("Activation.GELU", "", 0f)]
    [InlineData("Activation.SiLU", "", 0f)]
    public void ActivationParameterIsTheDeclaredOrPyTorchDefaultValue(string activation, string named, float expected)
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError", $"[Dense(3, {activation}{named})]", "[Dense(1)]"), "Samples.Net");

        Assert.Equal(expected, model.Layers[0].ActivationParameter);
        Assert.Equal(0f, model.Layers[1].ActivationParameter);
    }

    [Fact]
    public void NetworkWidePenaltiesApplyToEveryDenseLayerUnlessTheLayerDeclaresItsOwn()
    {
        NetworkModel model = ModelParsing.ParseValid(
            Network(
                "Loss.MeanSquaredError, L1 = 0.001f, L2 = 0.01f",
                "[Dense(5, Activation.ReLU)]",
                "[Dropout(0.5f)]",
                "[Dense(4, Activation.Tanh, L2 = 0.5f)]",
                "[Dense(3, Activation.Tanh, L1 = 0f)]",
                "[Dense(1, L1 = 0f, L2 = 0f)]"),
            "Samples.Net");

        Assert.Equal(
            [(0.001f, 0.01f), (0f, 0f), (0.001f, 0.5f), (0f, 0.01f), (0f, 0f)],
            model.Layers.Select(static l => (l.L1, l.L2)));
        Assert.Equal([true, false, true, true, false], model.Layers.Select(static l => l.IsRegularized));
        Assert.True(model.IsRegularized);
    }

    [Fact]
    public void LayerPenaltiesWorkWithoutNetworkWideOnes()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError", "[Dense(5, Activation.ReLU, L1 = 0.25f)]", "[Dense(1)]"), "Samples.Net");

        Assert.Equal([(0.25f, 0f), (0f, 0f)], model.Layers.Select(static l => (l.L1, l.L2)));
    }

    [Fact]
    public void NetworkWithoutPenaltiesIsNotRegularized()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError", "[Dense(5, Activation.ReLU)]", "[Dense(1)]"), "Samples.Net");

        Assert.False(model.IsRegularized);
        Assert.All(model.Layers, static l => Assert.Equal((0f, 0f), (l.L1, l.L2)));
    }

    [Fact]
    public void DropoutLayerHasNoParametersAndTheNextLayerReadsItsWidth()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError", "[Dense(6, Activation.ReLU)]", "[Dropout(0.25f)]", "[Dense(3)]"), "Samples.Net");

        // 4*6 + 6 = 30 parameters in layer 1; the dropout layer sits at offset 30 and holds none; 6*3 + 3 = 21 in layer 3.
        Assert.Equal(
            [
                TestModels.Dense(1, 4, 6, ActivationKind.ReLU, offset: 0),
                TestModels.Dropout(2, 6, 0.25f),
                TestModels.Dense(3, 6, 3, ActivationKind.Linear, offset: 30),
            ],
            model.Layers);
        Assert.Equal(0, model.Layers[1].ParameterCount);
        Assert.Empty(model.Layers[1].Parameters);
        Assert.False(model.Layers[1].IsDense);
        Assert.Equal(51, model.ParameterCount);
        Assert.True(model.HasDropout);
    }

    [Fact]
    public void DropoutOnTheInputsHasTheInputWidth()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError", "[Dropout(0.1f)]", "[Dense(2)]"), "Samples.Net");

        Assert.Equal(TestModels.Dropout(1, 4, 0.1f), model.Layers[0]);
        Assert.Equal(TestModels.Dense(2, 4, 2, ActivationKind.Linear, offset: 0), model.Layers[1]);
        Assert.Equal(10, model.ParameterCount);
    }

    [Fact]
    public void BackToBackDropoutLayersKeepTheWidth()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("Loss.MeanSquaredError", "[Dense(7)]", "[Dropout(0.5f)]", "[Dropout(0f)]", "[Dense(2)]"), "Samples.Net");

        Assert.Equal([(4, 7), (7, 7), (7, 7), (7, 2)], model.Layers.Select(static l => (l.Inputs, l.Outputs)));
        Assert.Equal([0.5f, 0f], model.Layers.Where(static l => l.Kind == LayerKind.Dropout).Select(static l => l.Dropout.Rate));
        Assert.Equal(4 * 7 + 7 + 7 * 2 + 2, model.ParameterCount);
    }

    [Fact]
    public void NetworkWithoutDropoutHasNone()
    {
        Assert.False(ModelParsing.ParseValid(SampleNetworks.Tiny, "Samples.TinyNet").HasDropout);
    }

    [Fact]
    public void IgnoredOptimizerSettingsKeepTheirNeutralValues()
    {
        // SN0012 warnings: the model is still produced, without the settings the optimizer does not use.
        var diagnostics = new List<Diagnostic>();
        NetworkModel? model = ModelParsing.Parse(
            Network("Loss.MeanSquaredError, Optimizer.Sgd, Beta1 = 0.5f, Beta2 = 0.5f, Epsilon = 1e-3f, Rho = 0.5f, Alpha = 0.5f, Centered = true, AmsGrad = true, LearningRateDecay = 0.5f, InitialAccumulatorValue = 0.5f"),
            "Samples.Net",
            diagnostics);

        Assert.NotNull(model);
        Assert.Equal(9, diagnostics.Count);
        Assert.All(diagnostics, static d => Assert.Equal(DiagnosticDescriptors.SettingNotUsed, d.Descriptor));
        Assert.Equal(OptimizerSettings.Sgd, model.Settings);
    }

    /// <summary>Declarations that draw only SN0012, and the same declaration without the ignored setting.</summary>
    public static TheoryData<string, string, string> IgnoredSettings => new()
    {
        { "Beta2 on Sgd", "Loss.MeanSquaredError, Optimizer.Sgd, Beta2 = 0.99f", "[Dense(3, Activation.Tanh)]" },
        { "Centered on Adam", "Loss.MeanSquaredError, Optimizer.Adam, Centered = true", "[Dense(3, Activation.Tanh)]" },
        { "Momentum on Adagrad", "Loss.MeanSquaredError, Optimizer.Adagrad, Momentum = 0.9f", "[Dense(3, Activation.Tanh)]" },
        { "NegativeSlope on ReLU", "Loss.MeanSquaredError", "[Dense(3, Activation.ReLU, NegativeSlope = 0.2f)]" },
        { "Alpha on Tanh", "Loss.MeanSquaredError", "[Dense(3, Activation.Tanh, Alpha = 0.5f)]" },
        { "HuberDelta on MSE", "Loss.MeanSquaredError, HuberDelta = 2f", "[Dense(3, Activation.Tanh)]" },
    };

    [Theory]
    [MemberData(nameof(IgnoredSettings))]
    public void AnIgnoredSettingDoesNotChangeTheModel(string name, string network, string hidden)
    {
        // An SN0012 setting is ignored: the model (and so the generated code and the pipeline's cache key) must be the
        // one of the same declaration without it, as the optimizer settings already are.
        var diagnostics = new List<Diagnostic>();
        NetworkModel? withSetting = ModelParsing.Parse(Network(network, hidden, "[Dense(1)]"), "Samples.Net", diagnostics);
        string without = StripIgnored(network);
        NetworkModel withoutSetting = ModelParsing.ParseValid(Network(without, StripIgnored(hidden), "[Dense(1)]"), "Samples.Net");

        Assert.NotNull(withSetting);
        Assert.Equal(DiagnosticDescriptors.SettingNotUsed, Assert.Single(diagnostics).Descriptor);
        Assert.True(withoutSetting.Equals(withSetting), $"{name}: the ignored setting changed the model.\n  with:    {withSetting}\n  without: {withoutSetting}");
    }

    private static string StripIgnored(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @", (Beta2|Centered|Momentum|NegativeSlope|Alpha|HuberDelta) = [^,)\]]+", string.Empty);

    /// <summary>A network with 4 inputs, the given <c>[Network]</c> arguments and layers (one <c>[Dense(1)]</c> if none).</summary>
    private static string Network(string networkArguments, params string[] layers) => $$"""
        using StaticNets;
        namespace Samples;

        [Network({{networkArguments}})]
        [Input(4)]
        {{(layers.Length == 0 ? "[Dense(1)]" : string.Join("\n", layers))}}
        public partial class Net;
        """;
}
