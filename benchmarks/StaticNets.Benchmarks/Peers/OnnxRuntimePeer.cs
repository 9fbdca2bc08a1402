using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace StaticNets.Benchmarks.Peers;

/// <summary>
/// The ONNX Runtime peer (DESIGN.md, "Performance workloads": the inference library a C# user would pick instead):
/// one <see cref="InferenceSession"/> over a model exported by <c>benchmarks/export_onnx.py</c>, with a fixed
/// batch-1 input <c>"x"</c> and output <c>"y"</c>.
/// </summary>
/// <remarks>
/// Everything is created once: the session (one intra-op thread, sequential execution, all graph optimisations),
/// the <see cref="RunOptions"/>, the name arrays, and the input and output <see cref="OrtValue"/>s, which wrap
/// pinned managed arrays (<see cref="OrtValue.CreateTensorValueFromMemory{T}(T[], long[])"/>), so ONNX Runtime
/// reads <see cref="Input"/> and writes <see cref="Output"/> in place. <see cref="Run"/> then calls the
/// <c>Run(runOptions, inputNames, inputValues, outputNames, outputValues)</c> overload, which allocates no
/// output tensors. The managed wrapper still builds small per-call arrays (the UTF-8 name pointers and the value
/// handles), which <c>[MemoryDiagnoser]</c> reports as a few hundred bytes per call (352 B with 1.31.0).
/// </remarks>
public sealed class OnnxRuntimePeer : IDisposable
{
    private static readonly string[] InputNames = ["x"];
    private static readonly string[] OutputNames = ["y"];

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;

    /// <summary>
    /// Loads <c>Models/<paramref name="modelFileName"/></c> from the output directory, for a fixed batch of
    /// <paramref name="batch"/> samples, running on <paramref name="threads"/> intra-op threads.
    /// </summary>
    public OnnxRuntimePeer(string modelFileName, int inputSize, int outputSize, int batch = 1, int threads = 1)
    {
        Input = GC.AllocateArray<float>(batch * inputSize, pinned: true);
        Output = GC.AllocateArray<float>(batch * outputSize, pinned: true);

        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(Check.ModelPath(modelFileName), _options);
        _runOptions = new RunOptions();
        _inputValues = [OrtValue.CreateTensorValueFromMemory(Input, [batch, inputSize])];
        _outputValues = [OrtValue.CreateTensorValueFromMemory(Output, [batch, outputSize])];
    }

    /// <summary>The input batch, (batch, inputs) row-major; write features here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The output probabilities of the last <see cref="Run"/>.</summary>
    public float[] Output { get; }

    /// <summary>Runs <see cref="Input"/> through the model into <see cref="Output"/>.</summary>
    public void Run() => _session.Run(_runOptions, InputNames, _inputValues, OutputNames, _outputValues);

    /// <summary>Releases the session and the native tensors.</summary>
    public void Dispose()
    {
        foreach (var value in _inputValues)
        {
            value.Dispose();
        }

        foreach (var value in _outputValues)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
