using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Baselines;
using StaticNets.Benchmarks.Peers;

namespace StaticNets.Benchmarks;

/// <summary>
/// W1 mlp-infer-1: 784 -> 128 ReLU -> 10 softmax, one sample, <c>Predict</c> latency.
/// The generated <see cref="MnistMlp"/> and ONNX Runtime (<see cref="OnnxRuntimePeer"/>, <c>Models/w1-mlp.onnx</c>)
/// against <see cref="PlainMlp"/>, all three with the parameters exported by <c>benchmarks/export_onnx.py</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("W1 mlp-infer-1")]
public class W1MlpInfer1
{
    private readonly float[] _input = new float[MnistMlp.InputSize];
    private readonly float[] _output = new float[MnistMlp.OutputSize];
    private MnistMlp _network = null!;
    private PlainMlp _baseline = null!;
    private OnnxRuntimePeer _onnx = null!;

    /// <summary>Builds the three networks from the same exported parameters and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(1);
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = random.NextSingle(); // pixel intensities in [0, 1)
        }

        _network = new MnistMlp(seed: 42);
        Check.LoadParameters("w1-mlp.params.bin", _network.Parameters);
        _baseline = new PlainMlp(MnistMlp.InputSize, 128, MnistMlp.OutputSize, PlainActivation.ReLU, _network.LearningRate);
        _baseline.CopyFrom(_network.Parameters);

        var expected = new float[MnistMlp.OutputSize];
        _network.Predict(_input, _output);
        _baseline.Predict(_input, expected);
        Check.Close(_output, expected, "W1 mlp-infer-1 Predict");

        _onnx = new OnnxRuntimePeer("w1-mlp.onnx", MnistMlp.InputSize, MnistMlp.OutputSize);
        _input.CopyTo(_onnx.Input, 0);
        _onnx.Run();
        Check.Close(_onnx.Output, expected, "W1 mlp-infer-1 Predict", "ONNX Runtime");
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _onnx?.Dispose();

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark(Baseline = true, Description = "plain C# loops")]
    public float PlainPredict()
    {
        _baseline.Predict(_input, _output);
        return _output[0];
    }

    /// <summary>The generated network's <c>Predict</c>.</summary>
    [Benchmark(Description = "StaticNets Predict")]
    public float StaticNetsPredict()
    {
        _network.Predict(_input, _output);
        return _output[0];
    }

    /// <summary>ONNX Runtime's <c>InferenceSession.Run</c> on pre-allocated input and output tensors.</summary>
    [Benchmark(Description = "ONNX Runtime")]
    public float OnnxRuntimePredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }
}
