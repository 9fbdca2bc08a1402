using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>
/// The training toolkit's diagnostics: SN0011 (a setting out of range, an error), SN0012 (a setting the chosen
/// optimizer, loss or activation ignores, a warning that does not stop generation), SN0107 (dropout as the output
/// layer), and SN0004/SN0105 for the new optimizers and losses.
/// </summary>
public sealed class TrainingDiagnosticTests
{
    /// <summary>A marked declaration: <c>{network}</c> and <c>{layers}</c> are replaced.</summary>
    private static string Declaration(string network, params string[] layers) => $$"""
        using StaticNets;
        namespace Samples;

        {{network}}
        [Input(3)]
        {{string.Join("\n", layers)}}
        public partial class Net;
        """;

    // ---------------------------------------------------------------- SN0011: settings out of range (errors)

    /// <summary>Each case: the <c>[Network]</c> line and the layers, with the reported span marked.</summary>
    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        // name, network line, layers
        { "Beta1 above 1 on Adam", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = 1.5f)|]]", "[Dense(1)]" },
        { "Beta1 of exactly 1 on AdamW", "[[|Network(Loss.MeanSquaredError, Optimizer.AdamW, Beta1 = 1f)|]]", "[Dense(1)]" },
        { "Beta2 of exactly 1 on Adam", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Beta2 = 1f)|]]", "[Dense(1)]" },
        { "Negative momentum on Momentum", "[[|Network(Loss.MeanSquaredError, Optimizer.Momentum, Momentum = -0.1f)|]]", "[Dense(1)]" },
        { "Negative momentum on Sgd", "[[|Network(Loss.MeanSquaredError, Optimizer.Sgd, Momentum = -0.1f)|]]", "[Dense(1)]" },
        { "Momentum of 1 on RMSprop", "[[|Network(Loss.MeanSquaredError, Optimizer.RMSprop, Momentum = 1f)|]]", "[Dense(1)]" },
        { "Zero epsilon on Adam", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Epsilon = 0f)|]]", "[Dense(1)]" },
        { "Negative epsilon on Adagrad", "[[|Network(Loss.MeanSquaredError, Optimizer.Adagrad, Epsilon = -1e-10f)|]]", "[Dense(1)]" },
        { "Infinite epsilon on RMSprop", "[[|Network(Loss.MeanSquaredError, Optimizer.RMSprop, Epsilon = float.PositiveInfinity)|]]", "[Dense(1)]" },
        { "Dampening with Nesterov", "[[|Network(Loss.MeanSquaredError, Optimizer.Nesterov, Dampening = 0.5f)|]]", "[Dense(1)]" },
        { "Nesterov without momentum", "[[|Network(Loss.MeanSquaredError, Optimizer.Nesterov, Momentum = 0f)|]]", "[Dense(1)]" },
        { "Dampening above 1", "[[|Network(Loss.MeanSquaredError, Optimizer.Momentum, Dampening = 1.5f)|]]", "[Dense(1)]" },
        { "Negative weight decay", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, WeightDecay = -0.01f)|]]", "[Dense(1)]" },
        { "Rho above 1 on Adadelta", "[[|Network(Loss.MeanSquaredError, Optimizer.Adadelta, Rho = 1.5f)|]]", "[Dense(1)]" },
        { "Negative alpha on RMSprop", "[[|Network(Loss.MeanSquaredError, Optimizer.RMSprop, Alpha = -0.1f)|]]", "[Dense(1)]" },
        { "Negative learning-rate decay on Adagrad", "[[|Network(Loss.MeanSquaredError, Optimizer.Adagrad, LearningRateDecay = -1f)|]]", "[Dense(1)]" },
        { "Negative initial accumulator on Adagrad", "[[|Network(Loss.MeanSquaredError, Optimizer.Adagrad, InitialAccumulatorValue = -0.1f)|]]", "[Dense(1)]" },
        { "Explicit NaN beta2", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Beta2 = float.NaN)|]]", "[Dense(1)]" },
        { "Explicit NaN weight decay", "[[|Network(Loss.MeanSquaredError, Optimizer.Sgd, WeightDecay = float.NaN)|]]", "[Dense(1)]" },
        { "Dropout rate of 1", "[Network(Loss.MeanSquaredError)]", "[Dense(4, Activation.ReLU)]\n[[|Dropout(1f)|]]\n[Dense(1)]" },
        { "Negative dropout rate", "[Network(Loss.MeanSquaredError)]", "[Dense(4, Activation.ReLU)]\n[[|Dropout(-0.1f)|]]\n[Dense(1)]" },
        { "NaN dropout rate", "[Network(Loss.MeanSquaredError)]", "[[|Dropout(float.NaN)|]]\n[Dense(1)]" },
        { "Zero Huber delta", "[[|Network(Loss.Huber, HuberDelta = 0f)|]]", "[Dense(1)]" },
        { "Negative Huber delta", "[[|Network(Loss.Huber, HuberDelta = -1f)|]]", "[Dense(1)]" },
        { "NaN Huber delta", "[[|Network(Loss.Huber, HuberDelta = float.NaN)|]]", "[Dense(1)]" },
        { "Negative L2 on the network", "[[|Network(Loss.MeanSquaredError, L2 = -1f)|]]", "[Dense(1)]" },
        { "Infinite L1 on the network", "[[|Network(Loss.MeanSquaredError, L1 = float.PositiveInfinity)|]]", "[Dense(1)]" },
        { "Negative L2 on a layer", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.Tanh, L2 = -1f)|]]\n[Dense(1)]" },
        { "NaN L1 on a layer", "[Network(Loss.MeanSquaredError)]", "[Dense(4, Activation.Tanh)]\n[[|Dense(1, L1 = float.NaN)|]]" },
        { "Infinite LeakyReLU slope", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.LeakyReLU, NegativeSlope = float.PositiveInfinity)|]]\n[Dense(1)]" },
        { "NaN LeakyReLU slope", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.LeakyReLU, NegativeSlope = float.NaN)|]]\n[Dense(1)]" },
        { "Zero ELU alpha", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.ELU, Alpha = 0f)|]]\n[Dense(1)]" },
        { "Negative ELU alpha", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.ELU, Alpha = -1f)|]]\n[Dense(1)]" },
        { "Infinite ELU alpha", "[Network(Loss.MeanSquaredError)]", "[Dense(4, Activation.Tanh)]\n[[|Dense(1, Activation.ELU, Alpha = float.PositiveInfinity)|]]" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void SettingOutOfRangeIsReportedOnItsAttribute(string name, string network, string layers)
    {
        Assert.NotEmpty(name);
        DiagnosticAssert.ReportsExactly(Declaration(network, layers), (DiagnosticDescriptors.InvalidSetting, 0));
    }

    [Theory]
    [InlineData("[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = 1.5f)|]]", "[Dense(1)]", "Beta1 = 1.5 is not valid; declare a factor in [0, 1), such as 0.9")]
    [InlineData("[[|Network(Loss.MeanSquaredError, Optimizer.Momentum, Momentum = -0.1f)|]]", "[Dense(1)]", "Momentum = -0.1 is not valid; declare a factor in [0, 1), such as 0.9")]
    [InlineData("[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Epsilon = 0f)|]]", "[Dense(1)]", "Epsilon = 0 is not valid; declare a small positive value such as 1e-8")]
    [InlineData("[[|Network(Loss.MeanSquaredError, Optimizer.Nesterov, Dampening = 0.5f)|]]", "[Dense(1)]", "Dampening = 0.5 is not valid; declare 0: Nesterov momentum needs zero dampening, as in PyTorch")]
    [InlineData("[[|Network(Loss.MeanSquaredError, Optimizer.Nesterov, Momentum = 0f)|]]", "[Dense(1)]", "Momentum = 0 is not valid; declare a positive factor below 1 for Nesterov momentum, such as 0.9")]
    [InlineData("[[|Network(Loss.Huber, HuberDelta = 0f)|]]", "[Dense(1)]", "HuberDelta = 0 is not valid; declare a positive, finite value such as 1")]
    [InlineData("[[|Network(Loss.MeanSquaredError, L2 = -1f)|]]", "[Dense(1)]", "L2 = -1 is not valid; declare zero or a positive, finite value such as 1e-4")]
    [InlineData("[Network(Loss.MeanSquaredError)]", "[Dense(4)]\n[[|Dropout(1f)|]]\n[Dense(1)]", "Layer 2 (Dropout) rate = 1 is not valid; declare a probability in [0, 1), such as 0.2")]
    [InlineData("[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.ELU, Alpha = 0f)|]]\n[Dense(1)]", "Layer 1 (Dense) Alpha = 0 is not valid; declare a positive, finite value such as 1")]
    [InlineData("[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.LeakyReLU, NegativeSlope = float.NaN)|]]\n[Dense(1)]", "Layer 1 (Dense) NegativeSlope = NaN is not valid; declare a finite value such as 0.01")]
    public void SettingOutOfRangeMessageNamesTheSettingTheValueAndARange(string network, string layers, string message)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(Declaration(network, layers), (DiagnosticDescriptors.InvalidSetting, 0));

        Assert.Equal(message, run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void InfiniteValueIsQuotedInTheMessage()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Declaration("[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.LeakyReLU, NegativeSlope = float.PositiveInfinity)|]]\n[Dense(1)]"),
            (DiagnosticDescriptors.InvalidSetting, 0));

        Assert.Equal(
            $"Layer 1 (Dense) NegativeSlope = {float.PositiveInfinity.ToString(CultureInfo.InvariantCulture)} is not valid; declare a finite value such as 0.01",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Optimizer.Adam")]
    [InlineData("Optimizer.Adadelta")]
    [InlineData("Optimizer.Sgd")]
    public void ExplicitNaNLearningRateIsAnInvalidLearningRateNotUnset(string optimizer)
    {
        // An unset learning rate takes the optimizer's default; a declared NaN is a mistake, whatever the optimizer.
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Declaration($"[[|Network(Loss.MeanSquaredError, {optimizer}, LearningRate = float.NaN)|]]", "[Dense(1)]"),
            (DiagnosticDescriptors.InvalidLearningRate, 0));

        Assert.StartsWith("Learning rate NaN is not valid", run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Momentum = -0.1f")]
    [InlineData("Dampening = 2f")]
    public void OneBadNesterovSettingIsReportedOnce(string setting)
    {
        // Nesterov adds its own checks (momentum above 0, dampening 0) to the general ranges; a value that breaks both
        // is still one mistake, and must draw one SN0011, not two for the same setting.
        DiagnosticAssert.ReportsExactly(
            Declaration($"[[|Network(Loss.MeanSquaredError, Optimizer.Nesterov, {setting})|]]", "[Dense(1)]"),
            (DiagnosticDescriptors.InvalidSetting, 0));
    }

    [Fact]
    public void EveryInvalidSettingOfOneDeclarationIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            Declaration(
                "[[|Network(Loss.Huber, Optimizer.Adam, Beta1 = 2f, Beta2 = -1f, Epsilon = 0f, WeightDecay = -1f, HuberDelta = 0f, L1 = -1f)|]]",
                "[[|Dense(4, Activation.LeakyReLU, NegativeSlope = float.NegativeInfinity, L2 = -0.5f)|]]",
                "[[|Dropout(2f)|]]",
                "[[|Dense(2, Activation.ELU, Alpha = -1f)|]]",
                "[Dense(1)]"),
            (DiagnosticDescriptors.InvalidSetting, 0), // Beta1
            (DiagnosticDescriptors.InvalidSetting, 0), // Beta2
            (DiagnosticDescriptors.InvalidSetting, 0), // Epsilon
            (DiagnosticDescriptors.InvalidSetting, 0), // WeightDecay
            (DiagnosticDescriptors.InvalidSetting, 0), // HuberDelta
            (DiagnosticDescriptors.InvalidSetting, 0), // L1
            (DiagnosticDescriptors.InvalidSetting, 1), // NegativeSlope
            (DiagnosticDescriptors.InvalidSetting, 1), // L2
            (DiagnosticDescriptors.InvalidSetting, 2), // rate
            (DiagnosticDescriptors.InvalidSetting, 3)); // Alpha
    }

    [Theory]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = 0f, Beta2 = 0f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = 0.99999f, Beta2 = 0.99999f, Epsilon = float.Epsilon)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Momentum, Momentum = 0f, Dampening = 1f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Nesterov, Momentum = 0.99f, Dampening = 0f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Adadelta, Rho = 0f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Adadelta, Rho = 1f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.RMSprop, Alpha = 0f, Momentum = 0f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.RMSprop, Alpha = 1f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.Adagrad, LearningRateDecay = 0f, InitialAccumulatorValue = 0f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, Optimizer.AdamW, WeightDecay = 0f)", "[Dense(1)]")]
    [InlineData("Network(Loss.Huber, HuberDelta = 1e-6f)", "[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError, L1 = 0f, L2 = 0f)", "[Dense(1, L1 = 0f, L2 = 0f)]")]
    [InlineData("Network(Loss.MeanSquaredError)", "[Dropout(0f)]\n[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError)", "[Dropout(0.999f)]\n[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError)", "[Dense(2, Activation.LeakyReLU, NegativeSlope = -3f)]\n[Dense(1)]")]
    [InlineData("Network(Loss.MeanSquaredError)", "[Dense(2, Activation.ELU, Alpha = 1e-3f)]\n[Dense(1)]")]
    public void SettingsAtTheEdgesOfTheirRangesAreValid(string network, string layers)
    {
        DiagnosticAssert.IsValid(Declaration("[" + network + "]", layers), "Samples.Net");
    }

    // ---------------------------------------------------------------- SN0012: settings that do not apply (warnings)

    public static TheoryData<string, string, string, string> IgnoredSettings => new()
    {
        // name, network line, layers, message
        { "Beta2 on Sgd", "[[|Network(Loss.MeanSquaredError, Optimizer.Sgd, Beta2 = 0.99f)|]]", "[Dense(1)]", "Beta2 does not apply to optimizer Sgd" },
        { "Centered on Adam", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Centered = true)|]]", "[Dense(1)]", "Centered does not apply to optimizer Adam" },
        { "HuberDelta with MSE", "[[|Network(Loss.MeanSquaredError, HuberDelta = 2f)|]]", "[Dense(1)]", "HuberDelta does not apply to loss MeanSquaredError" },
        { "NegativeSlope on ReLU", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.ReLU, NegativeSlope = 0.2f)|]]\n[Dense(1)]", "NegativeSlope does not apply to activation ReLU" },
        { "Alpha on Tanh", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.Tanh, Alpha = 0.5f)|]]\n[Dense(1)]", "Alpha does not apply to activation Tanh" },
        { "Alpha on LeakyReLU", "[Network(Loss.MeanSquaredError)]", "[[|Dense(4, Activation.LeakyReLU, Alpha = 0.5f)|]]\n[Dense(1)]", "Alpha does not apply to activation LeakyReLU" },
        { "AmsGrad on RMSprop", "[[|Network(Loss.MeanSquaredError, Optimizer.RMSprop, AmsGrad = true)|]]", "[Dense(1)]", "AmsGrad does not apply to optimizer RMSprop" },
        { "Momentum on Adam", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, Momentum = 0.9f)|]]", "[Dense(1)]", "Momentum does not apply to optimizer Adam" },
        { "Dampening on RMSprop", "[[|Network(Loss.MeanSquaredError, Optimizer.RMSprop, Dampening = 0.1f)|]]", "[Dense(1)]", "Dampening does not apply to optimizer RMSprop" },
        { "Epsilon on Nesterov", "[[|Network(Loss.MeanSquaredError, Optimizer.Nesterov, Epsilon = 1e-8f)|]]", "[Dense(1)]", "Epsilon does not apply to optimizer Nesterov" },
        { "Rho on AdamW", "[[|Network(Loss.MeanSquaredError, Optimizer.AdamW, Rho = 0.9f)|]]", "[Dense(1)]", "Rho does not apply to optimizer AdamW" },
        { "Alpha on Adagrad", "[[|Network(Loss.MeanSquaredError, Optimizer.Adagrad, Alpha = 0.9f)|]]", "[Dense(1)]", "Alpha does not apply to optimizer Adagrad" },
        { "LearningRateDecay on Adam", "[[|Network(Loss.MeanSquaredError, Optimizer.Adam, LearningRateDecay = 0.1f)|]]", "[Dense(1)]", "LearningRateDecay does not apply to optimizer Adam" },
        { "InitialAccumulatorValue on Adadelta", "[[|Network(Loss.MeanSquaredError, Optimizer.Adadelta, InitialAccumulatorValue = 0.1f)|]]", "[Dense(1)]", "InitialAccumulatorValue does not apply to optimizer Adadelta" },
        { "Beta1 on Momentum", "[[|Network(Loss.MeanSquaredError, Optimizer.Momentum, Beta1 = 0.9f)|]]", "[Dense(1)]", "Beta1 does not apply to optimizer Momentum" },
        { "HuberDelta with BCE", "[[|Network(Loss.BinaryCrossEntropy, HuberDelta = 1f)|]]", "[Dense(1, Activation.Sigmoid)]", "HuberDelta does not apply to loss BinaryCrossEntropy" },
    };

    [Theory]
    [MemberData(nameof(IgnoredSettings))]
    public void SettingTheChoiceDoesNotUseIsAWarningAndTheNetworkIsStillGenerated(string name, string network, string layers, string message)
    {
        Assert.NotEmpty(name);
        GeneratorRun run = DiagnosticAssert.ReportsExactly(Declaration(network, layers), (DiagnosticDescriptors.SettingNotUsed, 0));

        Diagnostic warning = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(
            message + " and is ignored; remove it, or choose an optimizer, loss or activation that uses it",
            warning.GetMessage(CultureInfo.InvariantCulture));

        // A warning does not stop generation: the four files are there and the network compiles as an INetwork.
        Assert.Equal(GeneratorHarness.FileSuffixes.Select(static s => "Samples.Net" + s), run.GeneratedSources.Select(static s => s.HintName));
        Assert.Empty(run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        INamedTypeSymbol net = run.Output.GetTypeByMetadataName("Samples.Net")!;
        Assert.Contains(net.AllInterfaces, static i => i.ToDisplayString() == "StaticNets.INetwork");
    }

    [Fact]
    public void EveryIgnoredSettingIsReported()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Declaration(
                "[[|Network(Loss.MeanSquaredError, Optimizer.Sgd, Beta1 = 0.9f, Beta2 = 0.9f, Epsilon = 1e-3f, Rho = 0.5f, Alpha = 0.5f, Centered = true, AmsGrad = true, LearningRateDecay = 0.1f, InitialAccumulatorValue = 0.1f, HuberDelta = 2f)|]]",
                "[[|Dense(3, Activation.ReLU, NegativeSlope = 0.1f, Alpha = 0.5f)|]]",
                "[Dense(1)]"),
            Enumerable.Repeat((DiagnosticDescriptors.SettingNotUsed, 0), 10).Concat(Enumerable.Repeat((DiagnosticDescriptors.SettingNotUsed, 1), 2)).ToArray());

        Assert.Equal(GeneratorHarness.FileSuffixes.Length, run.GeneratedSources.Length);
    }

    [Fact]
    public void FalseFlagsAndUnsetSettingsDrawNoWarning()
    {
        DiagnosticAssert.IsValid(Declaration("[Network(Loss.MeanSquaredError, Optimizer.Adam, Centered = false)]", "[Dense(1)]"), "Samples.Net");
        DiagnosticAssert.IsValid(Declaration("[Network(Loss.MeanSquaredError, Optimizer.RMSprop, AmsGrad = false)]", "[Dense(1)]"), "Samples.Net");
    }

    [Fact]
    public void AWarningWithAnErrorStillStopsGeneration()
    {
        DiagnosticAssert.ReportsExactly(
            Declaration("[[|Network(Loss.MeanSquaredError, Optimizer.Sgd, Beta2 = 0.99f, LearningRate = 0f)|]]", "[Dense(1)]"),
            (DiagnosticDescriptors.SettingNotUsed, 0),
            (DiagnosticDescriptors.InvalidLearningRate, 0));
    }

    [Fact]
    public void AnIgnoredSettingIsNotCheckedForItsRange()
    {
        // Beta1 = 5 is out of range for Adam, but Sgd ignores it: one warning, no error, and the network is generated.
        DiagnosticAssert.ReportsExactly(
            Declaration("[[|Network(Loss.MeanSquaredError, Optimizer.Sgd, Beta1 = 5f)|]]", "[Dense(1)]"),
            (DiagnosticDescriptors.SettingNotUsed, 0));
    }

    [Fact]
    public void TheParserReturnsAModelWithTheSameWarningsAsTheAnalyzer()
    {
        string source = MarkedSource.Parse(Declaration("[Network(Loss.MeanSquaredError, Optimizer.Adam, Centered = true)]", "[Dense(4, Activation.Tanh, Alpha = 0.5f)]", "[Dense(1)]")).Text;
        var diagnostics = new System.Collections.Generic.List<Diagnostic>();

        Assert.NotNull(ModelParsing.Parse(source, "Samples.Net", diagnostics));
        Assert.Equal(
            GeneratorHarness.Analyze(GeneratorHarness.Compile(source)).Select(static d => d.ToString()).OrderBy(static s => s, System.StringComparer.Ordinal),
            diagnostics.Select(static d => d.ToString()).OrderBy(static s => s, System.StringComparer.Ordinal));
        Assert.Equal(2, diagnostics.Count);
    }

    // ---------------------------------------------------------------- SN0107: dropout as the output layer

    [Fact]
    public void DropoutAsTheLastLayerIsReportedOnIt()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Declaration("[Network(Loss.MeanSquaredError)]", "[Dense(4, Activation.ReLU)]", "[[|Dropout(0.5f)|]]"),
            (DiagnosticDescriptors.DropoutIsLast, 0));

        Assert.Equal(
            "Layer 2 is a dropout layer and cannot be the output layer; move it before a Dense layer, or remove it",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OnlyTheLastOfTrailingDropoutLayersIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            Declaration("[Network(Loss.MeanSquaredError)]", "[Dense(4, Activation.ReLU)]", "[Dropout(0.5f)]", "[[|Dropout(0.25f)|]]"),
            (DiagnosticDescriptors.DropoutIsLast, 0));
    }

    [Fact]
    public void NetworkOfOnlyADropoutLayerIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            Declaration("[Network(Loss.MeanSquaredError)]", "[[|Dropout(0.5f)|]]"),
            (DiagnosticDescriptors.DropoutIsLast, 0));
    }

    [Fact]
    public void DropoutLastTakesThePlaceOfTheLossCheck()
    {
        // The output layer is the dropout layer, so there is no output activation to check the loss against.
        DiagnosticAssert.ReportsExactly(
            Declaration("[Network(Loss.SoftmaxCrossEntropy)]", "[Dense(4, Activation.ReLU)]", "[[|Dropout(0.5f)|]]"),
            (DiagnosticDescriptors.DropoutIsLast, 0));
    }

    [Fact]
    public void SoftmaxBeforeATrailingDropoutIsAHiddenSoftmax()
    {
        DiagnosticAssert.ReportsExactly(
            Declaration("[Network(Loss.SoftmaxCrossEntropy)]", "[[|Dense(4, Activation.Softmax)|]]", "[[|Dropout(0.5f)|]]"),
            (DiagnosticDescriptors.SoftmaxOnHiddenLayer, 0),
            (DiagnosticDescriptors.DropoutIsLast, 1));
    }

    [Theory]
    [InlineData("[Dropout(0.5f)]\n[Dense(1)]")]
    [InlineData("[Dense(4, Activation.ReLU)]\n[Dropout(0.5f)]\n[Dense(1)]")]
    [InlineData("[Dropout(0.1f)]\n[Dense(4, Activation.ReLU)]\n[Dropout(0.5f)]\n[Dropout(0.5f)]\n[Dense(1)]")]
    public void DropoutBeforeADenseLayerIsValid(string layers)
    {
        DiagnosticAssert.IsValid(Declaration("[Network(Loss.MeanSquaredError)]", layers), "Samples.Net");
    }

    // ---------------------------------------------------------------- SN0105: the new losses and their outputs

    [Theory]
    [InlineData("Loss.BinaryCrossEntropy", "Activation.Linear")]
    [InlineData("Loss.BinaryCrossEntropy", "Activation.Tanh")]
    [InlineData("Loss.BinaryCrossEntropy", "Activation.Softmax")]
    [InlineData("Loss.Hinge", "Activation.Tanh")]
    [InlineData("Loss.Hinge", "Activation.Sigmoid")]
    [InlineData("Loss.Hinge", "Activation.Softmax")]
    [InlineData("Loss.Logistic", "Activation.Sigmoid")]
    [InlineData("Loss.Logistic", "Activation.ReLU")]
    [InlineData("Loss.MeanSquaredError", "Activation.Softmax")]
    [InlineData("Loss.MeanAbsoluteError", "Activation.Softmax")]
    [InlineData("Loss.Huber", "Activation.Softmax")]
    [InlineData("Loss.SoftmaxCrossEntropy", "Activation.Sigmoid")]
    public void LossThatDoesNotFitTheOutputActivationIsReportedOnce(string loss, string activation)
    {
        DiagnosticAssert.ReportsExactly(
            Declaration($"[[|Network({loss})|]]", $"[Dense(3, {activation})]"),
            (DiagnosticDescriptors.LossDoesNotFitOutput, 0));
    }

    [Theory]
    [InlineData("Loss.BinaryCrossEntropy", "Activation.Linear", "Loss BinaryCrossEntropy does not fit the output layer's Linear activation; BinaryCrossEntropy is fused with a sigmoid and needs Activation.Sigmoid on the output layer; change the output layer's activation to Activation.Sigmoid, or choose another loss")]
    [InlineData("Loss.Hinge", "Activation.Tanh", "Loss Hinge does not fit the output layer's Tanh activation; Hinge works on raw scores and needs Activation.Linear on the output layer; change the output layer's activation to Activation.Linear")]
    [InlineData("Loss.Logistic", "Activation.Sigmoid", "Loss Logistic does not fit the output layer's Sigmoid activation; Logistic works on raw scores and needs Activation.Linear on the output layer; change the output layer's activation to Activation.Linear")]
    public void LossMismatchMessageSaysWhichActivationTheLossNeeds(string loss, string activation, string message)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Declaration($"[[|Network({loss})|]]", $"[Dense(3, {activation})]"),
            (DiagnosticDescriptors.LossDoesNotFitOutput, 0));

        Assert.Equal(message, run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Loss.BinaryCrossEntropy", "Activation.Sigmoid")]
    [InlineData("Loss.Hinge", "Activation.Linear")]
    [InlineData("Loss.Logistic", "Activation.Linear")]
    [InlineData("Loss.MeanAbsoluteError", "Activation.Tanh")]
    [InlineData("Loss.MeanAbsoluteError", "Activation.Linear")]
    [InlineData("Loss.Huber", "Activation.ReLU")]
    [InlineData("Loss.Huber", "Activation.Linear")]
    [InlineData("Loss.MeanSquaredError", "Activation.GELU")]
    [InlineData("Loss.MeanSquaredError", "Activation.SiLU")]
    [InlineData("Loss.MeanSquaredError", "Activation.Sigmoid")]
    public void LossThatFitsTheOutputActivationIsValid(string loss, string activation)
    {
        DiagnosticAssert.IsValid(Declaration($"[Network({loss})]", "[Dense(4, Activation.Tanh)]", $"[Dense(2, {activation})]"), "Samples.Net");
    }
}
