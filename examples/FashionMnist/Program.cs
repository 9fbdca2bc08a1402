using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FashionMnistExample;
using Spectre.Console;
using StaticNets;
using StaticNets.Data;
using StaticNets.Metrics;
using StaticNets.Schedules;
using StaticNets.Training;

// The main job: train reference report 001's best Fashion-MNIST network (784 -> 128 ReLU -> 10 softmax, Adam 0.005)
// on the real data, show progress, evaluate on the official test set, and write the pictures and the model file.
// With --model cnn it trains the reference CNN instead (two 3x3 convolutions with max pooling, Adam 0.001).
//
//   dotnet run -c Release --project examples/FashionMnist [-- --model mlp|cnn --epochs N --batch N --threads N --quick --out <folder>]

var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

AnsiConsole.MarkupLine(options.Cnn
    ? "[bold]StaticNets · Fashion-MNIST[/]  28x28x1 -> Conv 32 3x3 ReLU -> MaxPool 2 -> Conv 64 3x3 ReLU -> MaxPool 2 -> 64 ReLU -> 10 softmax, Adam, learning rate 0.001"
    : "[bold]StaticNets · Fashion-MNIST[/]  784 -> 128 ReLU -> 10 softmax, Adam, learning rate 0.005");

// 1. Data: the official 60,000 / 10,000 split; 10% of the training images are held out for validation.
TrainTestData data;
try
{
    data = FashionMnist.Load(options.DataDirectory);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
    return 1;
}

Dataset train = data.Train, test = data.Test;
if (options.Quick)
{
    train = train.Subset(6000);
    test = test.Subset(2000);
}

(Dataset training, Dataset validation) = train.TakeValidation(0.1, seed: options.Seed);
AnsiConsole.MarkupLine($"data: {training.Count:N0} training, {validation.Count:N0} validation, {test.Count:N0} test images of {training.FeatureCount} pixels scaled to [[0, 1]]");

return options.Cnn
    ? Run(new FashionCnn(seed: (int)options.Seed), () => new FashionCnn(), "fashion-cnn", "Fashion-MNIST CNN", FashionCnn.DefaultLearningRate, options, training, validation, test)
    : Run(new FashionMlp(seed: (int)options.Seed), () => new FashionMlp(), "fashion-mlp", "Fashion-MNIST MLP", FashionMlp.DefaultLearningRate, options, training, validation, test);

// Steps 2-4 for either network: the same trainer, metrics, pictures and model file.
static int Run<TNetwork>(TNetwork network, Func<TNetwork> fresh, string name, string title, float learningRate, Options options,
    Dataset training, Dataset validation, Dataset test)
    where TNetwork : INetwork
{
    // 2. Training, with a progress bar per epoch.
    float[] trainingTargets = training.OneHot();
    float[] validationTargets = validation.OneHot();
    TrainingResult result = null!;
    var clock = Stopwatch.StartNew();
    TrainingOptions trainingOptions = new()
    {
        Epochs = options.Epochs,
        BatchSize = options.BatchSize,
        Seed = options.Seed,
        DegreeOfParallelism = options.Threads, // null: chosen for the network and batch size; results are bitwise the same for every count
        // Adam at the declared rate, annealed along a cosine to 0 over the run so that the last epochs settle.
        Schedule = options.Anneal
            ? new CosineAnnealingSchedule(learningRate, options.Epochs * ((training.Count + options.BatchSize - 1) / options.BatchSize))
            : null,
    };

    if (AnsiConsole.Profile.Capabilities.Interactive)
    {
        // A terminal: one live bar per epoch, which keeps its figures when the epoch ends.
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? current = null;
                result = Trainer.Fit(network, training.Features, trainingTargets, validation.Features, validationTargets, trainingOptions with
                {
                    OnBatchEnd = progress =>
                    {
                        current ??= context.AddTask($"epoch {progress.Epoch,2}", maxValue: progress.Samples);
                        current.Value = progress.SamplesDone;
                    },
                    OnEpochEnd = record =>
                    {
                        current ??= context.AddTask($"epoch {record.Epoch,2}", maxValue: record.Samples);
                        current.Value = current.MaxValue;
                        current.Description = Describe(record);
                        current.StopTask();
                        current = null;
                    },
                });
            });
    }
    else
    {
        // Output to a file or a pipe: one line per epoch.
        result = Trainer.Fit(network, training.Features, trainingTargets, validation.Features, validationTargets, trainingOptions with
        {
            OnEpochEnd = record => Console.WriteLine(Describe(record)),
        });
    }

    clock.Stop();

    if (result.Diverged)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]training {result}[/]");
        return 1;
    }

    EpochRecord best = result.History.First(r => r.Epoch == result.BestEpoch);
    AnsiConsole.MarkupLine($"trained {result.History.Count} epochs ({result.Steps:N0} steps) in {clock.Elapsed.TotalSeconds:F1} s; " +
                           $"best validation accuracy {best.ValidationAccuracy:F4} at epoch {best.Epoch} (weights restored; the report's best MLP: 0.896)");

    // 3. Test set: accuracy, the per-class table (the layout of the report's Tables 7 and 8) and the confusion matrix.
    ConfusionMatrix matrix = Evaluation.Evaluate(network, test.Features, test.Labels, FashionMnist.ClassNames);
    AnsiConsole.MarkupLine($"[bold]test accuracy {matrix.Accuracy:F4}[/], weighted F1 {matrix.WeightedF1:F4} (the report's MLP: 0.8996)");
    AnsiConsole.WriteLine();
    AnsiConsole.WriteLine(matrix.FormatReport());
    AnsiConsole.WriteLine(matrix.FormatMatrix());

    // 4. Pictures and the model file.
    Directory.CreateDirectory(options.OutputDirectory);
    string prefix = name.StartsWith("fashion-mlp", StringComparison.Ordinal) ? "fashion-mnist" : name;
    string historyPath = Path.Combine(options.OutputDirectory, prefix + "-history.png");
    string confusionPath = Path.Combine(options.OutputDirectory, prefix + "-confusion.png");
    string modelPath = Path.Combine(options.OutputDirectory, name + ".snet");
    Charts.SaveHistory(result.History, title, historyPath);
    Charts.SaveConfusionMatrix(matrix, "Fashion-MNIST test set", confusionPath);
    network.Save(modelPath);

    // The saved model must give the same predictions when loaded into a fresh network.
    TNetwork reloaded = fresh();
    reloaded.Load(modelPath);
    bool same = Evaluation.Predict(reloaded, test.Features).AsSpan().SequenceEqual(Evaluation.Predict(network, test.Features));
    AnsiConsole.MarkupLine($"wrote {historyPath}, {confusionPath} and {modelPath} ({new FileInfo(modelPath).Length:N0} bytes; reloaded predictions {(same ? "identical" : "[red]DIFFERENT[/]")})");
    if (matrix.Accuracy < options.ExpectedAccuracy)
    {
        AnsiConsole.MarkupLine($"[red]test accuracy {matrix.Accuracy:F4} is below the expected {options.ExpectedAccuracy:F4}[/]");
        return 1;
    }

    return same ? 0 : 1;
}

static string Describe(EpochRecord record) =>
    $"epoch {record.Epoch,2}  loss {record.TrainLoss:F4}  acc {record.TrainAccuracy:F4}  " +
    $"val loss {record.ValidationLoss:F4}  val acc {record.ValidationAccuracy:F4}  lr {record.LearningRate:G3}  {record.SamplesPerSecond:N0} samples/s";

/// <summary>Command-line options of the main job.</summary>
internal sealed record Options(bool Cnn, int Epochs, int BatchSize, ulong Seed, bool Quick, bool Anneal, string DataDirectory, string OutputDirectory, double ExpectedAccuracy, int? Threads)
{
    public static Options? Parse(string[] args)
    {
        int model = Array.IndexOf(args, "--model");
        bool cnn = model >= 0 && model + 1 < args.Length && args[model + 1] == "cnn"; // read first: it sets the defaults
        int epochs = cnn ? 10 : 20, batch = cnn ? 32 : 128; // the CNN: Keras' default batch size, as report 000
        ulong seed = 42;
        double expected = 0;
        int? threads = null; // the trainer's automatic choice
        bool quick = false, anneal = true;
        string data = FashionMnist.DefaultDirectory, output = Path.Combine("artifacts", "fashion-mnist");
        for (int k = 0; k < args.Length; k++)
        {
            string? value = k + 1 < args.Length ? args[k + 1] : null;
            switch (args[k])
            {
                case "--model" when value is "mlp" or "cnn": k++; break;
                case "--epochs" when int.TryParse(value, out epochs) && epochs > 0: k++; break;
                case "--threads" when int.TryParse(value, out int count) && count > 0: threads = count; k++; break;
                case "--expect-accuracy" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out expected): k++; break;
                case "--batch" when int.TryParse(value, out batch) && batch > 0: k++; break;
                case "--seed" when ulong.TryParse(value, out seed): k++; break;
                case "--data" when value is not null: data = value; k++; break;
                case "--out" when value is not null: output = value; k++; break;
                case "--quick": quick = true; epochs = Math.Min(epochs, 3); break;
                case "--constant-rate": anneal = false; break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option '{args[k]}'");
                    Console.Error.WriteLine("usage: FashionMnist [--model mlp|cnn] [--epochs N] [--batch N] [--seed N] [--quick] [--constant-rate] [--data folder] [--out folder] [--expect-accuracy A] [--threads N]");
                    return null;
            }
        }

        return new Options(cnn, epochs, batch, seed, quick, anneal, data, output, expected, threads);
    }
}
