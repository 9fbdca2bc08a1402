using System;

namespace StaticNets.Training;

/// <summary>One epoch of a run: the training and (when evaluated) validation loss and accuracy.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">The mean training loss over the epoch's batches, regularisation included.</param>
/// <param name="TrainAccuracy">The fraction of training samples classified correctly while training (dropout on).</param>
/// <param name="ValidationLoss">The validation data loss, or NaN when validation did not run this epoch.</param>
/// <param name="ValidationAccuracy">The validation accuracy, or NaN when validation did not run this epoch.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
/// <param name="Elapsed">Time spent training this epoch (validation excluded).</param>
/// <param name="Samples">Training samples seen this epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    float TrainLoss,
    float TrainAccuracy,
    float ValidationLoss,
    float ValidationAccuracy,
    float LearningRate,
    TimeSpan Elapsed,
    int Samples)
{
    /// <summary>Whether validation ran at the end of this epoch.</summary>
    public bool HasValidation => !float.IsNaN(ValidationLoss);

    /// <summary>Training throughput of the epoch.</summary>
    public double SamplesPerSecond => Elapsed.TotalSeconds > 0 ? Samples / Elapsed.TotalSeconds : double.PositiveInfinity;
}
