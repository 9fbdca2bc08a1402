using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets.Tests.Training;

/// <summary>
/// A hand-written <see cref="INetwork"/> that learns nothing and records what the trainer asks of it: the samples of
/// every batch in the order they arrive and the learning rate each step ran at. Each sample's one input is its index
/// in the training set, so a batch shows exactly which samples it holds. <see cref="TrainBatch"/> reports the mean of
/// the batch's inputs as its loss, so the epoch loss the trainer computes can be checked by hand.
/// </summary>
public sealed class RecordingNetwork(int maxBatchSize) : INetwork
{
    private readonly float[] _parameters = new float[1];
    private readonly float[] _outputs = new float[maxBatchSize];
    private int _lastBatch;

    public static int InputSize => 1;

    public static int OutputSize => 1;

    public static int ParameterCount => 1;

    public static long MultiplyAddsPerSample => 1;

    public static string Architecture => "Recording";

    /// <summary>Every batch in the order the trainer ran them: the sample indices it held and the learning rate then.</summary>
    public List<(int[] Samples, float LearningRate)> Batches { get; } = [];

    /// <summary>The inputs of every <see cref="Evaluate"/> call, in order.</summary>
    public List<float[]> EvaluatedBatches { get; } = [];

    /// <summary>
    /// The loss <see cref="Evaluate"/> returns for a batch's inputs (0 when null). <see cref="Evaluate"/> writes its
    /// inputs as its outputs, so a test picks each sample's output by its input.
    /// </summary>
    public Func<float[], float>? EvaluationLoss { get; init; }

    public int MaxBatchSize { get; } = maxBatchSize;

    public int DegreeOfParallelism { get; set; } = 1;

    public float LearningRate { get; set; } = 0.5f;

    public float LastDataLoss { get; private set; }

    public float LastRegularizationLoss => 0f;

    public bool LastStepFinite => true;

    public int StepCount => Batches.Count;

    public Span<float> Parameters => _parameters;

    public ReadOnlySpan<float> Gradients => _parameters;

    public ReadOnlySpan<float> LastOutputs => _outputs.AsSpan(0, _lastBatch);

    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        var samples = new int[inputs.Length];
        double sum = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            samples[k] = (int)inputs[k];
            sum += inputs[k];
        }

        Batches.Add((samples, LearningRate));
        _lastBatch = inputs.Length;
        LastDataLoss = (float)(sum / inputs.Length);
        return LastDataLoss;
    }

    public float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> outputs)
    {
        EvaluatedBatches.Add(inputs.ToArray());
        inputs.CopyTo(outputs);
        return EvaluationLoss?.Invoke(inputs.ToArray()) ?? 0f;
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw Unused();

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => throw Unused();

    public float Backward(ReadOnlySpan<float> targets) => throw Unused();

    public void ZeroGradients() => throw Unused();

    public void Step() => throw Unused();

    public void Save(Stream stream) => throw Unused();

    public void Save(string path) => throw Unused();

    public void Load(Stream stream) => throw Unused();

    public void Load(string path) => throw Unused();

    private static InvalidOperationException Unused() => new("The trainer should only call TrainBatch and Evaluate.");
}
