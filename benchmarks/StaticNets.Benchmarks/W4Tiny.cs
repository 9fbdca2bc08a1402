using System;
using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Baselines;
using StaticNets.Benchmarks.Peers;

namespace StaticNets.Benchmarks;

/// <summary>
/// W4 tiny: 4 -> 16 tanh -> 3 softmax, single-sample inference (<c>Predict</c>) and single-sample SGD step
/// (<c>TrainBatch</c> with a batch of 1). The generated <see cref="TinyNet"/> against <see cref="PlainMlp"/>, plus
/// ONNX Runtime (<see cref="OnnxRuntimePeer"/>, <c>Models/w4-tiny.onnx</c>) for inference only.
/// Each category (predict, sgd-step) has its own baseline. All networks start from the parameters exported by
/// <c>benchmarks/export_onnx.py</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("W4 tiny")]
public class W4Tiny
{
    private const int Hidden = 16;

    // A few samples with random labels, cycled through by the training benchmarks so that repeated steps do not
    // drive one sample's loss (and every gradient) to zero.
    private const int SampleCount = 16;

    private readonly float[] _inputs = new float[SampleCount * TinyNet.InputSize];
    private readonly float[] _targets = new float[SampleCount * TinyNet.OutputSize];
    private readonly float[] _output = new float[TinyNet.OutputSize];
    private TinyNet _network = null!;
    private PlainMlp _baseline = null!;
    private OnnxRuntimePeer _onnx = null!;
    private int _next;

    /// <summary>
    /// Builds the networks from the same exported parameters and checks that they agree on inference (all three)
    /// and on SGD steps (generated and baseline).
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(4);
        for (int k = 0; k < _inputs.Length; k++)
        {
            _inputs[k] = (float)random.NextGaussian();
        }

        for (int s = 0; s < SampleCount; s++)
        {
            _targets[s * TinyNet.OutputSize + random.NextInt32(TinyNet.OutputSize)] = 1f;
        }

        _network = new TinyNet(seed: 42);
        Check.LoadParameters("w4-tiny.params.bin", _network.Parameters);
        _baseline = new PlainMlp(TinyNet.InputSize, Hidden, TinyNet.OutputSize, PlainActivation.Tanh, _network.LearningRate);
        _baseline.CopyFrom(_network.Parameters);

        // Inference: same probabilities.
        var expected = new float[TinyNet.OutputSize];
        _network.Predict(Input(0), _output);
        _baseline.Predict(Input(0), expected);
        Check.Close(_output, expected, "W4 tiny Predict");

        _onnx = new OnnxRuntimePeer("w4-tiny.onnx", TinyNet.InputSize, TinyNet.OutputSize);
        Input(0).CopyTo(_onnx.Input);
        _onnx.Run();
        Check.Close(_onnx.Output, expected, "W4 tiny Predict", "ONNX Runtime");

        // Training: a few SGD steps give the same losses and the same parameters.
        var generatedParameters = new float[TinyNet.ParameterCount];
        var baselineParameters = new float[TinyNet.ParameterCount];
        for (int s = 0; s < 4; s++)
        {
            float generatedLoss = _network.TrainBatch(Input(s), Target(s));
            float baselineLoss = _baseline.TrainStep(Input(s), Target(s));
            Check.Close([generatedLoss], [baselineLoss], $"W4 tiny SGD step {s + 1} loss");
            _network.Parameters.CopyTo(generatedParameters);
            _baseline.CopyTo(baselineParameters);
            Check.Close(generatedParameters, baselineParameters, $"W4 tiny parameters after SGD step {s + 1}");
        }
    }

    /// <summary>Hand-written scalar loops, inference.</summary>
    [Benchmark(Baseline = true, Description = "plain C# loops")]
    [BenchmarkCategory("predict")]
    public float PlainPredict()
    {
        _baseline.Predict(Input(0), _output);
        return _output[0];
    }

    /// <summary>The generated network's <c>Predict</c>.</summary>
    [Benchmark(Description = "StaticNets Predict")]
    [BenchmarkCategory("predict")]
    public float StaticNetsPredict()
    {
        _network.Predict(Input(0), _output);
        return _output[0];
    }

    /// <summary>ONNX Runtime's <c>InferenceSession.Run</c> on pre-allocated input and output tensors.</summary>
    [Benchmark(Description = "ONNX Runtime")]
    [BenchmarkCategory("predict")]
    public float OnnxRuntimePredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    /// <summary>Hand-written forward, backward and SGD update on one sample.</summary>
    [Benchmark(Baseline = true, Description = "plain C# loops")]
    [BenchmarkCategory("sgd-step")]
    public float PlainSgdStep()
    {
        int s = NextSample();
        return _baseline.TrainStep(Input(s), Target(s));
    }

    /// <summary>The generated network's <c>TrainBatch</c> on one sample.</summary>
    [Benchmark(Description = "StaticNets TrainBatch(1)")]
    [BenchmarkCategory("sgd-step")]
    public float StaticNetsSgdStep()
    {
        int s = NextSample();
        return _network.TrainBatch(Input(s), Target(s));
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _onnx?.Dispose();

    private int NextSample() => _next = (_next + 1) & (SampleCount - 1);

    private ReadOnlySpan<float> Input(int sample) => _inputs.AsSpan(sample * TinyNet.InputSize, TinyNet.InputSize);

    private ReadOnlySpan<float> Target(int sample) => _targets.AsSpan(sample * TinyNet.OutputSize, TinyNet.OutputSize);
}
