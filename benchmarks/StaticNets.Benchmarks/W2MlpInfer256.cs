using System;
using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Baselines;
using StaticNets.Benchmarks.Peers;

namespace StaticNets.Benchmarks;

/// <summary>
/// W2 mlp-infer-256: 784 -> 128 ReLU -> 10 softmax, a batch of 256 samples, throughput. The generated
/// <see cref="MnistMlp"/> (<c>PredictBatch</c> on one and on two threads, and the training-side <c>Forward</c>, which
/// also copies the inputs into the workspace for a later backward pass), ONNX Runtime on one and on two intra-op threads
/// (<c>Models/w2-mlp-b256.onnx</c>, a fixed batch of 256) and <see cref="PlainMlp"/> one sample at a time, all with the
/// parameters of <c>w1-mlp.params.bin</c>. Samples per second = 256 / the time per operation.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("W2 mlp-infer-256")]
public class W2MlpInfer256
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 256;

    private readonly float[] _inputs = new float[Batch * MnistMlp.InputSize];
    private readonly float[] _outputs = new float[Batch * MnistMlp.OutputSize];
    private MnistMlp _network = null!;
    private MnistMlp _network2 = null!;
    private PlainMlp _baseline = null!;
    private OnnxRuntimePeer _onnx = null!;
    private OnnxRuntimePeer _onnx2 = null!;

    /// <summary>Builds the networks from the same exported parameters and checks that they agree on every sample.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(2);
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = random.NextSingle(); // pixel intensities in [0, 1)
        }

        _network = new MnistMlp(seed: 42, maxBatchSize: Batch);
        Check.LoadParameters("w1-mlp.params.bin", _network.Parameters);
        _baseline = new PlainMlp(MnistMlp.InputSize, 128, MnistMlp.OutputSize, PlainActivation.ReLU, _network.LearningRate);
        _baseline.CopyFrom(_network.Parameters);

        var expected = new float[_outputs.Length];
        PlainForward(expected);
        _network.Forward(_inputs, _outputs);
        Check.Close(_outputs, expected, "W2 mlp-infer-256 Forward");
        _network.PredictBatch(_inputs, _outputs);
        Check.Close(_outputs, expected, "W2 mlp-infer-256 PredictBatch");
        _network2 = new MnistMlp(seed: 42, maxBatchSize: Batch) { DegreeOfParallelism = 2 };
        _network.Parameters.CopyTo(_network2.Parameters);
        _network2.PredictBatch(_inputs, _outputs);
        Check.Close(_outputs, expected, "W2 mlp-infer-256 PredictBatch, 2 threads");

        _onnx = new OnnxRuntimePeer("w2-mlp-b256.onnx", MnistMlp.InputSize, MnistMlp.OutputSize, Batch, threads: 1);
        _onnx2 = new OnnxRuntimePeer("w2-mlp-b256.onnx", MnistMlp.InputSize, MnistMlp.OutputSize, Batch, threads: 2);
        foreach (OnnxRuntimePeer peer in new[] { _onnx, _onnx2 })
        {
            _inputs.CopyTo(peer.Input, 0);
            peer.Run();
            Check.Close(peer.Output, expected, "W2 mlp-infer-256", "ONNX Runtime");
        }
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx?.Dispose();
        _onnx2?.Dispose();
        if (_network2 is not null)
        {
            _network2.DegreeOfParallelism = 1; // ends the worker thread
        }
    }

    /// <summary>Hand-written scalar loops, one sample after another.</summary>
    [Benchmark(Baseline = true, Description = "plain C# loops")]
    public float PlainBatch()
    {
        PlainForward(_outputs);
        return _outputs[0];
    }

    /// <summary>The generated network's <c>PredictBatch</c>, one thread.</summary>
    [Benchmark(Description = "StaticNets PredictBatch, 1 thread")]
    public float StaticNetsBatch()
    {
        _network.PredictBatch(_inputs, _outputs);
        return _outputs[0];
    }

    /// <summary>The generated network's <c>PredictBatch</c>, two threads.</summary>
    [Benchmark(Description = "StaticNets PredictBatch, 2 threads")]
    public float StaticNetsBatch2()
    {
        _network2.PredictBatch(_inputs, _outputs);
        return _outputs[0];
    }

    /// <summary>The generated network's training-side <c>Forward</c> over the batch, one thread.</summary>
    [Benchmark(Description = "StaticNets Forward(256)")]
    public float StaticNetsForward()
    {
        _network.Forward(_inputs, _outputs);
        return _outputs[0];
    }

    /// <summary>ONNX Runtime, one intra-op thread.</summary>
    [Benchmark(Description = "ONNX Runtime, 1 thread")]
    public float OnnxRuntimeBatch()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    /// <summary>ONNX Runtime, two intra-op threads.</summary>
    [Benchmark(Description = "ONNX Runtime, 2 threads")]
    public float OnnxRuntimeBatch2()
    {
        _onnx2.Run();
        return _onnx2.Output[0];
    }

    private void PlainForward(float[] outputs)
    {
        for (int s = 0; s < Batch; s++)
        {
            _baseline.Predict(
                _inputs.AsSpan(s * MnistMlp.InputSize, MnistMlp.InputSize),
                outputs.AsSpan(s * MnistMlp.OutputSize, MnistMlp.OutputSize));
        }
    }
}
