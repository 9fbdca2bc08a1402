using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>
/// Malformed, odd and random declarations: the generator and the analyzer never throw, and a type with any SN
/// error gets no generated code (SN0012 is a warning: its network is still generated, and must compile).
/// </summary>
public sealed class RobustnessTests
{
    /// <summary>Fixed seed: the random cases are the same on every run and machine.</summary>
    private const int Seed = 20_261_124;

    private const int RandomCaseCount = 40;

    private const string Header = "using StaticNets;\nnamespace Samples;\n\n";

    private static readonly Dictionary<string, string> Cases = CreateCases();

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GeneratorAndAnalyzerSurviveAndStaySilentOnErrors(string name) => AssertSurvives(Cases[name]);

    [Fact]
    public void RandomCasesIncludeValidAndInvalidDeclarations()
    {
        // The random cases are only useful if the generator has something to do in some and something to refuse in others.
        int generated = 0, refused = 0;
        foreach ((_, string source) in Cases.Where(static c => c.Key.StartsWith("Random", StringComparison.Ordinal)))
        {
            CSharpCompilation compilation = GeneratorHarness.Compile(source);
            bool hasDiagnostics = GeneratorHarness.Analyze(compilation).Any(static d => d.Severity == DiagnosticSeverity.Error);
            bool hasModel = AllTypes(compilation.Assembly.GlobalNamespace).Any(t => NetworkParser.Parse(t, null, CancellationToken.None) is not null);
            generated += hasModel ? 1 : 0;
            refused += hasDiagnostics ? 1 : 0;
        }

        Assert.True(generated >= 3, $"Only {generated} random cases are valid networks.");
        Assert.True(refused >= 10, $"Only {refused} random cases draw diagnostics.");
    }

    private static void AssertSurvives(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source);

        // The parser first, type by type: a model it accepts must be sane before the emitters may see it.
        var parsed = new Dictionary<string, (NetworkModel? Model, List<Diagnostic> Diagnostics)>(StringComparer.Ordinal);
        foreach (INamedTypeSymbol type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            var diagnostics = new List<Diagnostic>();
            NetworkModel? model = NetworkParser.Parse(type, diagnostics, CancellationToken.None);
            Assert.True(model is null || !diagnostics.Any(IsError), $"{type} parsed to a model despite errors.");
            Assert.All(diagnostics, static d => Assert.Equal(d.Descriptor.DefaultSeverity, d.Severity));
            if (model is not null)
            {
                AssertSane(model);
            }

            parsed[FullName(type)] = (model, diagnostics);
        }

        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.GeneratorExceptions);
        Assert.DoesNotContain(run.GeneratorDiagnostics, static d => d.Id == "CS8785");
        Assert.DoesNotContain(run.AnalyzerDiagnostics, static d => d.Id == "AD0001");

        // The analyzer reports exactly what the parser found, type by type.
        Assert.Equal(
            parsed.Values.SelectMany(static p => p.Diagnostics).Select(static d => d.ToString()).OrderBy(static s => s, StringComparer.Ordinal),
            run.AnalyzerDiagnostics.Select(static d => d.ToString()).OrderBy(static s => s, StringComparer.Ordinal));

        foreach ((string fullName, (_, List<Diagnostic> diagnostics)) in parsed)
        {
            if (diagnostics.Any(IsError))
            {
                Assert.False(run.GeneratedAnythingFor(fullName), $"{fullName} has SN errors but code was generated for it.");
            }
        }

        // Nothing is generated for a type the parser rejected, and every generated file belongs to a parsed model.
        var models = parsed.Values.Where(static p => p.Model is not null).Select(static p => p.Model!.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.All(run.GeneratedSources, s => Assert.Contains(models, m => GeneratorHarness.FileSuffixes.Any(suffix => s.HintName == m + suffix)));

        // Code that compiled and drew no SN error (warnings allowed) still compiles with the generated code added.
        if (!run.InputDiagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) && !run.AnalyzerDiagnostics.Any(IsError))
        {
            Assert.Empty(run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        }
    }

    private static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;

    private static Dictionary<string, string> CreateCases()
    {
        var cases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NetworkWithoutArguments"] = Header + "[Network]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["InputWithoutArgument"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input]\n[Dense(1)]\npublic partial class Net;",
            ["DenseWithoutArguments"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense]\npublic partial class Net;",
            ["DenseWithTooManyArguments"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1, Activation.ReLU, 5)]\npublic partial class Net;",
            ["InputOfWrongType"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(\"two\")]\n[Dense(1)]\npublic partial class Net;",
            ["DenseOfWrongType"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1.5f, Activation.Tanh)]\npublic partial class Net;",
            ["LossOfWrongType"] = Header + "[Network(\"mse\")]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["LearningRateOfWrongType"] = Header + "[Network(Loss.MeanSquaredError, LearningRate = \"fast\")]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["LearningRateAsDouble"] = Header + "[Network(Loss.MeanSquaredError, LearningRate = 0.1)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["MaxBatchSizeAsDouble"] = Header + "[Network(Loss.MeanSquaredError, MaxBatchSize = 1.5)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["NonexistentNamedArgument"] = Header + "[Network(Loss.MeanSquaredError, Nesterov = true)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["SettingOfWrongType"] = Header + "[Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = \"high\")]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["SettingAsDouble"] = Header + "[Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = 0.8)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["FlagOfWrongType"] = Header + "[Network(Loss.MeanSquaredError, Optimizer.RMSprop, Centered = 1)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["DropoutWithoutArgument"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dropout]\n[Dense(1)]\npublic partial class Net;",
            ["DropoutOfWrongType"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dropout(\"half\")]\n[Dense(1)]\npublic partial class Net;",
            ["DropoutAsDouble"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dropout(0.5)]\n[Dense(1)]\npublic partial class Net;",
            ["DropoutBeforeInput"] = Header + "[Network(Loss.MeanSquaredError)]\n[Dropout(0.5f)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["DropoutOnly"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dropout(0.5f)]\npublic partial class Net;",
            ["DropoutWithoutInput"] = Header + "[Network(Loss.MeanSquaredError)]\n[Dropout(0.5f)]\n[Dense(1)]\npublic partial class Net;",
            ["DropoutsBackToBack"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dropout(0.5f)]\n[Dropout(0f)]\n[Dense(1)]\npublic partial class Net;",
            ["EverySettingOutOfRange"] = Header + "[Network(Loss.Huber, Optimizer.Nesterov, LearningRate = -1f, Momentum = 2f, Dampening = -1f, WeightDecay = float.NaN, HuberDelta = 0f, L1 = -1f, L2 = float.PositiveInfinity)]\n[Input(2)]\n[Dropout(2f)]\n[Dense(3, Activation.LeakyReLU, NegativeSlope = float.NaN, L1 = -1f)]\n[Dense(1, Activation.ELU, Alpha = -1f)]\npublic partial class Net;",
            ["EverySettingIgnored"] = Header + "[Network(Loss.MeanSquaredError, Optimizer.Sgd, Beta1 = 0.9f, Beta2 = 0.9f, Epsilon = 1e-3f, Rho = 0.5f, Alpha = 0.5f, Centered = true, AmsGrad = true, LearningRateDecay = 0.1f, InitialAccumulatorValue = 0.1f, HuberDelta = 2f)]\n[Input(2)]\n[Dense(3, Activation.ReLU, NegativeSlope = 0.1f, Alpha = 0.5f)]\n[Dense(1)]\npublic partial class Net;",
            ["IgnoredAndInvalidSettings"] = Header + "[Network(Loss.MeanSquaredError, Optimizer.Adam, Momentum = 0.9f, Beta1 = 1f)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["EveryOptimizerAndLossTogether"] = Header + "[Network(Loss.Hinge, Optimizer.Adadelta)]\n[Input(2)]\n[Dense(1)]\npublic partial class A;\n[Network(Loss.Logistic, Optimizer.Adagrad)]\n[Input(2)]\n[Dense(1)]\npublic partial class B;\n[Network(Loss.BinaryCrossEntropy, Optimizer.RMSprop)]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class C;\n[Network(Loss.Huber, Optimizer.AdamW)]\n[Input(2)]\n[Dense(1)]\npublic partial class D;",
            ["SizeThatOverflowsInt"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2147483648)]\n[Dense(1)]\npublic partial class Net;",
            ["NegativeSizes"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(-5)]\n[Dense(-1, Activation.ReLU)]\n[Dense(-7)]\npublic partial class Net;",
            ["MinValueSizes"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(int.MinValue)]\n[Dense(int.MinValue)]\npublic partial class Net;",
            ["OneMaxValueLayer"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(int.MaxValue)]\n[Dense(int.MaxValue)]\npublic partial class Net;",
            ["ThreeMaxValueLayers"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(int.MaxValue)]\n[Dense(int.MaxValue)]\n[Dense(int.MaxValue)]\n[Dense(int.MaxValue)]\npublic partial class Net;",
            ["MaxValueAfterZero"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(0)]\n[Dense(int.MaxValue)]\npublic partial class Net;",
            ["UndefinedEnumCasts"] = Header + "[Network((Loss)99, (Optimizer)(-1), LearningRate = -1f, MaxBatchSize = -1)]\n[Input(2)]\n[Dense(1, (Activation)99)]\npublic partial class Net;",
            ["NegativeActivationCast"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1, (Activation)(-1))]\npublic partial class Net;",
            ["AttributesOnStruct"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial struct Net;",
            ["AttributesOnRecordStruct"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial record struct Net;",
            ["AttributesOnInterface"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial interface INet;",
            ["AttributesOnEnum"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic enum Net { A, B }",
            ["AttributesOnDelegate"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic delegate void Net();",
            ["AttributesOnMethod"] = Header + "public partial class Net\n{\n    [Network(Loss.MeanSquaredError)]\n    [Input(2)]\n    [Dense(1)]\n    public void M() { }\n}",
            ["EmptyNetworkClass"] = Header + "[Network(Loss.MeanSquaredError)]\npublic partial class Net { }",
            ["EmptyFile"] = string.Empty,
            ["EmptyClassWithoutAttributes"] = Header + "public class Net { }",
            ["DuplicateNetwork"] = Header + "[Network(Loss.MeanSquaredError)]\n[Network(Loss.SoftmaxCrossEntropy)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["DuplicateNetworkOnTwoParts"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\npublic partial class Net;\n\n[Network(Loss.MeanSquaredError)]\n[Dense(1)]\npublic partial class Net;",
            ["DuplicateInputInOneList"] = Header + "[Network(Loss.MeanSquaredError), Input(2), Input(3), Dense(1)]\npublic partial class Net;",
            ["UnclosedBrace"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net\n{\n    public int X;\n",
            ["UnclosedAttribute"] = Header + "[Network(Loss.MeanSquaredError\n[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["AttributesWithNonexistentNames"] = Header + "[Networkk(Loss.MeanSquaredError)]\n[Input(2)]\n[Conv2D(3)]\npublic partial class Net;",
            ["LayersWithoutNetwork"] = Header + "[Input(2)]\n[Dense(1)]\npublic partial class Net;",
            ["GenericAndNestedInGeneric"] = Header + "public partial class Outer<T>\n{\n    [Network(Loss.MeanSquaredError)]\n    [Input(2)]\n    [Dense(1)]\n    public partial class Net<U>;\n}",
            ["StaticClass"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic static partial class Net;",
            ["FileLocalClass"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\nfile partial class Net;",
            ["PrimaryConstructor"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net(int size);",
            ["PositionalRecord"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial record Net(int Size);",
            ["PrimaryConstructorOnAnotherPart"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net;\n\npublic partial class Net(int size);",
            ["TypeNamedLikeAGeneratedMember"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class ParameterCount;",
            ["TypeNamedLikeALayerMember"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Layer1Forward;",
            ["KeywordNames"] = "using StaticNets;\nnamespace @event;\n\npublic partial class @checked\n{\n    [Network(Loss.MeanSquaredError)]\n    [Input(2)]\n    [Dense(1)]\n    public partial class @class;\n}",
            ["EveryDeclarationProblemAtOnce"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\nfile static class Step<T>(int size);",
            ["CircularBase"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Net : Net;",
            ["NetworkDerivedFromNetwork"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Base;\n\n[Network(Loss.MeanSquaredError)]\n[Input(3)]\n[Dense(2)]\npublic partial class Derived : Base;",
            ["UserDefinedNetworkAttribute"] = "using System;\nnamespace StaticNets\n{\n    public sealed class NetworkAttribute : Attribute { }\n}\n\nnamespace Samples\n{\n    using StaticNets;\n    [Network]\n    [Input(2)]\n    [Dense(1)]\n    public partial class Net;\n}",
            ["ValidNextToInvalid"] = Header + "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\npublic partial class Good;\n\n[Network(Loss.MeanSquaredError)]\n[Input(0)]\n[Dense(1)]\npublic partial class Bad;",
        };

        var random = new Random(Seed);
        for (int k = 0; k < RandomCaseCount; k++)
        {
            cases[$"Random{k:00}"] = RandomDeclaration(random);
        }

        return cases;
    }

    /// <summary>Attributes drawn with replacement from a pool of good and bad ones, shuffled, grouped at random, on a random kind of type.</summary>
    private static string RandomDeclaration(Random random)
    {
        string[] networks =
        [
            "Network(Loss.MeanSquaredError)", "Network(Loss.SoftmaxCrossEntropy, LearningRate = 0.1f)", "Network(Loss.MeanSquaredError, MaxBatchSize = 0)",
            "Network((Loss)9)", "Network(Loss.MeanSquaredError, LearningRate = float.NaN)",
            "Network(Loss.Huber, Optimizer.Adam, HuberDelta = 0.5f)", "Network(Loss.MeanAbsoluteError, Optimizer.RMSprop, Centered = true, Momentum = 0.5f)",
            "Network(Loss.MeanSquaredError, Optimizer.Nesterov, Momentum = 0f)", "Network(Loss.Hinge, Optimizer.Sgd, Beta1 = 0.5f, L2 = 1e-3f)",
        ];
        string[] layers =
        [
            "Input(2)", "Input(7)", "Input(0)", "Input(int.MaxValue)",
            "Dense(3, Activation.ReLU)", "Dense(1)", "Dense(4, Activation.Softmax)", "Dense(-2, Activation.Tanh)", "Dense(2, (Activation)12)",
            "Dense(int.MaxValue)", "Dense(5, Activation.Sigmoid)", "Dense(33, Activation.ELU)", "Dense(6, Activation.Softplus)",
            "Dropout(0.25f)", "Dropout(1f)", "Dense(4, Activation.GELU, L1 = 1e-4f)", "Dense(3, Activation.SiLU, L2 = -1f)",
            "Dense(2, Activation.LeakyReLU, NegativeSlope = 0.2f)", "Dense(2, Activation.Tanh, Alpha = 0.5f)",
        ];
        string[] declarations =
        [
            "public partial class Net;", "public partial class Net;", "public partial class Net;", "public class Net;",
            "public partial record Net;", "public static partial class Net;", "public partial struct Net;", "public partial class Net<T>;",
        ];

        var attributes = new List<string>();
        if (random.Next(6) > 0)
        {
            attributes.Add(networks[random.Next(networks.Length)]);
        }

        // Usually an input followed by layers, so that a fair share is valid; then sometimes a shuffle.
        attributes.Add(layers[random.Next(2)]);
        int count = random.Next(0, 4);
        for (int k = 0; k < count; k++)
        {
            attributes.Add(layers[random.Next(4, layers.Length)]);
        }

        if (random.Next(3) == 0)
        {
            attributes.Add(layers[random.Next(layers.Length)]);
            attributes = attributes.OrderBy(_ => random.Next()).ToList();
        }

        string lists = random.Next(2) == 0
            ? string.Concat(attributes.Select(static a => "[" + a + "]\n"))
            : "[" + string.Join(", ", attributes) + "]\n";
        return Header + lists + declarations[random.Next(declarations.Length)];
    }

    /// <summary>
    /// A model fit for the emitters: layers numbered from 1, sizes that chain, packed offsets, a bounded parameter count,
    /// a dense output layer, dropout layers without parameters and with a rate in [0, 1), settings in range.
    /// </summary>
    private static void AssertSane(NetworkModel model)
    {
        Assert.True(model.InputSize >= 1, $"Input size {model.InputSize}.");
        Assert.True(model.Layers.Count >= 1, "No layers.");
        Assert.True(model.OutputLayer.IsDense, "The output layer is not dense.");
        Assert.True(model.LearningRate > 0f && float.IsFinite(model.LearningRate), $"Learning rate {model.LearningRate}.");
        Assert.True(model.HuberDelta > 0f && float.IsFinite(model.HuberDelta), $"Huber delta {model.HuberDelta}.");
        long offset = 0;
        int fanIn = model.InputSize;
        for (int k = 0; k < model.Layers.Count; k++)
        {
            LayerModel layer = model.Layers[k];
            Assert.True(layer.Index == k + 1, $"Layer {k + 1} has index {layer.Index}.");
            Assert.True(layer.Inputs == fanIn && layer.Outputs >= 1, $"Layer {k + 1} is {layer.Inputs} -> {layer.Outputs} after {fanIn}.");
            Assert.True(layer.Parameters.Count == 0 || layer.Block("W").Offset == offset, $"Layer {k + 1} weights do not start at {offset}.");
            Assert.True(layer.L1 >= 0f && float.IsFinite(layer.L1) && layer.L2 >= 0f && float.IsFinite(layer.L2), $"Layer {k + 1} penalties {layer.L1}, {layer.L2}.");
            if (layer.Kind == LayerKind.Dropout)
            {
                Assert.True(layer.Inputs == layer.Outputs && layer.ParameterCount == 0, $"Dropout layer {k + 1} is {layer.Inputs} -> {layer.Outputs}.");
                Assert.True(layer.Dropout.Rate >= 0f && layer.Dropout.Rate < 1f, $"Dropout layer {k + 1} has rate {layer.Dropout.Rate}.");
                Assert.True(layer.Parameters.Count == 0, $"Dropout layer {k + 1} has {layer.Parameters.Count} parameter blocks.");
                continue;
            }

            Assert.True(float.IsFinite(layer.ActivationParameter), $"Layer {k + 1} activation parameter {layer.ActivationParameter}.");
            offset += (long)layer.Inputs * layer.Outputs;
            Assert.True(layer.Block("b").Offset == offset, $"Layer {k + 1} biases at {layer.Block("b").Offset}, expected {offset}.");
            offset += layer.Outputs;
            fanIn = layer.Outputs;
        }

        Assert.True(offset <= NetworkParser.MaxParameters, $"{offset} parameters, over the limit.");
        Assert.True(model.ParameterCount == offset, $"ParameterCount {model.ParameterCount}, expected {offset}.");
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (INamedTypeSymbol type in AllTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type && type.Locations.Any(static l => l.IsInSource))
            {
                yield return type;
                foreach (INamedTypeSymbol nested in AllTypes(type))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The name hint names use: namespace, containing types and name, dot-separated, without <c>global::</c>.</summary>
    private static string FullName(INamedTypeSymbol type)
    {
        var parts = new List<string> { type.Name };
        for (INamedTypeSymbol? containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            parts.Insert(0, containing.Name);
        }

        if (!type.ContainingNamespace.IsGlobalNamespace)
        {
            parts.Insert(0, type.ContainingNamespace.ToDisplayString());
        }

        return string.Join(".", parts);
    }
}
