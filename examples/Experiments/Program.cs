using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ExperimentsExample;

// Re-runs the experiments of the reference reports (../shared/reports) with StaticNets and prints, row by row, our
// validation and test accuracy next to the report's figure.
//
//   dotnet run -c Release --project examples/Experiments -- <experiment> [--quick] [--epochs N] [--batch N] [--seed N]
//                                                          [--verbose] [--markdown]
//
// Experiments: lr-gd-mnist, lr-gd-fashion, lr-adam-mnist, lr-adam-fashion, layers-mnist, layers-fashion, optimizers, all.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Any(a => a is "-h" or "--help"))
{
    Options.PrintUsage(Console.Out);
    return 0;
}

Options? options = Options.Parse(args);
if (options is null)
{
    Options.PrintUsage(Console.Error);
    return 2;
}

if (options.Experiment == "list")
{
    foreach (Experiment e in Catalogue.All)
    {
        Console.WriteLine($"{e.Name,-16} {e.Title}");
    }

    Console.WriteLine($"{"all",-16} every experiment above, in this order");
    return 0;
}

List<Experiment> selected = options.Experiment == "all"
    ? [.. Catalogue.All]
    : Catalogue.All.Where(e => e.Name == options.Experiment).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"unknown experiment '{options.Experiment}'");
    Options.PrintUsage(Console.Error);
    return 2;
}

// Each data set is loaded (and split) once per process, when an experiment first needs it.
var loaded = new Dictionary<DataKind, ExperimentData>();
var tables = new List<TextTable>();
var started = DateTime.UtcNow;
foreach (Experiment experiment in selected)
{
    ExperimentData data;
    try
    {
        if (!loaded.TryGetValue(experiment.Data, out data!))
        {
            data = experiment.Data == DataKind.Mnist
                ? ExperimentData.LoadMnist(options.Seed, options.Quick)
                : ExperimentData.LoadFashion(options.Seed, options.Quick);
            loaded[experiment.Data] = data;
        }
    }
    catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine("scripts/setup.sh installs both data sets.");
        return 1;
    }

    var settings = new RunSettings(Catalogue.EpochsFor(experiment, options.Quick, options.Epochs), Catalogue.BatchFor(experiment, options.Batch), options.Seed, options.Verbose);
    Console.WriteLine($"== {experiment.Name}{(options.Quick ? " (--quick: a smoke check, not a result)" : string.Empty)}");
    Console.WriteLine($"   reproduces: {experiment.Title}");
    Console.WriteLine($"   network:    {experiment.Networks}");
    Console.WriteLine($"   data:       {data.Description}");
    Console.WriteLine($"   training:   {Catalogue.DescribeTraining(settings)}");
    Console.WriteLine($"               ({experiment.ReportTraining})");
    TextTable table = experiment.Run(experiment, data, settings);
    tables.Add(table);
    Console.WriteLine();
    Console.WriteLine(table.Render(options.Markdown));
}

if (selected.Count > 1)
{
    Console.WriteLine($"== summary: {selected.Count} experiments in {(DateTime.UtcNow - started).TotalMinutes:F1} min{(options.Quick ? " (--quick: smoke checks, not results)" : string.Empty)}");
    Console.WriteLine();
    foreach (TextTable table in tables)
    {
        Console.WriteLine(table.Render(options.Markdown));
    }
}

return 0;

/// <summary>The command line.</summary>
internal sealed record Options(string Experiment, bool Quick, int? Epochs, int? Batch, ulong Seed, bool Verbose, bool Markdown)
{
    public static Options? Parse(string[] args)
    {
        string? experiment = null;
        bool quick = false, verbose = false, markdown = false;
        int? epochs = null, batch = null;
        ulong seed = 42;
        for (int k = 0; k < args.Length; k++)
        {
            string? value = k + 1 < args.Length ? args[k + 1] : null;
            switch (args[k])
            {
                case "--quick": quick = true; break;
                case "--verbose": verbose = true; break;
                case "--markdown": markdown = true; break;
                case "--epochs" when int.TryParse(value, out int e) && e > 0: epochs = e; k++; break;
                case "--batch" when int.TryParse(value, out int b) && b >= 0: batch = b; k++; break;
                case "--seed" when ulong.TryParse(value, out ulong s): seed = s; k++; break;
                case string name when !name.StartsWith('-') && experiment is null: experiment = name; break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option '{args[k]}'");
                    return null;
            }
        }

        return experiment is null ? null : new Options(experiment, quick, epochs, batch, seed, verbose, markdown);
    }

    public static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: Experiments <experiment> [--quick] [--epochs N] [--batch N] [--seed N] [--verbose] [--markdown]");
        writer.WriteLine("  experiments: " + string.Join(", ", Catalogue.All.Select(e => e.Name)) + ", all (every one), list (describe them)");
        writer.WriteLine("  --quick      small random subsets and 2 epochs: a smoke check of a few seconds, not a result");
        writer.WriteLine("  --epochs N   epochs per run (default: 50 on MNIST, 30 on Fashion-MNIST, 20 for optimizers)");
        writer.WriteLine("  --batch N    mini-batch size (default 128; 32 for optimizers); 0 = full batch, as the report");
        writer.WriteLine("  --seed N     seeds the split, the initial weights and the shuffling (default 42)");
        writer.WriteLine("  --verbose    print every epoch");
        writer.WriteLine("  --markdown   print the tables as Markdown (for docs/experiments.md)");
    }
}
