using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generators.Models;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>SN0100-SN0199: problems with the input, the layers and how they fit the loss.</summary>
public sealed class ShapeDiagnosticTests
{
    public static TheoryData<string> ValidNetworks => new(SampleNetworks.ByName.Keys);

    [Theory]
    [MemberData(nameof(ValidNetworks))]
    public void ValidDeclarationGivesNoDiagnostics(string network) =>
        DiagnosticAssert.IsValid(SampleNetworks.ByName[network].Source, SampleNetworks.ByName[network].FullName);

    [Fact]
    public void NetworkWithNeitherInputNorLayersReportsBoth()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            public partial class Net;
            """,
            (DiagnosticDescriptors.MissingInput, 0),
            (DiagnosticDescriptors.NoLayers, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void DenseSizeBelowOneIsReportedOnThatLayer(int units)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [[|Dense({{units.ToString(CultureInfo.InvariantCulture)}}, Activation.ReLU)|]]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.SizeBelowOne, 0));

        Assert.StartsWith($"Layer 1 (Dense) size is {units.ToString(CultureInfo.InvariantCulture)}", run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void InputAfterALayerIsReportedOnTheInput()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Dense(4, Activation.Tanh)]
            [[|Input(2)|]]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.InputMisplaced, 0));
    }

    [Fact]
    public void InputMisplacedAcrossSeparateAttributeListsIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError), Input(2), Dense(3), [|Input(2)|], Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.InputMisplaced, 0));
    }

    [Fact]
    public void EverySoftmaxHiddenLayerIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.SoftmaxCrossEntropy)]
            [Input(2)]
            [[|Dense(4, Activation.Softmax)|]]
            [Dense(4, Activation.ReLU)]
            [[|Dense(4, Activation.Softmax)|]]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.SoftmaxOnHiddenLayer, 0),
            (DiagnosticDescriptors.SoftmaxOnHiddenLayer, 1));
    }

    [Theory]
    [InlineData("Loss.SoftmaxCrossEntropy", "Activation.Sigmoid")]
    [InlineData("Loss.SoftmaxCrossEntropy", "Activation.Linear")]
    [InlineData("Loss.MeanSquaredError", "Activation.Softmax")]
    public void LossThatDoesNotFitTheOutputActivationIsReported(string loss, string activation)
    {
        DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [[|Network({{loss}})|]]
            [Input(2)]
            [Dense(3, {{activation}})]
            public partial class Net;
            """,
            (DiagnosticDescriptors.LossDoesNotFitOutput, 0));
    }

    [Fact]
    public void TooManyParametersMessageGivesTheCountAndTheLimit()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(100000)]
            [Dense(10000)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.TooManyParameters, 0));

        // 100000*10000 + 10000 parameters; the limit is 2^28. Both counts have thousands separators, and the count is
        // "at least" because counting stops at the first layer past the limit.
        Assert.Equal(
            "Network 'Net' has at least 1,000,010,000 parameters, more than the 268,435,456 a generated network can hold; use smaller layers",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NetworkAtExactlyTheParameterLimitIsAccepted()
    {
        // 1 input and 2^27 units: 2^27 weights + 2^27 biases = 2^28 parameters, exactly the limit.
        // Only the analyzer and the parser run here: emitting it gives bounded code, but takes tens of seconds and GBs,
        // so NetworkEmitterTests emits a layer of a million outputs instead.
        CSharpCompilation compilation = GeneratorHarness.Compile(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(134217728)]
            public partial class Net;
            """);

        Assert.Empty(GeneratorHarness.Analyze(compilation));
        NetworkModel? model = NetworkParser.Parse(compilation.GetTypeByMetadataName("Samples.Net")!, null, CancellationToken.None);
        Assert.NotNull(model);
        Assert.Equal(NetworkParser.MaxParameters, model.ParameterCount);
    }

    [Fact]
    public void NetworkOneParameterOverTheLimitIsReported()
    {
        // 16*15790321 weights + 15790321 biases = 17*15790321 = 2^28 + 1 parameters.
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(16)]
            [Dense(15790321)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.TooManyParameters, 0));

        Assert.StartsWith("Network 'Net' has at least 268,435,457 parameters, ", run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void CountingStopsAtTheFirstLayerPastTheLimit()
    {
        // Layer 1 alone has 3000*100000 + 100000 = 300,100,000 parameters; layer 2 is not counted.
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(3000)]
            [Dense(100000)]
            [Dense(100000)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.TooManyParameters, 0));

        Assert.Equal(
            "Network 'Net' has at least 300,100,000 parameters, more than the 268,435,456 a generated network can hold; use smaller layers",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void IntMaxValueSizesAreReportedAsTooManyParameters()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(int.MaxValue)]
            [Dense(int.MaxValue)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.TooManyParameters, 0));
    }
}
