using System.Globalization;
using System.Linq;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>SN0001-SN0099: problems with the declaration itself and with the <c>[Network]</c> arguments.</summary>
public sealed class DeclarationDiagnosticTests
{
    [Theory]
    [InlineData("0f")]
    [InlineData("-0.5f")]
    [InlineData("float.NaN")]
    [InlineData("float.PositiveInfinity")]
    [InlineData("float.NegativeInfinity")]
    public void InvalidLearningRateIsReportedOnTheNetworkAttribute(string learningRate)
    {
        DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, LearningRate = {{learningRate}})|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.InvalidLearningRate, 0));
    }

    [Theory]
    [InlineData("float.Epsilon")]
    [InlineData("1e-7f")]
    [InlineData("1000f")]
    public void TinyAndLargeFiniteLearningRatesAreValid(string learningRate)
    {
        GeneratorRun run = DiagnosticAssert.IsValid(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError, LearningRate = {{learningRate}})]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            "Samples.Net");

        // The literal is emitted so that it round-trips: the constant in the output equals the declared value.
        Assert.Contains("public const float DefaultLearningRate = ", run.Source("Samples.Net.g.cs"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void LearningRateMessageQuotesTheDeclaredValue()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, LearningRate = -0.25f)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.InvalidLearningRate, 0));

        Assert.StartsWith("Learning rate -0.25 is not valid", run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Network((Loss)7)", "Dense(1)")]
    [InlineData("Network((Loss)99)", "Dense(1)")]
    [InlineData("Network(Loss.MeanSquaredError, (Optimizer)8)", "Dense(1)")]
    [InlineData("Network(Loss.MeanSquaredError, (Optimizer)(-1))", "Dense(1)")]
    [InlineData("Network((Loss)(-1))", "Dense(1)")]
    public void UndefinedLossOrOptimizerIsReportedOnTheNetworkAttribute(string network, string dense)
    {
        DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [[|{{network}}|]]
            [Input(2)]
            [{{dense}}]
            public partial class Net;
            """,
            (DiagnosticDescriptors.UndefinedEnumValue, 0));
    }

    [Fact]
    public void UndefinedActivationIsReportedOnItsLayerAndNamesTheDefinedValues()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [[|Dense(4, (Activation)10)|]]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.UndefinedEnumValue, 0));

        Assert.Equal(
            "10 is not a defined Activation value; use one of: Linear, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softplus, Softmax, GELU, SiLU",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UndefinedLossAndUndefinedOptimizerAreBothReported()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [[|Network((Loss)7, (Optimizer)8)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.UndefinedEnumValue, 0),
            (DiagnosticDescriptors.UndefinedEnumValue, 0));

        string[] messages = run.AnalyzerDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)).OrderBy(static m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "7 is not a defined Loss value; use one of: MeanSquaredError, SoftmaxCrossEntropy, MeanAbsoluteError, Huber, BinaryCrossEntropy, Hinge, Logistic",
                "8 is not a defined Optimizer value; use one of: Sgd, Momentum, Nesterov, Adagrad, Adadelta, RMSprop, Adam, AdamW",
            ],
            messages);
    }

    [Theory]
    [InlineData("Network((Loss)2)", "Loss.MeanAbsoluteError")]
    [InlineData("Network((Loss)6)", "Loss.Logistic")]
    [InlineData("Network(Loss.MeanSquaredError, (Optimizer)3)", "Optimizer.Adagrad")]
    [InlineData("Network(Loss.MeanSquaredError, (Optimizer)7)", "Optimizer.AdamW")]
    public void ValuesAddedByTheToolkitAreDefined(string network, string meaning)
    {
        // These casts were undefined before the toolkit; now they name a loss or an optimizer and must be accepted.
        Assert.NotEmpty(meaning);
        DiagnosticAssert.IsValid(
            $$"""
            using StaticNets;
            namespace Samples;

            [{{network}}]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            "Samples.Net");
    }

    [Theory]
    [InlineData("(Activation)8", "GELU")]
    [InlineData("(Activation)9", "SiLU")]
    public void ActivationsAddedByTheToolkitAreDefined(string activation, string name)
    {
        GeneratorRun run = DiagnosticAssert.IsValid(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(3, {{activation}})]
            [Dense(1)]
            public partial class Net;
            """,
            "Samples.Net");

        Assert.Contains($"Dense(3, {name})", run.Source("Samples.Net.g.cs"), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void MaxBatchSizeBelowOneIsReported(int maxBatchSize)
    {
        DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, MaxBatchSize = {{maxBatchSize.ToString(CultureInfo.InvariantCulture)}})|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            (DiagnosticDescriptors.InvalidMaxBatchSize, 0));
    }

    [Fact]
    public void NetworkNestedInAGenericTypeIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            public partial class Outer<T>
            {
                [Network(Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(1)]
                public partial class [|Net|];
            }
            """,
            (DiagnosticDescriptors.NetworkMustNotBeGeneric, 0));
    }

    [Fact]
    public void EveryNonPartialContainingTypeIsReportedOnItsOwnName()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            public class [|Outermost|]
            {
                public partial class Middle
                {
                    public struct [|Inner|]
                    {
                        [Network(Loss.MeanSquaredError)]
                        [Input(2)]
                        [Dense(1)]
                        public partial class Net;
                    }
                }
            }
            """,
            (DiagnosticDescriptors.ContainingTypeMustBePartial, 0),
            (DiagnosticDescriptors.ContainingTypeMustBePartial, 1));
    }

    [Fact]
    public void NonPartialRecordIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public record [|Net|];
            """,
            (DiagnosticDescriptors.NetworkMustBePartial, 0));
    }

    [Fact]
    public void StaticNonPartialClassIsReportedForBothProblems()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public static class [|Net|];
            """,
            (DiagnosticDescriptors.NetworkMustNotBeStatic, 0),
            (DiagnosticDescriptors.NetworkMustBePartial, 0));
    }

    [Fact]
    public void FileLocalNetworkIsReportedOnItsName()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            file partial class [|Net|];
            """,
            (DiagnosticDescriptors.NetworkMustNotBeFileLocal, 0));

        Assert.Equal(
            "Network class 'Net' cannot be file-local, because the generated members are declared in other files; remove the 'file' modifier, or make the class internal",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void FileLocalNonPartialClassIsReportedForBothProblems()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            file sealed class [|Net|];
            """,
            (DiagnosticDescriptors.NetworkMustNotBeFileLocal, 0),
            (DiagnosticDescriptors.NetworkMustBePartial, 0));
    }

    [Theory]
    [InlineData("public partial class Net[|(int size)|];")]
    [InlineData("public partial class Net[|()|];")]
    [InlineData("public sealed partial record Net[|(int Size, float Rate)|];")]
    [InlineData("public partial class Net;\n\npublic partial class Net[|(int size)|] { }")]
    public void PrimaryConstructorIsReportedOnItsParameterList(string declaration)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            {{declaration}}
            """,
            (DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor, 0));

        Assert.Equal(
            "Network class 'Net' cannot declare a primary constructor, because the generated constructor takes the seed and the maximum batch size; remove the parameter list",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    public static TheoryData<string> NamesOfGeneratedMembers => new(
        "InputSize", "OutputSize", "ParameterCount", "Architecture", "DefaultLearningRate", "DefaultMaxBatchSize",
        "PredictScratch", "MaxBatchSize", "LearningRate", "Parameters", "Gradients", "Predict", "Forward", "ForwardBatch",
        "Backward", "ZeroGradients", "Step", "TrainBatch", "Save", "Load",
        "LastDataLoss", "LastRegularizationLoss", "StepCount", "OptimizerName", "OptimizerStateSize", "Evaluate", "LastOutputs", "DataLoss",
        "L1In", "L1Out", "L1W", "L1B", "L12Out", "Layer1Forward", "Layer1Backward", "Layer10Forward",
        "L2Rate", "L2Scale", "L1Slope", "L3Alpha", "L1L1", "L1L2", "L12L2",
        "_x", "_parameters", "_gradients", "_batchSize", "_learningRate", "_random", "_optimizerState", "_step",
        "_lastDataLoss", "_lastPenalty", "t_predictBuffer", "_z1", "_a1", "_dz1", "_mask2", "_z10", "_mask12",
        "TrainingJob", "_job", "_jobBatch");

    [Theory]
    [MemberData(nameof(NamesOfGeneratedMembers))]
    public void NetworkNamedLikeAGeneratedMemberIsReportedOnItsName(string name)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class [|{{name}}|];
            """,
            (DiagnosticDescriptors.NetworkNameClashesWithMember, 0));

        Assert.Equal(
            $"Network class '{name}' has the name of a member the generator adds to it, and a member cannot share its type's name; rename the class",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("namespace Samples { internal static class Unsafe { } }", "", "Unsafe", "System.Runtime.CompilerServices.Unsafe")]
    [InlineData("namespace Samples { internal struct Vector512 { } }", "", "Vector512", "System.Runtime.Intrinsics.Vector512")]
    [InlineData("namespace Samples { namespace MathF { } }", "", "MathF", "System.MathF")]
    [InlineData("internal static class ReLUOperator { }", "", "ReLUOperator", "StaticNets.Operators.ReLUOperator")]
    [InlineData("namespace Samples { public class Base { protected int MemoryMarshal; } }", " : Base", "MemoryMarshal", "System.Runtime.InteropServices.MemoryMarshal")]
    public void ANameInScopeThatHidesATypeTheGeneratedCodeUsesIsReported(string other, string baseClass, string name, string hidden)
    {
        // A type in the network's namespace or in the global namespace, a namespace, or an inherited member would each
        // be found before the type the generated code means.
        string source = $$"""
            using StaticNets;

            namespace Samples
            {
                [Network(Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(1)]
                public partial class [|Net|]{{baseClass}};
            }

            {{other}}
            """;
        GeneratorRun run = DiagnosticAssert.ReportsExactly(source, (DiagnosticDescriptors.NameHidesGeneratedImport, 0));

        Assert.Equal(
            $"'{name}' in the scope of network class 'Net' hides {hidden}, which the generated code uses by that name; rename it, or declare the network in another namespace",
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AMemberNamedLikeAnImportedTypeInTheNetworkClassIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|]
            {
                private static float Vector256() => 0f;
            }
            """,
            (DiagnosticDescriptors.NameHidesGeneratedImport, 0));
    }

    [Theory]
    [InlineData("Layer")]
    [InlineData("LayerForward")]
    [InlineData("Layer1")]
    [InlineData("L1")]
    [InlineData("LIn")]
    [InlineData("L1Bias")]
    [InlineData("Steps")]
    [InlineData("inputSize")]
    [InlineData("Predictor")]
    [InlineData("L1Rates")]
    [InlineData("LRate")]
    [InlineData("_z")]
    [InlineData("_mask")]
    [InlineData("z1")]
    [InlineData("_X")]
    [InlineData("Optimizer")]
    [InlineData("StepCounter")]
    public void NetworkNamedLikeNoGeneratedMemberIsValid(string name)
    {
        DiagnosticAssert.IsValid(
            $$"""
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class {{name}};
            """,
            "Samples." + name);
    }

    [Fact]
    public void EveryProblemOfOneDeclarationIsReportedNotJustTheFirst()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using StaticNets;
            namespace Samples;

            public class [|Outer|]
            {
                [[|Network(Loss.MeanSquaredError, LearningRate = 0f, MaxBatchSize = 0)|]]
                [[|Input(0)|]]
                [[|Dense(-4, (Activation)42)|]]
                public class [|Net|]<T>;
            }
            """,
            (DiagnosticDescriptors.ContainingTypeMustBePartial, 0),
            (DiagnosticDescriptors.InvalidLearningRate, 1),
            (DiagnosticDescriptors.InvalidMaxBatchSize, 1),
            (DiagnosticDescriptors.SizeBelowOne, 2),
            (DiagnosticDescriptors.SizeBelowOne, 3),
            (DiagnosticDescriptors.UndefinedEnumValue, 3),
            (DiagnosticDescriptors.NetworkMustBePartial, 4),
            (DiagnosticDescriptors.NetworkMustNotBeGeneric, 4));
    }

    [Fact]
    public void ClassWithoutNetworkAttributeIsIgnored()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using StaticNets;
            namespace Samples;

            [Input(2)]
            [Dense(1)]
            public class Net;
            """);

        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorExceptions);
    }
}
