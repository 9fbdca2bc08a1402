using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Parsing;

/// <summary>What <see cref="NetworkParser"/> reads from a declaration: sizes, offsets, order, defaults, names.</summary>
public sealed class NetworkParserTests
{
    [Fact]
    public void ReferenceMlpHasTheHandCountedParametersAndOffsets()
    {
        NetworkModel model = ModelParsing.ParseValid(SampleNetworks.Mlp, "Samples.Mlp");

        // 784*128 + 128 + 128*10 + 10 = 100352 + 128 + 1280 + 10.
        Assert.Equal(SampleNetworks.MlpParameterCount, model.ParameterCount);
        Assert.Equal(
            [
                TestModels.Dense(1, 784, 128, ActivationKind.ReLU, offset: 0),
                TestModels.Dense(2, 128, 10, ActivationKind.Softmax, offset: 100480),
            ],
            model.Layers);
        Assert.Equal(784, model.InputSize);
        Assert.Equal(10, model.OutputSize);
        Assert.Equal(LossKind.SoftmaxCrossEntropy, model.Loss);
        Assert.Equal(0.1f, model.LearningRate);
    }

    [Fact]
    public void OddSizesHaveTheHandCountedParametersAndOffsets()
    {
        NetworkModel model = ModelParsing.ParseValid(SampleNetworks.OddSizes, "Samples.OddNet");

        // 37*13 = 481 weights, 13 biases; 13*7 = 91 weights, 7 biases.
        Assert.Equal(
            [
                // LeakyReLU without NegativeSlope takes PyTorch's default slope, 0.01.
                TestModels.Dense(1, 37, 13, ActivationKind.LeakyReLU, offset: 0) with { ActivationParameter = 0.01f },
                TestModels.Dense(2, 13, 7, ActivationKind.Linear, offset: 494),
            ],
            model.Layers);
        Assert.Equal(592, model.ParameterCount);
        Assert.Equal(37 * 13 + 13, model.Layers[0].ParameterCount);
        Assert.Equal(481, model.Layers[0].Block("b").Offset);
        Assert.Equal(585, model.Layers[1].Block("b").Offset);
        Assert.Equal(13 * 7, model.Layers[1].Block("W").Count);
    }

    [Fact]
    public void LayersAreNumberedChainedAndPackedWithoutGaps()
    {
        NetworkModel model = ModelParsing.ParseValid(SampleNetworks.AllActivations, "Samples.AllActivationsNet");

        int fanIn = model.InputSize;
        int offset = 0;
        for (int k = 0; k < model.Layers.Count; k++)
        {
            LayerModel layer = model.Layers[k];
            Assert.Equal(k + 1, layer.Index);
            Assert.Equal(fanIn, layer.Inputs);
            Assert.Equal(offset, layer.Block("W").Offset);
            Assert.Equal(layer.Block("W").End, layer.Block("b").Offset);
            offset = layer.Block("b").End;
            fanIn = layer.Outputs;
        }

        Assert.Equal(offset, model.ParameterCount);
    }

    [Fact]
    public void LayersFollowTheOrderOfTheAttributes()
    {
        NetworkModel forward = ModelParsing.ParseValid(Network("[Dense(5, Activation.Tanh)]", "[Dense(3, Activation.ReLU)]", "[Dense(2)]"), "Samples.Net");
        NetworkModel reversed = ModelParsing.ParseValid(Network("[Dense(2)]", "[Dense(3, Activation.ReLU)]", "[Dense(5, Activation.Tanh)]"), "Samples.Net");

        Assert.Equal([5, 3, 2], forward.Layers.Select(static l => l.Outputs));
        Assert.Equal([ActivationKind.Tanh, ActivationKind.ReLU, ActivationKind.Linear], forward.Layers.Select(static l => l.Activation));
        Assert.Equal([4, 5, 3], forward.Layers.Select(static l => l.Inputs));
        Assert.Equal([2, 3, 5], reversed.Layers.Select(static l => l.Outputs));
        Assert.Equal([ActivationKind.Linear, ActivationKind.ReLU, ActivationKind.Tanh], reversed.Layers.Select(static l => l.Activation));
    }

    [Fact]
    public void AttributesInOneListAreReadInTheSameOrderAsSeparateLists()
    {
        NetworkModel separate = ModelParsing.ParseValid(Network("[Dense(5, Activation.Tanh)]", "[Dense(2)]"), "Samples.Net");
        NetworkModel oneList = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError), Input(4), Dense(5, Activation.Tanh), Dense(2)]
            public partial class Net;
            """,
            "Samples.Net");

        Assert.Equal(separate, oneList);
    }

    [Fact]
    public void NamedArgumentsInAnyOrderAreRead()
    {
        NetworkModel model = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples;

            [Network(optimizer: Optimizer.Sgd, loss: Loss.MeanSquaredError, MaxBatchSize = 8, LearningRate = 0.125f)]
            [Input(size: 4)]
            [Dense(activation: Activation.ELU, units: 6)]
            [Dense(units: 1)]
            public partial class Net;
            """,
            "Samples.Net");

        Assert.Equal(4, model.InputSize);
        Assert.Equal([(6, ActivationKind.ELU), (1, ActivationKind.Linear)], model.Layers.Select(static l => (l.Outputs, l.Activation)));
        Assert.Equal(0.125f, model.LearningRate);
        Assert.Equal(8, model.MaxBatchSize);
    }

    [Fact]
    public void OmittedArgumentsTakeTheRuntimeAttributesDefaults()
    {
        NetworkModel model = ModelParsing.ParseValid(Network("[Dense(1)]"), "Samples.Net");

        Assert.Equal(OptimizerKind.Sgd, model.Optimizer);
        Assert.Equal(0.01f, model.LearningRate); // SGD has no PyTorch default; StaticNets uses 0.01
        Assert.Equal(NetworkAttribute.DefaultMaxBatchSize, model.MaxBatchSize);
        Assert.Equal(ActivationKind.Linear, model.Layers[0].Activation);
    }

    [Fact]
    public void ConstantExpressionsAreEvaluated()
    {
        NetworkModel model = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError, LearningRate = Rate / 4)]
            [Input(Side * Side)]
            [Dense(Side + 1, Activation.ReLU)]
            [Dense(1)]
            public partial class Net
            {
                private const int Side = 3;
                private const float Rate = 0.5f;
            }
            """,
            "Samples.Net");

        Assert.Equal(9, model.InputSize);
        Assert.Equal(4, model.Layers[0].Outputs);
        Assert.Equal(0.125f, model.LearningRate);
    }

    [Theory]
    [InlineData("using Declares = StaticNets.NetworkAttribute;", "[Declares(Loss.MeanSquaredError)]")]
    [InlineData("", "[global::StaticNets.Network(global::StaticNets.Loss.MeanSquaredError)]")]
    [InlineData("", "[StaticNets.NetworkAttribute(Loss.MeanSquaredError)]")]
    public void NetworkAttributeIsFoundHoweverItIsSpelled(string alias, string attribute)
    {
        string source = $$"""
            {{alias}}
            using StaticNets;
            namespace Samples;

            {{attribute}}
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """;

        Assert.NotNull(ModelParsing.ParseValid(source, "Samples.Net"));
        Assert.NotNull(Assert.Single(ModelParsing.ParseThroughDriver(source)));
    }

    [Fact]
    public void AttributesOnAnotherPartialDeclarationAreRead()
    {
        NetworkModel model = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            public partial class Net;

            [Input(3)]
            [Dense(2)]
            public partial class Net;
            """,
            "Samples.Net");

        Assert.Equal(3, model.InputSize);
        Assert.Equal(2, model.OutputSize);
    }

    [Fact]
    public void NamespaceContainingTypesAndKeywordsAreRecorded()
    {
        NetworkModel model = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples.Deep
            {
                public partial struct Outer
                {
                    internal partial record struct Middle
                    {
                        private partial record Inner
                        {
                            [Network(Loss.MeanSquaredError)]
                            [Input(2)]
                            [Dense(1)]
                            public sealed partial record Net;
                        }
                    }
                }
            }
            """,
            "Samples.Deep.Outer+Middle+Inner+Net");

        Assert.Equal("Samples.Deep", model.Namespace);
        Assert.Equal("Net", model.TypeName);
        Assert.Equal("record", model.TypeKeyword);
        Assert.Equal([new("struct", "Outer"), new("record struct", "Middle"), new("record", "Inner")], model.ContainingTypes);
        Assert.Equal("Samples.Deep.Outer.Middle.Inner.Net", model.FullName);
    }

    [Fact]
    public void NetworkInTheGlobalNamespaceHasAnEmptyNamespace()
    {
        NetworkModel model = ModelParsing.ParseValid(
            """
            using StaticNets;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            "Net");

        Assert.Equal(string.Empty, model.Namespace);
        Assert.Equal("class", model.TypeKeyword);
        Assert.Equal("Net", model.FullName);
    }

    [Fact]
    public void ArchitectureNamesEveryLayerInOrder()
    {
        NetworkModel model = ModelParsing.ParseValid(SampleNetworks.Tiny, "Samples.TinyNet");

        Assert.Equal("Input(2) -> Dense(4, Tanh) -> Dense(1, Sigmoid)", model.Architecture);
    }

    [Fact]
    public void ArchitectureGivesActivationParametersAndDropoutRates()
    {
        NetworkModel defaults = ModelParsing.ParseValid(Network("[Dense(8, Activation.LeakyReLU)]", "[Dropout(0.2f)]", "[Dense(4, Activation.ELU)]", "[Dense(1)]"), "Samples.Net");
        NetworkModel declared = ModelParsing.ParseValid(
            Network("[Dense(8, Activation.LeakyReLU, NegativeSlope = 0.25f)]", "[Dropout(0.5f)]", "[Dense(4, Activation.ELU, Alpha = 0.5f)]", "[Dense(1, Activation.GELU)]"),
            "Samples.Net");

        Assert.Equal("Input(4) -> Dense(8, LeakyReLU(0.01)) -> Dropout(0.2) -> Dense(4, ELU(1)) -> Dense(1, Linear)", defaults.Architecture);
        Assert.Equal("Input(4) -> Dense(8, LeakyReLU(0.25)) -> Dropout(0.5) -> Dense(4, ELU(0.5)) -> Dense(1, GELU)", declared.Architecture);
    }

    [Fact]
    public void ArchitectureLeavesOutTrainingOnlySettings()
    {
        // Penalties and the optimizer change training, not the function the parameters compute: model files of the
        // same layers load into each other, so the architecture text must not mention them.
        NetworkModel plain = ModelParsing.ParseValid(Network("[Dense(3, Activation.ReLU)]", "[Dense(1)]"), "Samples.Net");
        NetworkModel trained = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.Huber, Optimizer.Adam, HuberDelta = 0.5f, L1 = 1e-3f, Beta1 = 0.8f)]
            [Input(4)]
            [Dense(3, Activation.ReLU, L2 = 1e-2f)]
            [Dense(1)]
            public partial class Net;
            """,
            "Samples.Net");

        Assert.Equal(plain.Architecture, trained.Architecture);
        Assert.NotEqual(plain, trained);
    }

    [Fact]
    public void InvalidDeclarationParsesToNullWithTheSameDiagnosticsAsTheAnalyzer()
    {
        string source = MarkedSource.Parse(MinimalBadDeclarationsFor(DiagnosticDescriptors.SoftmaxOnHiddenLayer)).Text;
        var diagnostics = new List<Diagnostic>();

        Assert.Null(ModelParsing.Parse(source, "Samples.Net", diagnostics));
        Assert.Equal(
            GeneratorHarness.Analyze(GeneratorHarness.Compile(source)).Select(static d => d.ToString()),
            diagnostics.Select(static d => d.ToString()));
        Assert.Empty(GeneratorHarness.Run(source).GeneratedSources);
    }

    [Fact]
    public void ThreeIntMaxValueLayersAreReportedAsTooManyParameters()
    {
        // Each layer has (2^31 - 1)^2 weights, about 2^62; three of them would overflow a long. The parameter count is
        // still reported as too large, counted only up to the first layer past the limit, and the parser hands the
        // emitters no model.
        string source = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(int.MaxValue)]
            [Dense(int.MaxValue)]
            [Dense(int.MaxValue)]
            [Dense(int.MaxValue)]
            public partial class Net;
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile(source);

        Assert.Null(NetworkParser.Parse(compilation.GetTypeByMetadataName("Samples.Net")!, null, CancellationToken.None));
        Diagnostic reported = Assert.Single(GeneratorHarness.Analyze(compilation));
        Assert.Equal(DiagnosticDescriptors.TooManyParameters, reported.Descriptor);

        // (2^31 - 1)^2 + (2^31 - 1) = 4,611,686,016,279,904,256: layer 1 only, a positive count.
        Assert.Equal(
            "Network 'Net' has at least 4,611,686,016,279,904,256 parameters, more than the 268,435,456 a generated network can hold; use smaller layers",
            reported.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.Run(source).GeneratedSources);
    }

    [Theory]
    [InlineData(typeof(Activation), typeof(ActivationKind))]
    [InlineData(typeof(Loss), typeof(LossKind))]
    [InlineData(typeof(Optimizer), typeof(OptimizerKind))]
    public void ModelEnumsMirrorTheRuntimeEnums(Type runtime, Type model)
    {
        Assert.Equal(Enum.GetNames(runtime), Enum.GetNames(model));
        Assert.Equal(
            Enum.GetValues(runtime).Cast<object>().Select(Convert.ToInt32),
            Enum.GetValues(model).Cast<object>().Select(Convert.ToInt32));
    }

    private static string MinimalBadDeclarationsFor(DiagnosticDescriptor descriptor) =>
        Diagnostics.MinimalBadDeclarations.ByDescriptor[descriptor];

    /// <summary>A network with 4 inputs, mean squared error and the given layer attributes, one per line.</summary>
    private static string Network(params string[] layers) => $$"""
        using StaticNets;
        namespace Samples;

        [Network(Loss.MeanSquaredError)]
        [Input(4)]
        {{string.Join("\n", layers)}}
        public partial class Net;
        """;
}
