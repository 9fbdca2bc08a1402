using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticNets;

/// <summary>
/// Reads and writes the parameters of a network. Format version 1, all integers and floats little-endian:
/// <code>
/// offset  size        field
/// 0       4           magic "SNET"
/// 4       4           format version (1)
/// 8       4           architecture length n, in UTF-8 bytes
/// 12      n           architecture text (the network's Architecture constant)
/// 12+n    4           parameter count p
/// 16+n    4·p         parameters, in the layout of INetwork.Parameters
/// 16+n+4p 8           FNV-1a 64-bit checksum of every byte before it
/// </code>
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SNET"u8;

    private const int MaxArchitectureBytes = 1 << 20;
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Writes a model to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="architecture">The network's architecture text.</param>
    /// <param name="parameters">The parameters.</param>
    public static void Write(Stream stream, string architecture, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);
        byte[] architectureBytes = Encoding.UTF8.GetBytes(architecture);
        ulong hash = FnvOffsetBasis;

        Span<byte> word = stackalloc byte[4];
        WriteHashed(stream, Magic, ref hash);
        BinaryPrimitives.WriteInt32LittleEndian(word, FormatVersion);
        WriteHashed(stream, word, ref hash);
        BinaryPrimitives.WriteInt32LittleEndian(word, architectureBytes.Length);
        WriteHashed(stream, word, ref hash);
        WriteHashed(stream, architectureBytes, ref hash);
        BinaryPrimitives.WriteInt32LittleEndian(word, parameters.Length);
        WriteHashed(stream, word, ref hash);

        if (BitConverter.IsLittleEndian)
        {
            WriteHashed(stream, MemoryMarshal.AsBytes(parameters), ref hash);
        }
        else
        {
            foreach (float value in parameters)
            {
                BinaryPrimitives.WriteSingleLittleEndian(word, value);
                WriteHashed(stream, word, ref hash);
            }
        }

        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash);
        stream.Write(checksum);
        stream.Flush();
    }

    /// <summary>Writes a model to <paramref name="path"/> atomically: a temporary file beside it, then a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="architecture">The network's architecture text.</param>
    /// <param name="parameters">The parameters.</param>
    public static void Write(string path, string architecture, ReadOnlySpan<float> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Write(stream, architecture, parameters);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Reads a model from <paramref name="stream"/> into <paramref name="parameters"/>. Everything is checked before
    /// the first parameter is written, so on any error <paramref name="parameters"/> is unchanged.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of a model.</param>
    /// <param name="architecture">The architecture text the model must have.</param>
    /// <param name="parameters">Receives the parameters; its length must match the model's.</param>
    /// <param name="sourceName">What to call the source in error messages, e.g. a file name.</param>
    /// <exception cref="InvalidDataException">The model is truncated, corrupt, of another format version or of another architecture.</exception>
    public static void Read(Stream stream, string architecture, Span<float> parameters, string sourceName = "the stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);
        ulong hash = FnvOffsetBasis;
        Span<byte> word = stackalloc byte[4];

        ReadHashed(stream, word, ref hash, sourceName, "the magic number");
        if (!word.SequenceEqual(Magic))
        {
            throw Corrupt(sourceName, $"it does not start with the StaticNets magic \"SNET\" (found bytes {Convert.ToHexString(word)}); it is not a StaticNets model file");
        }

        ReadHashed(stream, word, ref hash, sourceName, "the format version");
        int version = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (version != FormatVersion)
        {
            throw Corrupt(sourceName, $"its format version is {version}, but this library reads version {FormatVersion}");
        }

        ReadHashed(stream, word, ref hash, sourceName, "the architecture length");
        int architectureLength = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (architectureLength < 0 || architectureLength > MaxArchitectureBytes)
        {
            throw Corrupt(sourceName, $"its architecture length {architectureLength} is not plausible");
        }

        byte[] architectureBytes = new byte[architectureLength];
        ReadHashed(stream, architectureBytes, ref hash, sourceName, "the architecture");
        string fileArchitecture = Encoding.UTF8.GetString(architectureBytes);
        if (!string.Equals(fileArchitecture, architecture, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"Cannot load {sourceName}: it holds a network of another architecture.{Environment.NewLine}" +
                $"  file:    {fileArchitecture}{Environment.NewLine}  network: {architecture}");
        }

        ReadHashed(stream, word, ref hash, sourceName, "the parameter count");
        int count = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (count != parameters.Length)
        {
            throw Corrupt(sourceName, $"it holds {count} parameters, but the network has {parameters.Length}");
        }

        float[] values = new float[count];
        Span<byte> valueBytes = MemoryMarshal.AsBytes(values.AsSpan());
        ReadHashed(stream, valueBytes, ref hash, sourceName, "the parameters");
        if (!BitConverter.IsLittleEndian)
        {
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(valueBytes.Slice(4 * k, 4));
            }
        }

        Span<byte> checksum = stackalloc byte[8];
        ulong ignored = 0;
        ReadHashed(stream, checksum, ref ignored, sourceName, "the checksum");
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(checksum);
        if (stored != hash)
        {
            throw Corrupt(sourceName, $"its checksum is {stored:X16} but its contents hash to {hash:X16}; the file is damaged");
        }

        values.CopyTo(parameters);
    }

    /// <summary>Reads a model file into <paramref name="parameters"/>; on any error they are unchanged.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="architecture">The architecture text the model must have.</param>
    /// <param name="parameters">Receives the parameters.</param>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, of another format version or of another architecture.</exception>
    public static void Read(string path, string architecture, Span<float> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Read(stream, architecture, parameters, $"'{path}'");
    }

    private static void WriteHashed(Stream stream, ReadOnlySpan<byte> bytes, ref ulong hash)
    {
        hash = Fnv1a(hash, bytes);
        stream.Write(bytes);
    }

    private static void ReadHashed(Stream stream, Span<byte> buffer, ref ulong hash, string sourceName, string field)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw Corrupt(sourceName, $"it ends inside {field} (truncated file)");
        }

        hash = Fnv1a(hash, buffer);
    }

    private static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }

    private static InvalidDataException Corrupt(string sourceName, string problem) =>
        new($"Cannot load {sourceName}: {problem}.");
}
