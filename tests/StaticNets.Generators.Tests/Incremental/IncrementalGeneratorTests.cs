using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Incremental;

/// <summary>The generator's caching: edits that cannot change a network must not re-run its emitters.</summary>
public sealed class IncrementalGeneratorTests
{
    private const string Unrelated = """
        namespace Samples;

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private static readonly IncrementalStepRunReason[] NotRecomputed = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void SameCompilationRunTwiceIsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Mlp, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(second, TrackingNames.Parse));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(second, TrackingNames.Valid));
        Assert.All(OutputReasons(second), static r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void AddingCommentDoesNotRegenerate()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Mlp, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree network = compilation.SyntaxTrees[0];
        SyntaxTree commented = network.WithChangedText(network.GetText().Replace(0, 0, "// A comment that changes nothing.\n"));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(network, commented)).GetRunResult().Results.Single();

        AssertNotRecomputed(second);
    }

    [Fact]
    public void AddingCommentInsideTheAttributeListDoesNotRegenerate()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Mlp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree network = compilation.SyntaxTrees[0];
        string text = network.ToString().Replace("[Input(784)]", "[Input(784 /* 28 x 28 pixels */)]", StringComparison.Ordinal);
        Assert.NotEqual(network.ToString(), text);
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(network, network.WithChangedText(SourceText.From(text)))).GetRunResult().Results.Single();

        AssertNotRecomputed(second);
    }

    [Fact]
    public void EditingAnotherFileDoesNotRegenerate()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Mlp, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees[1];
        SyntaxTree edited = other.WithChangedText(other.GetText().Replace(other.Length, 0, "\npublic sealed class Unrelated { public int Value; }\n"));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(other, edited)).GetRunResult().Results.Single();

        AssertNotRecomputed(second);
    }

    [Fact]
    public void AddingAFileWithAnUnrelatedClassDoesNotRegenerate()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Mlp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation.AddSyntaxTrees(GeneratorHarness.Parse(Unrelated, "Unrelated.cs")))
            .GetRunResult().Results.Single();

        AssertNotRecomputed(second);
    }

    [Fact]
    public void ChangingALayerRegeneratesOnlyThatNetwork()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Mlp, SampleNetworks.Tiny);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single(static s => s.HintName == "Samples.Mlp.g.cs").SourceText.ToString();

        SyntaxTree mlp = compilation.SyntaxTrees[0];
        string text = mlp.ToString().Replace("[Dense(128, Activation.ReLU)]", "[Dense(64, Activation.ReLU)]", StringComparison.Ordinal);
        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(mlp, mlp.WithChangedText(SourceText.From(text)))).GetRunResult();
        GeneratorRunResult second = result.Results.Single();

        // Parse outputs follow the syntax trees: the MLP's model changed; the tiny network's may be re-parsed, but is equal.
        List<IncrementalStepRunReason> parse = Reasons(second, TrackingNames.Parse);
        Assert.Equal(2, parse.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, parse[0]);
        Assert.Contains(parse[1], NotRecomputed);
        string after = second.GeneratedSources.Single(static s => s.HintName == "Samples.Mlp.g.cs").SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("L1Out = 64", after, StringComparison.Ordinal);
    }

    [Fact]
    public void AddingCommentToATrainingNetworkDoesNotRegenerate()
    {
        // The optimizer settings, penalties and dropout rates must compare by value for the cache to hold.
        CSharpCompilation compilation = GeneratorHarness.Compile(TrainingSamples.Regularized, TrainingSamples.OptimizerNetwork("RMSpropCenteredWithMomentum"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree network = compilation.SyntaxTrees[0];
        SyntaxTree commented = network.WithChangedText(network.GetText().Replace(0, 0, "// A comment that changes nothing.\n"));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(network, commented)).GetRunResult().Results.Single();

        AssertNotRecomputed(second);
    }

    [Fact]
    public void ChangingAHyperParameterRegeneratesTheNetwork()
    {
        string adam = TrainingSamples.OptimizerNetwork("Adam");
        CSharpCompilation compilation = GeneratorHarness.Compile(adam);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single(static s => s.HintName == "Samples.AdamNet.Step.g.cs").SourceText.ToString();

        SyntaxTree tree = compilation.SyntaxTrees[0];
        string text = adam.Replace("Optimizer.Adam)", "Optimizer.Adam, Beta1 = 0.8f)", StringComparison.Ordinal);
        Assert.NotEqual(adam, text);
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text)))).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.Parse));
        string after = second.GeneratedSources.Single(static s => s.HintName == "Samples.AdamNet.Step.g.cs").SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("const float beta1 = 0.8f,", after, StringComparison.Ordinal);
    }

    [Fact]
    public void AddingAnIgnoredOptimizerSettingDoesNotRegenerate()
    {
        // Centered does not apply to Adam (SN0012, a warning): the model, and so every output, stays as it was.
        string adam = TrainingSamples.OptimizerNetwork("Adam");
        CSharpCompilation compilation = GeneratorHarness.Compile(adam);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees[0];
        string text = adam.Replace("Optimizer.Adam)", "Optimizer.Adam, Centered = true)", StringComparison.Ordinal);
        Assert.NotEqual(adam, text);
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text)))).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Unchanged], Reasons(second, TrackingNames.Parse));
        Assert.All(OutputReasons(second), static r => Assert.Contains(r, NotRecomputed));
    }

    [Fact]
    public void ModelGraphHoldsNoSymbolsSyntaxOrCompilation()
    {
        foreach ((string source, _) in SampleNetworks.ByName.Values.Concat(TrainingSamples.ByName.Values))
        {
            NetworkModel model = Assert.IsType<NetworkModel>(Assert.Single(ModelParsing.ParseThroughDriver(source)));

            (List<string> violations, HashSet<Type> types) = ModelGraph.Walk(model);

            Assert.Empty(violations);
            Assert.Contains(typeof(LayerModel), types); // the walk reached the layers
            Assert.All(types, static t => Assert.True(
                t.IsPrimitive || t.IsEnum || t == typeof(string) || t.IsArray || t.Namespace == typeof(NetworkModel).Namespace,
                $"{t.FullName} is not a string, number, enum, array or model type."));
        }
    }

    [Fact]
    public void ModelGraphWalkFindsRoslynObjects()
    {
        // The walk above is only as good as its detector: hide Roslyn objects in nested fields and arrays, and expect them found.
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleNetworks.Tiny);
        var graph = Tuple.Create(1, new object[] { "text", Tuple.Create(compilation, compilation.SyntaxTrees[0].GetRoot()) }, compilation.GetTypeByMetadataName("Samples.TinyNet"));

        (List<string> violations, _) = ModelGraph.Walk(graph);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, static v => v.Contains("Compilation", StringComparison.Ordinal));
        Assert.Contains(violations, static v => v.Contains("SyntaxNode", StringComparison.Ordinal));
        Assert.Contains(violations, static v => v.Contains("ISymbol", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryModelTypeIsImmutable()
    {
        Type[] models = typeof(NetworkModel).Assembly.GetTypes()
            .Where(static t => t.Namespace == typeof(NetworkModel).Namespace && !t.IsEnum && !t.IsNested && !t.Name.StartsWith('<'))
            .ToArray();

        Assert.Contains(typeof(NetworkModel), models);
        foreach (Type type in models)
        {
            // An abstract record is safe too: C# lets only records derive from a record, and record equality compares
            // the runtime type (EqualityContract) before the members.
            bool abstractRecord = type.IsAbstract
                && type.GetProperty("EqualityContract", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic) is not null;
            Assert.True(type.IsValueType || type.IsSealed || abstractRecord, $"{type.Name} can be subclassed, so its equality can be broken.");
            foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            {
                Assert.True(field.IsInitOnly, $"{type.Name}.{field.Name} is mutable.");
            }

            Assert.True(
                type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)),
                $"{type.Name} does not implement IEquatable<T>.");
        }
    }

    private static void AssertNotRecomputed(GeneratorRunResult result)
    {
        Assert.All(Reasons(result, TrackingNames.Parse), static r => Assert.Contains(r, NotRecomputed));
        Assert.All(Reasons(result, TrackingNames.Valid), static r => Assert.Contains(r, NotRecomputed));
        Assert.NotEmpty(OutputReasons(result));
        Assert.All(OutputReasons(result), static r => Assert.Contains(r, NotRecomputed));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();

    private static List<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(static kv => kv.Value).SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
}
