using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets.Data;

/// <summary>Loads a data set published as the four IDX files of MNIST: training and test images and labels.</summary>
internal static class IdxDatasetLoader
{
    internal const string TrainImages = "train-images-idx3-ubyte";
    internal const string TrainLabels = "train-labels-idx1-ubyte";
    internal const string TestImages = "t10k-images-idx3-ubyte";
    internal const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Reads the four files from <paramref name="directory"/>, each either gzip-compressed (<c>.gz</c>) or raw.</summary>
    /// <param name="directory">The folder that holds the files.</param>
    /// <param name="datasetName">The data set's name, for error messages.</param>
    /// <param name="classNames">The name of each class.</param>
    /// <param name="howToGet">A sentence saying how to install the files, for error messages.</param>
    internal static TrainTestData Load(string directory, string datasetName, IReadOnlyList<string> classNames, string howToGet)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot load {datasetName}: the folder '{directory}' does not exist. {howToGet}");
        }

        string trainImages = Find(directory, TrainImages, datasetName, howToGet);
        string trainLabels = Find(directory, TrainLabels, datasetName, howToGet);
        string testImages = Find(directory, TestImages, datasetName, howToGet);
        string testLabels = Find(directory, TestLabels, datasetName, howToGet);

        Dataset train = LoadPart(trainImages, trainLabels, datasetName, classNames, expectedPixels: null);
        Dataset test = LoadPart(testImages, testLabels, datasetName, classNames, expectedPixels: train.FeatureCount);
        return new TrainTestData(train, test);
    }

    private static Dataset LoadPart(string imagesPath, string labelsPath, string datasetName, IReadOnlyList<string> classNames, int? expectedPixels)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        if (expectedPixels is int pixels && images.PixelsPerImage != pixels)
        {
            throw new InvalidDataException(
                $"Cannot load {datasetName}: '{imagesPath}' holds {images.Rows}x{images.Columns} images ({images.PixelsPerImage} pixels), but the training images have {pixels} pixels.");
        }

        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(
                $"Cannot load {datasetName}: '{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Length} labels; they must agree.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classNames.Count)
            {
                throw new InvalidDataException(
                    $"Cannot load '{labelsPath}': label {i} is {labels[i]}, but {datasetName} has {classNames.Count} classes (0 to {classNames.Count - 1}).");
            }
        }

        return Dataset.FromPixels(images.Pixels, images.PixelsPerImage, labels, classNames);
    }

    private static string Find(string directory, string name, string datasetName, string howToGet)
    {
        foreach (string candidate in (ReadOnlySpan<string>)[name + ".gz", name])
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"Cannot load {datasetName}: the folder '{directory}' has neither {name}.gz nor {name}. {howToGet}",
            Path.Combine(directory, name + ".gz"));
    }
}
