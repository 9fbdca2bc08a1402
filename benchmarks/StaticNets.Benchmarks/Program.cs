using BenchmarkDotNet.Running;

namespace StaticNets.Benchmarks;

/// <summary>
/// Runs the StaticNets benchmarks. Every BenchmarkDotNet option works, for example:
/// <c>dotnet run -c Release --project benchmarks/StaticNets.Benchmarks -- --filter '*W1*'</c>.
/// See benchmarks/README.md.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
