using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generators;

namespace StaticNets.GeneratorBenchmarks;

/// <summary>
/// What the generator costs a build: one full run of <see cref="NetworkGenerator"/> over a compilation that declares
/// one network (attribute lookup, parsing, the plan, all four generated files), with a new driver each time so that
/// nothing is cached. The compilation itself is made once, in the setup: its cost is the compiler's, not ours.
/// </summary>
[MemoryDiagnoser]
public class GeneratorCost
{
    /// <summary>The reference MLP of the main job: 784 -> 128 ReLU -> 10 softmax, SGD.</summary>
    public const string ReferenceMlp = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Sgd, LearningRate = 0.1f)]
        [Input(784)]
        [Dense(128, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Mlp;
        """;

    /// <summary>The reference CNN: two convolutions with max pooling, then two dense layers, Adam.</summary>
    public const string ReferenceCnn = """
        using StaticNets;

        namespace Samples;

        [Network(Loss.SoftmaxCrossEntropy, Optimizer.Adam, LearningRate = 0.001f)]
        [Input(28, 28, 1)]
        [Conv2D(32, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D(64, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Cnn;
        """;

    private CSharpCompilation _compilation = null!;

    /// <summary>The network the run generates.</summary>
    [Params("ReferenceMlp", "ReferenceCnn")]
    public string Network { get; set; } = "ReferenceMlp";

    [GlobalSetup]
    public void Setup()
    {
        string source = Network == "ReferenceCnn" ? ReferenceCnn : ReferenceMlp;
        _compilation = CSharpCompilation.Create(
            "Samples",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        // Once before timing, to check that the run generates the network's four files and reports nothing.
        GeneratorDriverRunResult result = Run();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length != 4)
        {
            throw new InvalidOperationException($"The generator made {result.GeneratedTrees.Length} files and {result.Diagnostics.Length} diagnostics for {Network}.");
        }
    }

    /// <summary>One cold run of the generator over the network's compilation.</summary>
    [Benchmark]
    public int Generate() => Run().GeneratedTrees.Length;

    private GeneratorDriverRunResult Run() =>
        CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(_compilation).GetRunResult();

    private static ImmutableArray<MetadataReference> References()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("The runtime did not provide TRUSTED_PLATFORM_ASSEMBLIES.");
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("System", StringComparison.Ordinal) || name is "mscorlib" or "netstandard")
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(NetworkAttribute).Assembly.Location);
        return [.. paths.Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
