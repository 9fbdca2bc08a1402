using BenchmarkDotNet.Running;

namespace StaticNets.GeneratorBenchmarks;

/// <summary>
/// Runs the generator benchmarks, e.g.
/// <c>dotnet run -c Release --project benchmarks/StaticNets.GeneratorBenchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
