using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace StaticNets.Tests.Data;

/// <summary>Builds IDX files byte by byte, valid or damaged, for the reader tests.</summary>
internal static class IdxTestFiles
{
    /// <summary>An unsigned-byte IDX file: magic 00 00 08 n, n big-endian sizes, then <paramref name="data"/>.</summary>
    public static byte[] Build(int[] dimensions, byte[] data, byte type = 0x08, int? dimensionCount = null)
    {
        byte[] bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)(dimensionCount ?? dimensions.Length);
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        }

        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    /// <summary><paramref name="count"/> images of rows × columns whose pixel k is <c>(k * 7) % 256</c>.</summary>
    public static byte[] Images(int count, int rows, int columns) =>
        Build([count, rows, columns], Pattern(count * rows * columns));

    /// <summary>A label file holding <paramref name="labels"/>.</summary>
    public static byte[] Labels(params byte[] labels) => Build([labels.Length], labels);

    public static byte[] Pattern(int length)
    {
        byte[] data = new byte[length];
        for (int k = 0; k < length; k++)
        {
            data[k] = (byte)(k * 7 % 256);
        }

        return data;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, gzip-compressed when asked, and returns the path.</summary>
    public static string Write(string path, byte[] bytes, bool gzip = false)
    {
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }
}
