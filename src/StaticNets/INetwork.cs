using System;
using System.IO;

namespace StaticNets;

/// <summary>
/// What every generated network offers, so that generic code (a trainer, a benchmark) works with any of them.
/// The sizes are static so that <c>TNetwork.InputSize</c> is a constant the JIT can fold.
/// </summary>
/// <remarks>
/// <para>Parameter layout: the layers that have parameters, in declaration order, each as its weights followed by its
/// biases. A dense layer's weights are an <c>(inputs, outputs)</c> row-major matrix (input-major: the weights leaving
/// input <c>i</c> are contiguous), then its <c>outputs</c> biases; a convolution's weights are
/// <c>(kernelHeight, kernelWidth, inputChannels, filters)</c> row-major, then its <c>filters</c> biases. Pooling,
/// flatten and dropout layers have none. <see cref="Gradients"/> has the same layout.</para>
/// <para>Threading: <see cref="Predict"/> only reads the parameters, so any number of threads may call it on one
/// instance at once. Every other member mutates the instance and needs exclusive access.</para>
/// </remarks>
public interface INetwork
{
    /// <summary>Features per input sample.</summary>
    static abstract int InputSize { get; }

    /// <summary>Values per output sample.</summary>
    static abstract int OutputSize { get; }

    /// <summary>Number of trainable parameters (weights and biases of every layer).</summary>
    static abstract int ParameterCount { get; }

    /// <summary>
    /// Multiply-adds of one sample's forward pass (dense and convolution layers); a training step costs about three times
    /// this per sample. <see cref="Parallelism"/> uses it to judge whether a batch is worth sharing out.
    /// </summary>
    static abstract long MultiplyAddsPerSample { get; }

    /// <summary>The architecture, as text; model files store it and refuse to load into another architecture.</summary>
    static abstract string Architecture { get; }

    /// <summary>The largest batch <see cref="Forward"/> and <see cref="TrainBatch"/> accept, fixed at construction.</summary>
    int MaxBatchSize { get; }

    /// <summary>
    /// Threads a batch is shared out over in <see cref="Forward"/>, <see cref="Backward"/>, <see cref="TrainBatch"/>,
    /// <see cref="Evaluate"/> and batched inference, the calling thread included; results are bitwise the same for every
    /// value. 1 (the default) uses the calling thread only; a larger value starts that many - 1 dedicated worker threads.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is below 1.</exception>
    int DegreeOfParallelism { get; set; }

    /// <summary>The learning rate the next <see cref="Step"/> uses; zero or positive, and finite.</summary>
    float LearningRate { get; set; }

    /// <summary>The data part of the last <see cref="Backward"/>'s loss (the mean loss over the batch).</summary>
    float LastDataLoss { get; }

    /// <summary>The regularisation part of the last <see cref="Backward"/>'s loss (the L1/L2 penalty; 0 without one).</summary>
    float LastRegularizationLoss { get; }

    /// <summary>
    /// Whether every parameter the last <see cref="Step"/> wrote is finite (no NaN, no infinity); <see langword="true"/>
    /// before the first step. The step checks each value as it writes it, so asking costs nothing.
    /// </summary>
    bool LastStepFinite { get; }

    /// <summary>Optimizer steps taken (bias corrections and Adagrad's decay depend on it). Saved in model files.</summary>
    int StepCount { get; }

    /// <summary>All parameters, in the layout described on <see cref="INetwork"/>. Writable.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradients accumulated since the last <see cref="ZeroGradients"/>, in the parameter layout.</summary>
    ReadOnlySpan<float> Gradients { get; }

    /// <summary>Runs one sample through the network without touching any shared state. Allocates nothing.</summary>
    /// <param name="input">Exactly <c>InputSize</c> features.</param>
    /// <param name="output">Exactly <c>OutputSize</c> values; receives the activations of the output layer.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs a batch through the network in training mode (dropout layers draw masks) and keeps what
    /// <see cref="Backward"/> needs. For inference use <see cref="Predict"/>.
    /// </summary>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>; the batch is <c>inputs.Length / InputSize</c>.</param>
    /// <param name="outputs">Row-major <c>(batch, OutputSize)</c>; receives the output activations.</param>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Runs a batch in inference mode (no dropout) and returns its mean data loss against <paramref name="targets"/>,
    /// without touching the gradients. For validation and test sets. Allocates nothing.
    /// </summary>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>.</param>
    /// <param name="outputs">Row-major <c>(batch, OutputSize)</c>; receives the output activations.</param>
    /// <returns>The mean data loss (no regularisation penalty).</returns>
    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> outputs);

    /// <summary>The outputs of the last <see cref="Forward"/> or <see cref="TrainBatch"/> batch, row-major <c>(batch, OutputSize)</c>.</summary>
    ReadOnlySpan<float> LastOutputs { get; }

    /// <summary>
    /// Computes the loss of the last <see cref="Forward"/> batch against <paramref name="targets"/> and adds its
    /// gradients to <see cref="Gradients"/>.
    /// </summary>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>, the same batch as the last <see cref="Forward"/>.</param>
    /// <returns>The loss: the mean data loss over the batch plus the regularisation penalty, if any.</returns>
    float Backward(ReadOnlySpan<float> targets);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>Applies one optimizer update to the parameters from the accumulated gradients.</summary>
    void Step();

    /// <summary>
    /// One training step on a batch: <see cref="ZeroGradients"/>, <see cref="Forward"/>, <see cref="Backward"/>,
    /// <see cref="Step"/>. Allocates nothing.
    /// </summary>
    /// <param name="inputs">Row-major <c>(batch, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(batch, OutputSize)</c>.</param>
    /// <returns>The mean loss over the batch, before the update.</returns>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Writes the parameters and optimizer state to <paramref name="stream"/> in the StaticNets model-file format.</summary>
    /// <param name="stream">A writable stream.</param>
    void Save(Stream stream);

    /// <summary>Writes the parameters to a file atomically: a temporary file in the same folder, then a rename.</summary>
    /// <param name="path">The file to create or replace.</param>
    void Save(string path);

    /// <summary>Reads parameters written by <see cref="Save(Stream)"/>. On any error the network is left unchanged.</summary>
    /// <param name="stream">A readable stream positioned at the start of a model.</param>
    /// <exception cref="InvalidDataException">The data is truncated, corrupt, or of another architecture.</exception>
    void Load(Stream stream);

    /// <summary>Reads parameters from a file written by <see cref="Save(string)"/>. On any error the network is left unchanged.</summary>
    /// <param name="path">The model file.</param>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, or of another architecture.</exception>
    void Load(string path);
}
