using System;
using System.IO;
using System.Text;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>Save and Load round-trip bitwise; every damaged or foreign file is refused and leaves the network as it was.</summary>
public sealed class ModelFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "StaticNets.Tests." + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestNetworks.AllNames), MemberType = typeof(TestNetworks))]
    public void StreamRoundTripRestoresBitwiseEqualParameters(string name)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork saved = network.Create(seed: 1, maxBatchSize: 1);
        INetwork loaded = network.Create(seed: 2, maxBatchSize: 1);
        Assert.NotEqual(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));

        using var stream = new MemoryStream();
        saved.Save(stream);
        stream.Position = 0;
        loaded.Load(stream);

        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));
        Assert.Equal(stream.Length, stream.Position); // Load consumed exactly one model
    }

    [Fact]
    public void StreamRoundTripKeepsSpecialValues()
    {
        var saved = new HiddenTanhMse(seed: 1);
        saved.Parameters[0] = float.NaN;
        saved.Parameters[1] = float.NegativeInfinity;
        saved.Parameters[2] = -0f;
        saved.Parameters[3] = float.Epsilon;
        saved.Parameters[4] = float.MaxValue;
        var loaded = new HiddenTanhMse(seed: 2);

        using var stream = new MemoryStream();
        saved.Save(stream);
        stream.Position = 0;
        loaded.Load(stream);

        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));
    }

    [Fact]
    public void FileRoundTripRestoresBitwiseEqualParametersAndLeavesNoTemporaryFiles()
    {
        string path = Path.Combine(_folder, "model.snet");
        var saved = new MnistMlp(seed: 1, maxBatchSize: 1);
        var loaded = new MnistMlp(seed: 2, maxBatchSize: 1);

        saved.Save(path);
        saved.Parameters[0] += 1f; // saving again replaces the file
        saved.Save(path);
        loaded.Load(path);

        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void SavedFileFollowsTheDocumentedLayout()
    {
        var network = new XorNet(seed: 1);
        byte[] bytes = SaveToBytes(network);
        var reader = new BinaryReader(new MemoryStream(bytes)); // little-endian, as the format

        Assert.Equal("SNET"u8.ToArray(), reader.ReadBytes(4));
        Assert.Equal(ModelFile.FormatVersion, reader.ReadInt32());
        Assert.Equal(XorNet.Architecture, Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32())));
        Assert.Equal(XorNet.ParameterCount, reader.ReadInt32());
        for (int k = 0; k < XorNet.ParameterCount; k++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(network.Parameters[k]), BitConverter.SingleToInt32Bits(reader.ReadSingle()));
        }

        Assert.Equal(XorNet.OptimizerName, Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32())));
        Assert.Equal(0, reader.ReadInt32()); // steps taken
        Assert.Equal(0, reader.ReadInt32()); // plain SGD keeps no state
        Assert.Equal(Fnv1a(bytes.AsSpan(0, bytes.Length - 8)), reader.ReadUInt64());
        Assert.Equal(bytes.Length, reader.BaseStream.Position);
    }

    [Fact]
    public void VersionOneFileStillLoads()
    {
        // Version 1: magic, version, architecture, parameters, checksum; no optimizer section.
        var saved = new XorNet(seed: 1);
        var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        writer.Write("SNET"u8);
        writer.Write(1);
        byte[] architecture = Encoding.UTF8.GetBytes(XorNet.Architecture);
        writer.Write(architecture.Length);
        writer.Write(architecture);
        writer.Write(XorNet.ParameterCount);
        foreach (float value in saved.Parameters)
        {
            writer.Write(value);
        }

        writer.Write(Fnv1a(stream.ToArray()));
        var loaded = new XorNet(seed: 2);

        loaded.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));
    }

    [Fact]
    public void LoadingAnotherArchitectureThrowsNamingBothAndChangesNothing()
    {
        // Same parameter count (3 → 5 → 4), different activation: only the architecture tells them apart.
        Assert.Equal(HiddenTanhMse.ParameterCount, HiddenSigmoidMse.ParameterCount);
        byte[] model = SaveToBytes(new HiddenSigmoidMse(seed: 1));
        var network = new HiddenTanhMse(seed: 2);
        int[] before = TestData.Bits(network.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(model)));

        Assert.Contains(HiddenSigmoidMse.Architecture, e.Message);
        Assert.Contains(HiddenTanhMse.Architecture, e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void LoadingAFileOfAnotherArchitectureNamesTheFile()
    {
        string path = Path.Combine(_folder, "xor.snet");
        new XorNet(seed: 1).Save(path);
        var network = new MnistMlp(seed: 2, maxBatchSize: 1);
        int[] before = TestData.Bits(network.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => network.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(XorNet.Architecture, e.Message);
        Assert.Contains(MnistMlp.Architecture, e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void EveryTruncationIsRefusedAndChangesNothing()
    {
        byte[] model = SaveToBytes(new HiddenTanhMse(seed: 1));
        var network = new HiddenTanhMse(seed: 2);
        int[] before = TestData.Bits(network.Parameters);

        for (int length = 0; length < model.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(model, 0, length)));
            Assert.Contains("truncated", e.Message);
            Assert.Equal(before, TestData.Bits(network.Parameters));
        }
    }

    [Fact]
    public void TruncatedFileIsRefusedWithItsName()
    {
        string path = Path.Combine(_folder, "short.snet");
        byte[] model = SaveToBytes(new HiddenTanhMse(seed: 1));
        File.WriteAllBytes(path, model[..^3]);
        var network = new HiddenTanhMse(seed: 2);
        int[] before = TestData.Bits(network.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => network.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void EveryFlippedByteIsRefusedAndChangesNothing()
    {
        byte[] model = SaveToBytes(new HiddenTanhMse(seed: 1));
        var network = new HiddenTanhMse(seed: 2);
        int[] before = TestData.Bits(network.Parameters);

        for (int position = 0; position < model.Length; position++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] damaged = (byte[])model.Clone();
                damaged[position] ^= mask;
                Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(damaged)));
                Assert.Equal(before, TestData.Bits(network.Parameters));
            }
        }
    }

    [Fact]
    public void FlippedParameterByteFailsTheChecksum()
    {
        byte[] model = SaveToBytes(new HiddenTanhMse(seed: 1));
        model[model.Length - 8 - 5] ^= 0x10; // inside the last parameter
        var network = new HiddenTanhMse(seed: 2);
        int[] before = TestData.Bits(network.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(model)));

        Assert.Contains("checksum", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void WrongMagicIsRefused()
    {
        byte[] model = SaveToBytes(new HiddenTanhMse(seed: 1));
        "PK\u0003\u0004"u8.CopyTo(model); // a zip file, say
        var network = new HiddenTanhMse(seed: 2);
        int[] before = TestData.Bits(network.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(model)));

        Assert.Contains("magic", e.Message);
        Assert.Contains("not a StaticNets model", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void OtherFormatVersionIsRefused()
    {
        byte[] model = SaveToBytes(new HiddenTanhMse(seed: 1));
        BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(model, 4);
        var network = new HiddenTanhMse(seed: 2);

        var e = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(model)));

        Assert.Contains($"version is {ModelFile.FormatVersion + 1}", e.Message);
    }

    [Fact]
    public void FailedSaveToAMissingFolderLeavesNothingBehind()
    {
        string path = Path.Combine(_folder, "missing", "model.snet");

        Assert.ThrowsAny<IOException>(() => new XorNet(seed: 1).Save(path));

        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void LoadingAMissingFileThrowsFileNotFound()
    {
        var network = new XorNet(seed: 1);
        int[] before = TestData.Bits(network.Parameters);

        Assert.Throws<FileNotFoundException>(() => network.Load(Path.Combine(_folder, "absent.snet")));

        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    /// <summary>FNV-1a 64-bit, the format's checksum, written out independently of the library.</summary>
    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static byte[] SaveToBytes(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }
}
