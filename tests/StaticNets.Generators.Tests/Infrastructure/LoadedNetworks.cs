using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// Declarations run through the generator, compiled with the generated code into an in-memory assembly, and loaded
/// into a collectible load context, so that a test can call the generated networks as a user's program would.
/// </summary>
/// <remarks>
/// The runtime tests check generated code the same way, but there the generator runs inside the build; here it runs in
/// the test process, so a change to an emitter (a mutant, for mutation testing) reaches the code these tests execute.
/// <c>StaticNets.dll</c> is not loaded again: the load context falls back to the test's own copy, so the networks are
/// <see cref="INetwork"/>s of the test's type.
/// </remarks>
internal sealed class LoadedNetworks
{
    private readonly Assembly _assembly;

    private LoadedNetworks(Assembly assembly) => _assembly = assembly;

    /// <summary>Generates, compiles and loads <paramref name="source"/>, which declares networks in the global namespace or any other.</summary>
    public static LoadedNetworks Compile(string source)
    {
        // Only the generator and the compiler run: the analyzer and the diagnostics pass of GeneratorHarness.Run would
        // double the cost of every case, and emitting reports every compile error anyway.
        CSharpCompilation input = GeneratorHarness.Compile(source)
            .WithOptions(GeneratorHarness.CompilationOptions.WithOptimizationLevel(OptimizationLevel.Release));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedSources);

        // Release, as users build what they ship; the generated code's behaviour must not depend on it.
        using var image = new MemoryStream();
        EmitResult emitted = output.Emit(image);
        Diagnostic[] errors = emitted.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(emitted.Success, "the generated code does not compile:\n" + string.Join("\n", errors.Take(10)));

        image.Position = 0;
        var context = new AssemblyLoadContext($"generated networks {Guid.NewGuid():N}", isCollectible: true);
        return new LoadedNetworks(context.LoadFromStream(image));
    }

    /// <summary>The generated network type <paramref name="fullName"/>.</summary>
    public Type Type(string fullName) =>
        _assembly.GetType(fullName) ?? throw new InvalidOperationException($"the compiled assembly has no type {fullName}");

    /// <summary>A new <paramref name="fullName"/> through its <c>(seed, maxBatchSize)</c> constructor.</summary>
    public INetwork Create(string fullName, int seed, int maxBatchSize) =>
        (INetwork)Activator.CreateInstance(Type(fullName), seed, maxBatchSize)!;
}
