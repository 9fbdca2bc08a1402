using System.IO;
using System.Linq;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>
/// The real Fashion-MNIST files of the Debian package <c>dataset-fashion-mnist</c>: the official sizes, shapes and
/// class balance. Skipped, with the install command, where the package is missing.
/// </summary>
public sealed class FashionMnistFilesTests
{
    [FashionMnistFact]
    public void OfficialTestImagesAre10000GreyscaleImagesOf28By28()
    {
        string directory = FashionMnist.DefaultDirectory;

        IdxImages images = IdxReader.ReadImages(Path.Combine(directory, "t10k-images-idx3-ubyte.gz"));
        byte[] labels = IdxReader.ReadLabels(Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"));

        Assert.Equal(10_000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(10_000 * 784, images.Pixels.Length);
        Assert.Equal(255, images.Pixels.Max());
        Assert.Equal(10_000, labels.Length);
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], labels[..10].Select(l => (int)l));
    }

    [FashionMnistFact]
    public void OfficialSetsLoadWith60000And10000BalancedSamples()
    {
        TrainTestData data = FashionMnist.Load();

        Assert.Equal(60_000, data.Train.Count);
        Assert.Equal(10_000, data.Test.Count);
        Assert.Equal(FashionMnist.FeatureCount, data.Train.FeatureCount);
        Assert.Equal(FashionMnist.FeatureCount, data.Test.FeatureCount);
        Assert.Equal(Enumerable.Repeat(6_000, 10), data.Train.CountPerClass());
        Assert.Equal(Enumerable.Repeat(1_000, 10), data.Test.CountPerClass());
        Assert.Equal("Ankle boot", data.Train.ClassNames[data.Train.Labels[0]]); // the first training image is label 9
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], data.Train.Labels[..10]);
        Assert.Equal(0f, data.Train.Features.Min());
        Assert.Equal(1f, data.Train.Features.Max());
        Assert.Equal(76_247, (int)System.Math.Round(data.Train.GetSample(0).ToArray().Sum(p => p * 255.0))); // pixel sum of image 0
    }
}
