using System;
using System.Diagnostics;
using System.Linq;
using StaticNets;
using StaticNets.Metrics;
using StaticNets.Training;

namespace ExperimentsExample;

/// <summary>How every run of one experiment is trained.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Mini-batch size, or <see cref="TrainingOptions.FullBatch"/> (0) for full-batch gradient descent.</param>
/// <param name="Seed">Seeds the data split, the network's initial weights and the per-epoch shuffling.</param>
/// <param name="Verbose">Print a line per epoch.</param>
internal sealed record RunSettings(int Epochs, int BatchSize, ulong Seed, bool Verbose)
{
    public string DescribeBatch() => BatchSize == TrainingOptions.FullBatch ? "full batch" : $"mini-batches of {BatchSize}";
}

/// <summary>What one run (one row of a table) gave.</summary>
internal sealed record RunOutcome(
    string Label,
    TrainingResult Result,
    TimeSpan Elapsed,
    double SamplesPerSecond,
    float ValidationLoss,
    float ValidationAccuracy,
    float BestValidationAccuracy,
    int BestValidationEpoch,
    float TestLoss,
    double TestAccuracy,
    double TestWeightedF1)
{
    public bool Diverged => Result.Diverged;

    /// <summary>"completed" or "diverged at epoch E (step S)", the Trainer's <see cref="Divergence"/>.</summary>
    public string Status => Result.Divergence is { } d ? $"diverged at epoch {d.Epoch} (step {d.Step})" : Result.Reason.ToString().ToLowerInvariant();
}

internal static class Runner
{
    // Validation and test sets are evaluated in chunks of at most this many samples.
    private const int EvaluationBatch = 1000;

    /// <summary>
    /// Trains a fresh network made by <paramref name="create"/> (seeded with <see cref="RunSettings.Seed"/>) at
    /// <paramref name="learningRate"/> (NaN: the declared default), validating after every epoch, and evaluates the final
    /// weights on the test set. The weights are not reset to the best epoch: like the report, a row shows where the run
    /// ended; the best validation accuracy is listed beside it.
    /// </summary>
    public static RunOutcome Run<TNetwork>(string label, Func<int, int, TNetwork> create, float learningRate, ExperimentData data, RunSettings settings)
        where TNetwork : INetwork
    {
        int batch = settings.BatchSize == TrainingOptions.FullBatch ? data.Train.Count : Math.Min(settings.BatchSize, data.Train.Count);
        TNetwork network = create(unchecked((int)settings.Seed), Math.Max(batch, EvaluationBatch));
        if (!float.IsNaN(learningRate))
        {
            network.LearningRate = learningRate;
        }

        var options = new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,
            RestoreBestWeights = false,
            OnEpochEnd = settings.Verbose
                ? r => Console.WriteLine($"      epoch {r.Epoch,3}  loss {r.TrainLoss:F4}  acc {r.TrainAccuracy:F4}  val loss {r.ValidationLoss:F4}  val acc {r.ValidationAccuracy:F4}  {r.SamplesPerSecond:N0} samples/s")
                : null,
        };

        var clock = Stopwatch.StartNew();
        TrainingResult result = Trainer.Fit(network, data.Train.Features, data.TrainTargets, data.Validation.Features, data.ValidationTargets, options);
        clock.Stop();

        double trainSeconds = result.History.Sum(r => r.Elapsed.TotalSeconds);
        double samplesPerSecond = trainSeconds > 0 ? result.History.Sum(r => (double)r.Samples) / trainSeconds : 0;
        float validationLoss = float.NaN, validationAccuracy = float.NaN, bestAccuracy = float.NaN, testLoss = float.NaN;
        int bestEpoch = 0;
        double testAccuracy = double.NaN, testF1 = double.NaN;
        if (!result.Diverged && result.History.Count > 0)
        {
            EpochRecord last = result.History[^1];
            validationLoss = last.ValidationLoss;
            validationAccuracy = last.ValidationAccuracy;
            EpochRecord best = result.History.Where(r => r.HasValidation).MaxBy(r => r.ValidationAccuracy)!;
            bestAccuracy = best.ValidationAccuracy;
            bestEpoch = best.Epoch;
            (testLoss, _) = Trainer.Evaluate(network, data.Test.Features, data.TestTargets);
            ConfusionMatrix matrix = Evaluation.Evaluate(network, data.Test.Features, data.Test.Labels, data.Test.ClassNames);
            testAccuracy = matrix.Accuracy;
            testF1 = matrix.WeightedF1;
        }

        var outcome = new RunOutcome(label, result, clock.Elapsed, samplesPerSecond, validationLoss, validationAccuracy, bestAccuracy, bestEpoch, testLoss, testAccuracy, testF1);
        Console.WriteLine(outcome.Diverged
            ? $"    {label}: {result.Divergence}"
            : $"    {label}: {Catalogue.Epochs(result.History.Count)} in {clock.Elapsed.TotalSeconds:F1} s ({samplesPerSecond:N0} samples/s); val acc {validationAccuracy:F4}, test acc {testAccuracy:F4}");
        return outcome;
    }
}
