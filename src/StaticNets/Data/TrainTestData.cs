namespace StaticNets.Data;

/// <summary>
/// A data set published with its own training and test sets, such as Fashion-MNIST. Hold a validation set out of
/// <see cref="Train"/> with <see cref="Dataset.TakeValidation(int, ulong)"/>, and keep <see cref="Test"/> for the end.
/// </summary>
/// <param name="Train">The official training set.</param>
/// <param name="Test">The official test set.</param>
public sealed record TrainTestData(Dataset Train, Dataset Test);
