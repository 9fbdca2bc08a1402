using System.Globalization;
using BenchmarkDotNet.Running;

namespace StaticNets.Benchmarks;

/// <summary>
/// Runs the StaticNets benchmarks. Every BenchmarkDotNet option works, for example:
/// <c>dotnet run -c Release --project benchmarks/StaticNets.Benchmarks -- --filter '*W1*'</c>.
/// See benchmarks/README.md. <c>--core-to-core SECONDS</c> instead runs the machine check of <see cref="CoreToCore"/>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == CoreToCore.Switch)
        {
            CoreToCore.Run(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
