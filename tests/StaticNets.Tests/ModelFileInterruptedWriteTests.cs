using System;
using System.IO;
using System.Linq;
using Xunit;

namespace StaticNets.Tests;

public sealed class ModelFileInterruptedWriteTests
{
    private const string Architecture = "Input(3) -> Dense(2, Linear)";

    [Fact]
    public void AWriteThatFailsHalfwayLeavesThePreviousFileIntactAndNoTemporaryFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "staticnets-interrupted-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "model.snet");
            float[] original = [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f];
            ModelFile.Write(path, Architecture, original);
            byte[] before = File.ReadAllBytes(path);

            // The optimizer description is written after the parameters, so a null one fails in the middle of the file.
            float[] replacement = [9f, 9f, 9f, 9f, 9f, 9f, 9f, 9f];
            Assert.Throws<ArgumentNullException>(() => ModelFile.Write(path, Architecture, replacement, null!, 3, ReadOnlySpan<float>.Empty));

            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(new[] { "model.snet" }, Directory.GetFiles(folder).Select(Path.GetFileName));
            float[] loaded = new float[8];
            ModelFile.Read(path, Architecture, loaded);
            Assert.Equal(original, loaded);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AStreamThatStopsAcceptingBytesMidWriteFailsLoudly()
    {
        using var stream = new FailingStream(failAfter: 40);

        Assert.Throws<IOException>(() => ModelFile.Write(stream, Architecture, new float[8], "Sgd()", 0, ReadOnlySpan<float>.Empty));
    }

    /// <summary>A stream that throws once more than <c>failAfter</c> bytes have been written, like a full disk.</summary>
    private sealed class FailingStream(int failAfter) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > failAfter)
            {
                throw new IOException("No space left on the device.");
            }

            base.Write(buffer);
        }
    }
}
