using System;
using System.Buffers.Binary;
using System.IO;

namespace StaticNets.Benchmarks;

/// <summary>The equivalence checks the benchmark classes run in <c>[GlobalSetup]</c> before anything is timed.</summary>
internal static class Check
{
    /// <summary>The largest difference allowed between the generated network and the baseline.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>Throws unless the two spans have equal lengths and differ by at most <see cref="Tolerance"/> everywhere.</summary>
    /// <param name="generated">The values under test (by default, the generated network's).</param>
    /// <param name="baseline">The reference values (by default, the plain baseline's).</param>
    /// <param name="what">What is compared, for the error message.</param>
    /// <param name="generatedName">Who produced <paramref name="generated"/>, for the error message.</param>
    /// <param name="baselineName">Who produced <paramref name="baseline"/>, for the error message.</param>
    public static void Close(
        ReadOnlySpan<float> generated,
        ReadOnlySpan<float> baseline,
        string what,
        string generatedName = "the generated network",
        string baselineName = "the baseline")
    {
        if (generated.Length != baseline.Length)
        {
            throw new InvalidOperationException($"{what}: {generatedName} gives {generated.Length} values, {baselineName} {baseline.Length}.");
        }

        for (int k = 0; k < generated.Length; k++)
        {
            float difference = MathF.Abs(generated[k] - baseline[k]);
            if (!(difference <= Tolerance))
            {
                throw new InvalidOperationException(
                    $"{what}: value {k} is {generated[k]} from {generatedName} but {baseline[k]} from {baselineName} (difference {difference}, tolerance {Tolerance}).");
            }
        }
    }

    /// <summary>The full path of a file under <c>Models/</c> in the output directory (copied there by the project file).</summary>
    public static string ModelPath(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Models", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Missing benchmark model '{path}'; run benchmarks/export_onnx.py and rebuild.", path);
        }

        return path;
    }

    /// <summary>
    /// Reads <c>Models/<paramref name="fileName"/></c>, written by <c>benchmarks/export_onnx.py</c>: raw little-endian
    /// float32 parameters in StaticNets' layout (per dense layer, <c>(inputs, outputs)</c> weights, then biases; the
    /// transpose of <c>torch.nn.Linear.weight</c>), the same values as in the matching <c>.onnx</c> model.
    /// </summary>
    public static void LoadParameters(string fileName, Span<float> parameters)
    {
        string path = ModelPath(fileName);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length != parameters.Length * sizeof(float))
        {
            throw new InvalidDataException(
                $"{path}: expected {parameters.Length} float32 parameters ({parameters.Length * sizeof(float)} bytes), found {bytes.Length} bytes.");
        }

        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(k * sizeof(float))));
        }
    }
}
