namespace StaticNets.Benchmarks;

/// <summary>
/// Fashion-MNIST-sized training data for the epoch benchmarks (W3, W6): 60,000 samples of 784 pixel intensities in
/// [0, 1) with random one-hot labels over 10 classes, from a fixed seed. Timing does not depend on the values, so the
/// benchmarks need no dataset.
/// </summary>
internal static class EpochData
{
    /// <summary>Samples per epoch, as in Fashion-MNIST's training set.</summary>
    public const int Samples = 60_000;

    /// <summary>Pixels per sample.</summary>
    public const int Features = 784;

    /// <summary>Classes.</summary>
    public const int Classes = 10;

    /// <summary>Creates the inputs, (Samples, Features) row-major, and one-hot targets, (Samples, Classes).</summary>
    public static (float[] Inputs, float[] Targets) Create(ulong seed)
    {
        var random = new SeededRandom(seed);
        var inputs = new float[Samples * Features];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle();
        }

        var targets = new float[Samples * Classes];
        for (int s = 0; s < Samples; s++)
        {
            targets[s * Classes + random.NextInt32(Classes)] = 1f;
        }

        return (inputs, targets);
    }
}
