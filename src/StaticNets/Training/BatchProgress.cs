namespace StaticNets.Training;

/// <summary>Progress within an epoch, reported after every batch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="SamplesDone">Training samples processed so far in this epoch.</param>
/// <param name="Samples">Training samples per epoch.</param>
/// <param name="Loss">The loss of the batch just trained.</param>
public readonly record struct BatchProgress(int Epoch, int SamplesDone, int Samples, float Loss);
