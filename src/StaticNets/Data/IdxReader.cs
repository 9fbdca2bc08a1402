using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace StaticNets.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: raw, or gzip-compressed (recognised by the gzip magic
/// bytes 1f 8b, whatever the file is called). The layout, all integers big-endian:
/// <code>
/// size    field
/// 2       zero
/// 1       data type (0x08: unsigned byte, the only one read here)
/// 1       dimension count n (3 for images, 1 for labels)
/// 4n      the size of each dimension, outermost first
/// ...     the values, row-major, exactly as many as the sizes multiply to
/// </code>
/// </summary>
/// <remarks>
/// Everything is checked: the magic, the dimensions (positive, and fitting in one array) and the exact length (a
/// truncated file and trailing bytes are both errors). The data is read straight into the array returned, so a file
/// is never held in memory twice. Every problem is an <see cref="InvalidDataException"/> naming the file.
/// </remarks>
public static class IdxReader
{
    /// <summary>The IDX data type code of unsigned bytes.</summary>
    public const byte UnsignedByte = 0x08;

    private const byte GzipMagic0 = 0x1f;
    private const byte GzipMagic1 = 0x8b;

    // Deflate cannot compress better than about 1032:1, so a gzip file of n bytes holds at most 1032·n bytes. A header
    // declaring more is corrupt; checking it first avoids allocating gigabytes for a damaged file of a few bytes.
    private const long MaxDeflateRatio = 1032;

    /// <summary>Reads any unsigned-byte IDX file.</summary>
    /// <param name="path">The file, raw or gzip-compressed.</param>
    /// <returns>The dimensions and the values.</returns>
    /// <exception cref="InvalidDataException">The file is not an unsigned-byte IDX file, or is truncated or has trailing bytes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxFile Read(string path)
    {
        (int[] dimensions, byte[] data) = ReadFile(path, expectedDimensions: null);
        return new IdxFile(dimensions, data);
    }

    /// <summary>Reads an IDX image file (magic 0x00000803: unsigned bytes, dimensions images × rows × columns).</summary>
    /// <param name="path">The file, raw or gzip-compressed, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <returns>The images.</returns>
    /// <exception cref="InvalidDataException">The file is not an IDX image file, or is truncated or has trailing bytes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxImages ReadImages(string path)
    {
        (int[] dimensions, byte[] pixels) = ReadFile(path, expectedDimensions: 3);
        return new IdxImages(dimensions[0], dimensions[1], dimensions[2], pixels);
    }

    /// <summary>Reads an IDX label file (magic 0x00000801: unsigned bytes, one dimension).</summary>
    /// <param name="path">The file, raw or gzip-compressed, e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
    /// <returns>One label per sample.</returns>
    /// <exception cref="InvalidDataException">The file is not an IDX label file, or is truncated or has trailing bytes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static byte[] ReadLabels(string path) => ReadFile(path, expectedDimensions: 1).Data;

    private static (int[] Dimensions, byte[] Data) ReadFile(string path, int? expectedDimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string source = $"'{path}'";
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        bool gzip = file.ReadByte() == GzipMagic0 && file.ReadByte() == GzipMagic1;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        return ReadIdx(stream, gzip ? null : file.Length, gzip ? file.Length : null, expectedDimensions, source);
    }

    private static (int[] Dimensions, byte[] Data) ReadIdx(Stream stream, long? rawLength, long? compressedLength, int? expectedDimensions, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = ReadFully(stream, magic, source);
        if (read < magic.Length)
        {
            throw Corrupt(source, read == 0 ? "the file is empty" : $"it is {read} bytes long, too short for the 4-byte IDX magic number (truncated file)");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Corrupt(source, $"it does not start with an IDX magic number 00 00 08 nn (found bytes {FormatBytes(magic)}); it is not an IDX file");
        }

        if (magic[2] != UnsignedByte)
        {
            throw Corrupt(source, $"its magic number 0x{FormatHex(magic)} says the values are {DescribeType(magic[2])}, but only unsigned bytes (0x08) are read");
        }

        int dimensionCount = magic[3];
        string kind = expectedDimensions switch { 3 => "pixel", 1 => "label", _ => "data" };
        if (expectedDimensions is int expected && dimensionCount != expected)
        {
            string layout = expected == 3 ? "images x rows x columns" : "one label per sample";
            string hint = dimensionCount switch
            {
                1 => ", as in a label file",
                3 => ", as in an image file",
                _ => string.Empty,
            };
            throw Corrupt(source,
                $"expected the magic number 0x0000080{expected} ({expected} {Plural(expected, "dimension")}: {layout}), found 0x{FormatHex(magic)} ({dimensionCount} {Plural(dimensionCount, "dimension")}){hint}");
        }

        if (dimensionCount == 0)
        {
            throw Corrupt(source, $"its magic number 0x{FormatHex(magic)} declares 0 dimensions");
        }

        byte[] sizes = new byte[4 * dimensionCount];
        read = ReadFully(stream, sizes, source);
        if (read < sizes.Length)
        {
            throw Corrupt(source, $"it ends inside the dimension sizes: expected {sizes.Length} bytes for {dimensionCount} {Plural(dimensionCount, "dimension")}, found {read} (truncated file)");
        }

        int[] dimensions = new int[dimensionCount];
        for (int d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * d, 4));
            if (dimensions[d] <= 0)
            {
                throw Corrupt(source, $"dimension {d + 1} of {dimensionCount} has size {dimensions[d]}; every size must be positive");
            }
        }

        long total = 1;
        foreach (int size in dimensions)
        {
            total *= size; // at most Array.MaxLength × int.MaxValue: no overflow
            if (total > Array.MaxLength)
            {
                throw Corrupt(source, $"its dimensions {FormatShape(dimensions)} describe more bytes than one array can hold (at most {Array.MaxLength})");
            }
        }

        int length = (int)total;
        string shape = dimensionCount > 1 ? $" ({FormatShape(dimensions)})" : string.Empty;
        string expectation = $"expected {length} {kind} bytes{shape} after the header";
        if (rawLength is long fileLength)
        {
            long found = fileLength - (4 + sizes.Length);
            if (found != length)
            {
                throw Corrupt(source, Mismatch(expectation, length, found));
            }
        }

        if (compressedLength is long gzipLength && length > MaxDeflateRatio * gzipLength)
        {
            throw Corrupt(source, $"{expectation}, but a gzip file of {gzipLength} bytes cannot hold that many (truncated or corrupt file)");
        }

        byte[] data = new byte[length];
        read = ReadFully(stream, data, source);
        long extra = read == length ? CountRemaining(stream, source) : 0;
        if (read != length || extra != 0)
        {
            throw Corrupt(source, Mismatch(expectation, length, read + extra));
        }

        return (dimensions, data);
    }

    private static string Mismatch(string expectation, int length, long found) =>
        found < length
            ? $"{expectation}, found {found} (truncated file)"
            : $"{expectation}, found {found} ({found - length} trailing {Plural(found - length, "byte")} after the data)";

    private static int ReadFully(Stream stream, Span<byte> buffer, string source)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(source, $"its gzip data is corrupt ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static long CountRemaining(Stream stream, string source)
    {
        byte[] buffer = new byte[1 << 16];
        long count = 0;
        int read;
        while ((read = ReadFully(stream, buffer, source)) > 0)
        {
            count += read;
        }

        return count;
    }

    private static string DescribeType(byte type) => type switch
    {
        0x09 => "signed bytes (0x09)",
        0x0B => "16-bit integers (0x0B)",
        0x0C => "32-bit integers (0x0C)",
        0x0D => "32-bit floats (0x0D)",
        0x0E => "64-bit floats (0x0E)",
        _ => $"of unknown type 0x{type:X2}",
    };

    private static string FormatShape(ReadOnlySpan<int> dimensions)
    {
        var text = new StringBuilder();
        foreach (int size in dimensions)
        {
            text.Append(text.Length == 0 ? string.Empty : " x ").Append(size.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string FormatBytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string FormatHex(ReadOnlySpan<byte> magic) => Convert.ToHexString(magic);

    private static string Plural(long count, string noun) => count == 1 ? noun : noun + "s";

    private static InvalidDataException Corrupt(string source, string problem, Exception? inner = null) =>
        new($"Cannot load {source}: {problem}.", inner);
}
