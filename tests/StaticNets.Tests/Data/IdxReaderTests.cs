using System;
using System.IO;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>IDX files written by the tests: valid ones read exactly, raw or gzipped; every damaged one is refused with a message naming the file.</summary>
public sealed class IdxReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImageFileIsReadWithItsShapeAndPixels(bool gzip)
    {
        string path = IdxTestFiles.Write(_folder["images"], IdxTestFiles.Images(count: 3, rows: 2, columns: 4), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(2, images.Rows);
        Assert.Equal(4, images.Columns);
        Assert.Equal(8, images.PixelsPerImage);
        Assert.Equal(IdxTestFiles.Pattern(24), images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelFileIsReadInOrder(bool gzip)
    {
        string path = IdxTestFiles.Write(_folder["labels"], IdxTestFiles.Labels(9, 0, 0, 3, 255), gzip);

        Assert.Equal(new byte[] { 9, 0, 0, 3, 255 }, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void GzipIsRecognisedByItsMagicBytesNotByTheFileName()
    {
        byte[] file = IdxTestFiles.Labels(1, 2, 3);
        string gzippedWithoutExtension = IdxTestFiles.Write(_folder["labels-idx1-ubyte"], file, gzip: true);
        string rawWithGzExtension = IdxTestFiles.Write(_folder["labels-idx1-ubyte.gz"], file, gzip: false);

        Assert.Equal(new byte[] { 1, 2, 3 }, IdxReader.ReadLabels(gzippedWithoutExtension));
        Assert.Equal(new byte[] { 1, 2, 3 }, IdxReader.ReadLabels(rawWithGzExtension));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GeneralReadReturnsTheDimensionsAndDataOfAnyUnsignedByteFile(bool gzip)
    {
        byte[] data = IdxTestFiles.Pattern(2 * 3 * 1 * 5);
        string path = IdxTestFiles.Write(_folder["tensor"], IdxTestFiles.Build([2, 3, 1, 5], data), gzip);

        IdxFile file = IdxReader.Read(path);

        Assert.Equal([2, 3, 1, 5], file.Dimensions);
        Assert.Equal(data, file.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedImageFileIsRefusedWithTheExpectedAndFoundLengths(bool gzip)
    {
        byte[] file = IdxTestFiles.Images(count: 3, rows: 2, columns: 4);
        string path = IdxTestFiles.Write(_folder["train-images.gz"], file[..^4], gzip);

        AssertRefused(() => IdxReader.ReadImages(path), path, "expected 24 pixel bytes (3 x 2 x 4) after the header, found 20 (truncated file)");
    }

    [Fact]
    public void GzipFileCutShortIsRefusedNamingTheFile()
    {
        byte[] compressed = IdxTestFiles.Gzip(IdxTestFiles.Images(count: 50, rows: 8, columns: 8));
        string path = _folder["cut.gz"];
        File.WriteAllBytes(path, compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith($"Cannot load '{path}': ", error.Message);
        Assert.Matches("truncated|corrupt", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytesAfterTheDataAreRefused(bool gzip)
    {
        byte[] file = [.. IdxTestFiles.Labels(1, 2, 3), 0, 0, 7];
        string path = IdxTestFiles.Write(_folder["labels"], file, gzip);

        AssertRefused(() => IdxReader.ReadLabels(path), path, "expected 3 label bytes after the header, found 6 (3 trailing bytes after the data)");
    }

    [Fact]
    public void FileWithoutAnIdxMagicNumberIsRefused()
    {
        string path = IdxTestFiles.Write(_folder["picture.png"], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

        AssertRefused(() => IdxReader.Read(path), path, "does not start with an IDX magic number", "89 50 4e 47", "not an IDX file");
    }

    [Theory]
    [InlineData(0x1f, 0x00)] // the first byte of the gzip magic only
    [InlineData(0x00, 0x8b)] // the second only
    public void FileWithHalfTheGzipMagicIsReadAsRawAndRefusedForItsIdxMagic(byte first, byte second)
    {
        string path = IdxTestFiles.Write(_folder["half-gzip"], [first, second, 0x08, 0x01, 0, 0, 0, 0]);

        AssertRefused(() => IdxReader.Read(path), path, "does not start with an IDX magic number", $"{first:x2} {second:x2} 08 01");
    }

    [Fact]
    public void FileOfAnotherDataTypeIsRefusedNamingTheType()
    {
        string path = IdxTestFiles.Write(_folder["floats"], IdxTestFiles.Build([2], new byte[8], type: 0x0D));

        AssertRefused(() => IdxReader.Read(path), path, "0x00000D01", "32-bit floats", "only unsigned bytes (0x08)");
    }

    [Fact]
    public void LabelFileReadAsImagesIsRefusedWithBothMagicNumbers()
    {
        string path = IdxTestFiles.Write(_folder["labels"], IdxTestFiles.Labels(1, 2, 3));

        AssertRefused(() => IdxReader.ReadImages(path), path, "expected the magic number 0x00000803 (3 dimensions", "found 0x00000801 (1 dimension), as in a label file");
    }

    [Fact]
    public void ImageFileReadAsLabelsIsRefusedWithBothMagicNumbers()
    {
        string path = IdxTestFiles.Write(_folder["images"], IdxTestFiles.Images(2, 2, 2));

        AssertRefused(() => IdxReader.ReadLabels(path), path, "expected the magic number 0x00000801 (1 dimension", "found 0x00000803 (3 dimensions), as in an image file");
    }

    [Fact]
    public void FileDeclaringZeroDimensionsIsRefused()
    {
        string path = IdxTestFiles.Write(_folder["scalar"], [0, 0, 8, 0, 42]);

        AssertRefused(() => IdxReader.Read(path), path, "declares 0 dimensions");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void DimensionThatIsNotPositiveIsRefused(int size)
    {
        string path = IdxTestFiles.Write(_folder["images"], IdxTestFiles.Build([4, size, 3], []));

        AssertRefused(() => IdxReader.ReadImages(path), path, $"dimension 2 of 3 has size {size}; every size must be positive");
    }

    [Fact]
    public void DimensionsWhoseProductDoesNotFitInAnArrayAreRefusedBeforeAllocating()
    {
        string path = IdxTestFiles.Write(_folder["huge"], IdxTestFiles.Build([65536, 65536, 2], []));

        AssertRefused(() => IdxReader.ReadImages(path), path, "its dimensions 65536 x 65536 x 2 describe more bytes than one array can hold (at most 2147483591)");
    }

    [Fact]
    public void SmallGzipFileDeclaringHugeDataIsRefusedBeforeAllocating()
    {
        string path = IdxTestFiles.Write(_folder["bomb.gz"], IdxTestFiles.Build([1_000_000_000], []), gzip: true);

        AssertRefused(() => IdxReader.ReadLabels(path), path, "expected 1000000000 label bytes", "cannot hold that many (truncated or corrupt file)");
    }

    [Fact]
    public void EmptyFileIsRefused()
    {
        string path = IdxTestFiles.Write(_folder["empty"], []);

        AssertRefused(() => IdxReader.ReadLabels(path), path, "the file is empty");
    }

    [Fact]
    public void FileEndingInsideTheDimensionSizesIsRefused()
    {
        byte[] file = IdxTestFiles.Images(1, 1, 1);
        string path = IdxTestFiles.Write(_folder["images"], file[..10]);

        AssertRefused(() => IdxReader.ReadImages(path), path, "it ends inside the dimension sizes: expected 12 bytes for 3 dimensions, found 6 (truncated file)");
    }

    [Fact]
    public void MissingFileIsAFileNotFoundError()
    {
        string path = _folder["absent-idx1-ubyte"];

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message);
    }

    private static void AssertRefused(Action read, string path, params string[] fragments)
    {
        var error = Assert.Throws<InvalidDataException>(read);
        Assert.StartsWith($"Cannot load '{path}': ", error.Message);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }
}
