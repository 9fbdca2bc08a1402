using System.Collections.Generic;
using System.IO;

namespace StaticNets.Data;

/// <summary>
/// Fashion-MNIST: 70,000 greyscale 28x28 images of clothing in 10 classes, 60,000 for training and 10,000 for testing,
/// in the IDX files of MNIST. On Debian the package <c>dataset-fashion-mnist</c> installs them in
/// <see cref="DefaultDirectory"/>.
/// </summary>
/// <example>
/// <code>
/// TrainTestData data = FashionMnist.Load();
/// var (train, validation) = data.Train.TakeValidation(5000, seed: 1);
/// Trainer.Fit(network, train.Features, train.OneHot(), validation.Features, validation.OneHot());
/// </code>
/// </example>
public static class FashionMnist
{
    /// <summary>Where the Debian package <see cref="PackageName"/> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that installs the files.</summary>
    public const string PackageName = "dataset-fashion-mnist";

    /// <summary>The height and width of each image.</summary>
    public const int ImageSize = 28;

    /// <summary>Pixels per image, the input size of a network that takes the images flat.</summary>
    public const int FeatureCount = ImageSize * ImageSize;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    private static readonly string[] s_classNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The name of each class, in label order: "T-shirt/top" is label 0, "Ankle boot" label 9.</summary>
    public static IReadOnlyList<string> ClassNames => s_classNames;

    /// <summary>
    /// Loads the official training and test sets from <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, each gzip-compressed (<c>.gz</c>) or raw. Pixels
    /// are scaled to [0, 1].
    /// </summary>
    /// <param name="directory">The folder that holds the four files.</param>
    /// <returns>The training and test sets.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist; the message says how to install it.</exception>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to install it.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, images and labels disagree in count, or a label is not a class.</exception>
    public static TrainTestData Load(string directory = DefaultDirectory) =>
        IdxDatasetLoader.Load(directory, "Fashion-MNIST", s_classNames,
            $"Install it with `apt-get install {PackageName}` (it puts the files in {DefaultDirectory}), or pass the folder that holds the four IDX files.");
}
