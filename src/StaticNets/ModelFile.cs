using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticNets;

/// <summary>
/// Reads and writes the parameters and optimizer state of a network. Format version 2, all integers and floats
/// little-endian, fields in this order:
/// <code>
/// size    field
/// 4       magic "SNET"
/// 4       format version (2)
/// 4 + n   architecture: UTF-8 length n, then the text (the network's Architecture constant)
/// 4 + 4p  parameter count p, then the parameters in the layout of INetwork.Parameters
/// 4 + m   optimizer: UTF-8 length m, then the text (the network's OptimizerName constant)
/// 4       optimizer steps taken
/// 4 + 4s  optimizer state count s, then the state (0 for stateless optimizers such as plain SGD)
/// 8       FNV-1a 64-bit checksum of every byte before it
/// </code>
/// Version 1 files (parameters only, no optimizer section) are still read.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = 2;

    private static ReadOnlySpan<byte> Magic => "SNET"u8;

    private const int MaxArchitectureBytes = 1 << 20;
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Writes a model to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="architecture">The network's architecture text.</param>
    /// <param name="parameters">The parameters.</param>
    public static void Write(Stream stream, string architecture, ReadOnlySpan<float> parameters) =>
        Write(stream, architecture, parameters, string.Empty, 0, ReadOnlySpan<float>.Empty);

    /// <summary>Writes a model with its optimizer state to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="architecture">The network's architecture text.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="optimizer">The optimizer's description (the network's OptimizerName).</param>
    /// <param name="step">Optimizer steps taken so far.</param>
    /// <param name="state">The optimizer state; empty for stateless optimizers.</param>
    public static void Write(Stream stream, string architecture, ReadOnlySpan<float> parameters, string optimizer, int step, ReadOnlySpan<float> state)
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

        WriteFloats(stream, parameters, ref hash);

        ArgumentNullException.ThrowIfNull(optimizer);
        byte[] optimizerBytes = Encoding.UTF8.GetBytes(optimizer);
        BinaryPrimitives.WriteInt32LittleEndian(word, optimizerBytes.Length);
        WriteHashed(stream, word, ref hash);
        WriteHashed(stream, optimizerBytes, ref hash);
        BinaryPrimitives.WriteInt32LittleEndian(word, step);
        WriteHashed(stream, word, ref hash);
        BinaryPrimitives.WriteInt32LittleEndian(word, state.Length);
        WriteHashed(stream, word, ref hash);
        WriteFloats(stream, state, ref hash);

        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash);
        stream.Write(checksum);
        stream.Flush();
    }

    /// <summary>Writes a model to <paramref name="path"/> atomically: a temporary file beside it, then a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="architecture">The network's architecture text.</param>
    /// <param name="parameters">The parameters.</param>
    public static void Write(string path, string architecture, ReadOnlySpan<float> parameters) =>
        Write(path, architecture, parameters, string.Empty, 0, ReadOnlySpan<float>.Empty);

    /// <summary>Writes a model with its optimizer state to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="architecture">The network's architecture text.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="optimizer">The optimizer's description.</param>
    /// <param name="step">Optimizer steps taken so far.</param>
    /// <param name="state">The optimizer state.</param>
    public static void Write(string path, string architecture, ReadOnlySpan<float> parameters, string optimizer, int step, ReadOnlySpan<float> state)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Write(stream, architecture, parameters, optimizer, step, state);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Cleaning up must not hide the error that made the write fail.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }

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
    public static void Read(Stream stream, string architecture, Span<float> parameters, string sourceName = "the stream") =>
        Read(stream, architecture, parameters, string.Empty, 0, Span<float>.Empty, sourceName);

    /// <summary>
    /// Reads a model from <paramref name="stream"/>. The parameters are always restored; the optimizer state and step
    /// count only when the file was written by the same optimizer with the same hyper-parameters and state size
    /// (otherwise <paramref name="state"/> is left as it is). Everything is checked before anything is written, so on
    /// any error nothing changes.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of a model.</param>
    /// <param name="architecture">The architecture text the model must have.</param>
    /// <param name="parameters">Receives the parameters.</param>
    /// <param name="optimizer">The reading network's optimizer description.</param>
    /// <param name="step">The reading network's current step count, returned when the state is not restored.</param>
    /// <param name="state">Receives the optimizer state when it is restored.</param>
    /// <param name="sourceName">What to call the source in error messages.</param>
    /// <returns>The step count the network should now have.</returns>
    /// <exception cref="InvalidDataException">The model is truncated, corrupt, of another format version or of another architecture.</exception>
    public static int Read(Stream stream, string architecture, Span<float> parameters, string optimizer, int step, Span<float> state, string sourceName = "the stream")
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
        if (version is < 1 or > FormatVersion)
        {
            throw Corrupt(sourceName, $"its format version is {version}, but this library reads versions 1 to {FormatVersion}");
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

        float[] values = ReadFloats(stream, count, ref hash, sourceName, "the parameters");

        string fileOptimizer = string.Empty;
        int fileStep = 0;
        float[] fileState = [];
        if (version >= 2)
        {
            ReadHashed(stream, word, ref hash, sourceName, "the optimizer length");
            int optimizerLength = BinaryPrimitives.ReadInt32LittleEndian(word);
            if (optimizerLength < 0 || optimizerLength > MaxArchitectureBytes)
            {
                throw Corrupt(sourceName, $"its optimizer length {optimizerLength} is not plausible");
            }

            byte[] optimizerBytes = new byte[optimizerLength];
            ReadHashed(stream, optimizerBytes, ref hash, sourceName, "the optimizer");
            fileOptimizer = Encoding.UTF8.GetString(optimizerBytes);
            ReadHashed(stream, word, ref hash, sourceName, "the optimizer step count");
            fileStep = BinaryPrimitives.ReadInt32LittleEndian(word);
            ReadHashed(stream, word, ref hash, sourceName, "the optimizer state count");
            int stateCount = BinaryPrimitives.ReadInt32LittleEndian(word);
            if (stateCount < 0 || stateCount > 8 * (long)Math.Max(count, 1))
            {
                throw Corrupt(sourceName, $"its optimizer state count {stateCount} is not plausible for {count} parameters");
            }

            fileState = ReadFloats(stream, stateCount, ref hash, sourceName, "the optimizer state");
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
        if (version >= 2 && fileStep >= 0 && fileState.Length == state.Length && string.Equals(fileOptimizer, optimizer, StringComparison.Ordinal))
        {
            fileState.CopyTo(state);
            return fileStep;
        }

        return step;
    }

    /// <summary>Reads a model file into <paramref name="parameters"/>; on any error they are unchanged.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="architecture">The architecture text the model must have.</param>
    /// <param name="parameters">Receives the parameters.</param>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, of another format version or of another architecture.</exception>
    public static void Read(string path, string architecture, Span<float> parameters) =>
        Read(path, architecture, parameters, string.Empty, 0, Span<float>.Empty);

    /// <summary>Reads a model file; see <see cref="Read(Stream, string, Span{float}, string, int, Span{float}, string)"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="architecture">The architecture text the model must have.</param>
    /// <param name="parameters">Receives the parameters.</param>
    /// <param name="optimizer">The reading network's optimizer description.</param>
    /// <param name="step">The reading network's current step count.</param>
    /// <param name="state">Receives the optimizer state when it is restored.</param>
    /// <returns>The step count the network should now have.</returns>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, of another format version or of another architecture.</exception>
    public static int Read(string path, string architecture, Span<float> parameters, string optimizer, int step, Span<float> state)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream, architecture, parameters, optimizer, step, state, $"'{path}'");
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values, ref ulong hash)
    {
        if (BitConverter.IsLittleEndian)
        {
            WriteHashed(stream, MemoryMarshal.AsBytes(values), ref hash);
            return;
        }

        Span<byte> word = stackalloc byte[4];
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(word, value);
            WriteHashed(stream, word, ref hash);
        }
    }

    private static float[] ReadFloats(Stream stream, int count, ref ulong hash, string sourceName, string field)
    {
        float[] values = new float[count];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        ReadHashed(stream, bytes, ref hash, sourceName, field);
        if (!BitConverter.IsLittleEndian)
        {
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * k, 4));
            }
        }

        return values;
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
