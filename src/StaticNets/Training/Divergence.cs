namespace StaticNets.Training;

/// <summary>Where and how a run diverged: the first step whose loss or parameters were NaN or infinite.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Step">The optimizer step, from 1, counted across epochs.</param>
/// <param name="LearningRate">The learning rate of that step.</param>
/// <param name="Loss">The loss that step returned (possibly finite when only the parameters blew up).</param>
/// <param name="Reason">What was not finite.</param>
public sealed record Divergence(int Epoch, long Step, float LearningRate, float Loss, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"diverged at epoch {Epoch}, step {Step}, learning rate {LearningRate}: {Reason} (loss {Loss})";
}
