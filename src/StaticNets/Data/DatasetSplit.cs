namespace StaticNets.Data;

/// <summary>A data set split into training, validation and test parts by <see cref="Dataset.Split"/>.</summary>
/// <param name="Train">The samples to train on.</param>
/// <param name="Validation">The samples to choose hyper-parameters and stop early on.</param>
/// <param name="Test">The samples to report the final result on.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Validation, Dataset Test);
