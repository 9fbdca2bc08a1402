using System.Collections.Generic;

namespace StaticNets.Training;

/// <summary>What <see cref="Trainer.Fit{TNetwork}"/> did.</summary>
/// <param name="EpochLosses">The mean training loss of each completed epoch (a diverged epoch is not included).</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="Divergence">Where the run diverged, or <see langword="null"/> if it did not.</param>
public sealed record TrainingResult(IReadOnlyList<float> EpochLosses, long Steps, Divergence? Divergence)
{
    /// <summary>Whether a NaN or infinite loss or parameter stopped the run.</summary>
    public bool Diverged => Divergence is not null;

    /// <inheritdoc />
    public override string ToString() =>
        Divergence is null
            ? $"{EpochLosses.Count} epochs, {Steps} steps, final loss {(EpochLosses.Count > 0 ? EpochLosses[^1] : float.NaN)}"
            : Divergence.ToString();
}
