namespace StaticNets.Training;

/// <summary>Why <see cref="Trainer.Fit{TNetwork}(TNetwork, System.ReadOnlySpan{float}, System.ReadOnlySpan{float}, TrainingOptions?)"/> returned.</summary>
public enum StopReason
{
    /// <summary>Every epoch ran.</summary>
    Completed = 0,

    /// <summary>The validation loss stopped improving for <see cref="TrainingOptions.EarlyStoppingPatience"/> evaluations.</summary>
    EarlyStopped = 1,

    /// <summary>A loss or parameter became NaN or infinite; see <see cref="TrainingResult.Divergence"/>.</summary>
    Diverged = 2,

    /// <summary>The cancellation token was signalled; the epochs so far are in the history.</summary>
    Cancelled = 3,
}
