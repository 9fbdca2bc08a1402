using System.Collections.Generic;

namespace StaticNets.Training;

/// <summary>What <see cref="Trainer"/> did.</summary>
/// <param name="History">One record per completed epoch.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="Reason">Why the run ended.</param>
/// <param name="Divergence">Where the run diverged, or <see langword="null"/> if it did not.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss (0 without validation).</param>
/// <param name="RestoredBestWeights">Whether the parameters were reset to those of <paramref name="BestEpoch"/>.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochRecord> History,
    long Steps,
    StopReason Reason,
    Divergence? Divergence,
    int BestEpoch,
    bool RestoredBestWeights)
{
    /// <summary>Whether a NaN or infinite loss or parameter stopped the run.</summary>
    public bool Diverged => Divergence is not null;

    /// <summary>The mean training loss of each completed epoch.</summary>
    public IReadOnlyList<float> EpochLosses
    {
        get
        {
            var losses = new float[History.Count];
            for (int k = 0; k < losses.Length; k++)
            {
                losses[k] = History[k].TrainLoss;
            }

            return losses;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Reason switch
    {
        StopReason.Diverged => Divergence!.ToString(),
        _ => $"{Reason.ToString().ToLowerInvariant()} after {History.Count} epochs, {Steps} steps" +
             (History.Count > 0 ? $", final training loss {History[^1].TrainLoss}" : string.Empty) +
             (BestEpoch > 0 ? $", best validation at epoch {BestEpoch}{(RestoredBestWeights ? " (weights restored)" : string.Empty)}" : string.Empty),
    };
}
