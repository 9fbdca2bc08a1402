using System;
using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Baselines;
using StaticNets.Benchmarks.Peers;

namespace StaticNets.Benchmarks;

/// <summary>
/// W5 cnn (issue 6): the reference CNN <see cref="ReferenceCnn"/>, Input(28, 28, 1) -> Conv2D(32, 3x3, ReLU)
/// -> MaxPool2D(2) -> Conv2D(64, 3x3, ReLU) -> MaxPool2D(2) -> Flatten -> Dense(64, ReLU) -> Dense(10, Softmax),
/// softmax cross-entropy, Adam 0.001.
/// <list type="bullet">
/// <item><c>predict</c>: single-sample inference, the generated <c>Predict</c> and ONNX Runtime
/// (<see cref="OnnxRuntimePeer"/>, <c>Models/w5-cnn.onnx</c>) against <see cref="PlainCnn"/> (direct convolution in
/// scalar loops).</item>
/// <item><c>train-batch-32</c>: one <c>TrainBatch</c> of 32 samples (forward, backward, Adam step). An epoch of
/// 60,000 samples is 1,875 such batches, so an epoch takes about 1,875 times the median (plus data shuffling and
/// copying, which this does not time). There is no plain training baseline.</item>
/// </list>
/// All networks start from the parameters exported by <c>benchmarks/export_onnx_cnn.py</c>. Inputs are random
/// images in [0, 1), channels last; labels are random one-hot rows.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("W5 cnn")]
public class W5Cnn
{
    private const int BatchSize = 32;

    // A few batches, cycled through by the training benchmark so that repeated steps do not fit one batch and
    // drive its loss (and every gradient) towards zero.
    private const int BatchCount = 8;

    // How many samples the setup runs through every network to check that they agree.
    private const int CheckedSamples = 8;

    private readonly float[] _inputs = new float[BatchCount * BatchSize * ReferenceCnn.InputSize];
    private readonly float[] _targets = new float[BatchCount * BatchSize * ReferenceCnn.OutputSize];
    private readonly int[] _labels = new int[BatchCount * BatchSize];
    private readonly float[] _output = new float[ReferenceCnn.OutputSize];
    private ReferenceCnn _predictor = null!;
    private ReferenceCnn _trainer = null!;
    private ReferenceCnn _parallelTrainer = null!;
    private PlainCnn _baseline = null!;
    private OnnxRuntimePeer _onnx = null!;
    private int _next;

    /// <summary>
    /// Builds the networks from the same exported parameters and checks, before anything is timed, that the
    /// generated <c>Predict</c>, ONNX Runtime and the plain baseline give the same probabilities, and that the
    /// first <c>TrainBatch</c> reports the cross-entropy of ONNX Runtime's probabilities.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(5);
        for (int k = 0; k < _inputs.Length; k++)
        {
            _inputs[k] = random.NextSingle(); // pixel intensities in [0, 1)
        }

        for (int s = 0; s < _labels.Length; s++)
        {
            _labels[s] = random.NextInt32(ReferenceCnn.OutputSize);
            _targets[s * ReferenceCnn.OutputSize + _labels[s]] = 1f;
        }

        _predictor = new ReferenceCnn(seed: 42);
        Check.LoadParameters("w5-cnn.params.bin", _predictor.Parameters);
        _trainer = new ReferenceCnn(seed: 42);
        Check.LoadParameters("w5-cnn.params.bin", _trainer.Parameters);
        _baseline = new PlainCnn();
        _baseline.CopyFrom(_predictor.Parameters);
        _onnx = new OnnxRuntimePeer("w5-cnn.onnx", ReferenceCnn.InputSize, ReferenceCnn.OutputSize);

        // Inference: same probabilities on several images.
        var plain = new float[ReferenceCnn.OutputSize];
        for (int s = 0; s < CheckedSamples; s++)
        {
            Image(s).CopyTo(_onnx.Input);
            _onnx.Run();
            _predictor.Predict(Image(s), _output);
            Check.Close(_output, _onnx.Output, $"W5 cnn Predict, image {s}", baselineName: "ONNX Runtime");
            _baseline.Predict(Image(s), plain);
            Check.Close(plain, _onnx.Output, $"W5 cnn Predict, image {s}", "the plain baseline", "ONNX Runtime");
        }

        // Training: the loss of the first batch, taken before the Adam step, is the mean cross-entropy of ONNX
        // Runtime's probabilities on the same images.
        float expectedLoss = 0f;
        for (int s = 0; s < BatchSize; s++)
        {
            Image(s).CopyTo(_onnx.Input);
            _onnx.Run();
            expectedLoss -= MathF.Log(_onnx.Output[_labels[s]]) / BatchSize;
        }

        Image(0).CopyTo(_onnx.Input); // the image every predict benchmark runs

        float loss = _trainer.TrainBatch(Batch(0), Targets(0));
        Check.Close([loss], [expectedLoss], "W5 cnn TrainBatch(32) loss", baselineName: "ONNX Runtime");

        // The same training on two threads: bitwise the same loss and parameters as one thread.
        _parallelTrainer = new ReferenceCnn(seed: 42) { DegreeOfParallelism = 2 };
        Check.LoadParameters("w5-cnn.params.bin", _parallelTrainer.Parameters);
        float parallelLoss = _parallelTrainer.TrainBatch(Batch(0), Targets(0));
        if (parallelLoss != loss || !_parallelTrainer.Parameters.SequenceEqual(_trainer.Parameters))
        {
            throw new InvalidOperationException("W5 cnn: TrainBatch on two threads differs from one thread.");
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx?.Dispose();
        if (_parallelTrainer is not null)
        {
            _parallelTrainer.DegreeOfParallelism = 1; // ends the worker thread
        }
    }

    /// <summary>Hand-written direct convolution in scalar loops, inference.</summary>
    [Benchmark(Baseline = true, Description = "plain C# loops")]
    [BenchmarkCategory("predict")]
    public float PlainPredict()
    {
        _baseline.Predict(Image(0), _output);
        return _output[0];
    }

    /// <summary>The generated network's <c>Predict</c>.</summary>
    [Benchmark(Description = "StaticNets Predict")]
    [BenchmarkCategory("predict")]
    public float StaticNetsPredict()
    {
        _predictor.Predict(Image(0), _output);
        return _output[0];
    }

    /// <summary>ONNX Runtime's <c>InferenceSession.Run</c> on pre-allocated input and output tensors (one thread).</summary>
    [Benchmark(Description = "ONNX Runtime")]
    [BenchmarkCategory("predict")]
    public float OnnxRuntimePredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    /// <summary>The generated network's <c>TrainBatch</c> on 32 samples: forward, backward and one Adam step.</summary>
    [Benchmark(Baseline = true, Description = "StaticNets TrainBatch(32), 1 thread")]
    [BenchmarkCategory("train-batch-32")]
    public float StaticNetsTrainBatch()
    {
        int b = _next = (_next + 1) % BatchCount;
        return _trainer.TrainBatch(Batch(b), Targets(b));
    }

    /// <summary>The same step on two threads (<c>DegreeOfParallelism = 2</c>); an epoch is 1,875 of these.</summary>
    [Benchmark(Description = "StaticNets TrainBatch(32), 2 threads")]
    [BenchmarkCategory("train-batch-32")]
    public float StaticNetsTrainBatchTwoThreads()
    {
        int b = _next = (_next + 1) % BatchCount;
        return _parallelTrainer.TrainBatch(Batch(b), Targets(b));
    }

    private ReadOnlySpan<float> Image(int sample) => _inputs.AsSpan(sample * ReferenceCnn.InputSize, ReferenceCnn.InputSize);

    private ReadOnlySpan<float> Batch(int batch) =>
        _inputs.AsSpan(batch * BatchSize * ReferenceCnn.InputSize, BatchSize * ReferenceCnn.InputSize);

    private ReadOnlySpan<float> Targets(int batch) =>
        _targets.AsSpan(batch * BatchSize * ReferenceCnn.OutputSize, BatchSize * ReferenceCnn.OutputSize);
}
