using StaticNets.Generators.Plan;
using System.Collections.Generic;
using System.Text;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// Everything the network-level emitters ask of one kind of layer. Each <see cref="LayerKind"/> has one sealed subclass
/// in this folder, found through <see cref="LayerUnits.For"/>; the emitters loop over the layers and call these members,
/// so what a kind generates lives with its kind, and a network-level emitter never tests a layer's kind.
/// </summary>
/// <remarks>
/// The members follow the generated files: the constants, buffers and construction of <c>.g.cs</c>; <c>Predict</c>,
/// <c>ForwardBatch</c>, <c>PredictRows</c> and the forward kernels of <c>.Forward.g.cs</c>; the backward kernels of
/// <c>.Backward.g.cs</c>; and the jobs the multi-thread schedule shares out.
/// </remarks>
internal abstract class LayerUnit
{
    /// <summary>The kind this unit generates.</summary>
    public abstract LayerKind Kind { get; }

    // ---- the declaration

    /// <summary>The attribute that declares the kind, e.g. <c>DenseAttribute</c>.</summary>
    public abstract string AttributeName { get; }

    /// <summary>What the layer takes: a vector, an image, or either.</summary>
    public abstract LayerInput Input { get; }

    /// <summary>Reads the layer's attribute into <paramref name="declaration"/>, reporting what is out of range.</summary>
    public virtual void Read(LayerArguments args, Declaration declaration)
    {
    }

    /// <summary>
    /// Works out the layer's output from its input (<paramref name="walk"/>) and returns its model; reports a shape that
    /// does not fit, and moves <paramref name="walk"/> on to the next layer's input and parameter offset.
    /// </summary>
    /// <param name="model">The model so far: index, kind, input size, offsets, and the input image's shape.</param>
    public abstract LayerModel Infer(Declaration layer, LayerModel model, ShapeWalk walk, ProblemSink problems);

    /// <summary>Whether the layer can be the network's last (its output is what the loss reads).</summary>
    public virtual bool CanBeOutput => false;

    /// <summary>Reports the layer as a last layer it cannot be.</summary>
    public virtual void ReportAsOutput(Declaration layer, ProblemSink problems) =>
        problems.Add(DiagnosticDescriptors.OutputMustBeDense, layer.Location, layer.Number, layer.Kind);

    // ---- the generated code

    /// <summary>Appends the layer to the architecture text model files store, e.g. <c>Dense(128, ReLU)</c>.</summary>
    public abstract void Describe(StringBuilder text, LayerModel layer);

    /// <summary>Writes the layer's opening comment and <c>const</c> sizes in <c>.g.cs</c>.</summary>
    public abstract void WriteConstants(SourceWriter writer, LayerModel layer);

    // ---- inference, one sample at a time

    /// <summary>
    /// Whether the layer writes an output of its own in <c>Predict</c>; false for layers that hand their input on
    /// unchanged there (flatten always, dropout at inference), which then need no scratch memory.
    /// </summary>
    public virtual bool WritesOutputAtInference => true;

    /// <summary>
    /// Scratch regions <c>Predict</c> keeps for the layer besides its output, zeroed once per call before any layer
    /// runs (a padded convolution's input with its zero border): (name, size constant, floats).
    /// </summary>
    public virtual IEnumerable<(string Name, string Size, int Floats)> PredictWorkspace(LayerModel layer) => [];

    /// <summary>
    /// Writes the layer's statements in <c>Predict</c>, reading the <c>ref float</c> <paramref name="input"/> and writing
    /// <paramref name="output"/>; returns the reference the next layer reads.
    /// </summary>
    public abstract string WritePredict(SourceWriter writer, LayerModel layer, string input, string output);

    // ---- the batch, layer by layer

    /// <summary>
    /// Writes the layer's statements in <c>ForwardBatch</c> (one thread), reading the workspace buffer
    /// <paramref name="input"/>; <c>batch</c> and <c>training</c> are in scope.
    /// </summary>
    public abstract void WriteForwardBatch(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input);

    /// <summary>
    /// Writes the layer's statements in <c>PredictRows</c>: samples <c>start</c> to <c>end</c>, from the
    /// <c>ref float</c> <paramref name="input"/>.
    /// </summary>
    public abstract void WritePredictRows(SourceWriter writer, LayerModel layer, string input);

    /// <summary>Writes the layer's forward kernels in <c>.Forward.g.cs</c>, each preceded by a blank line; nothing for a layer that computes nothing.</summary>
    public abstract void WriteForwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer);

    // ---- backward

    /// <summary>
    /// Whether the layer can have backward work at all. Layers with parameters always have some; the others only when
    /// a layer with parameters lies below them (see <see cref="NeedsBackward"/>). False for layers that share the
    /// buffers of the layer below.
    /// </summary>
    public virtual bool CanHaveBackward => true;

    /// <summary>Whether the layer turns dLoss/da into dLoss/dz with its activation's derivative before the rest of its backward pass.</summary>
    public virtual bool HasDerivative(NetworkModel model, LayerModel layer) => false;

    /// <summary>The comment <c>Backward</c> writes in place of the call for a layer with no backward work.</summary>
    public virtual string NoBackwardComment(LayerModel layer) =>
        $"layer {layer.Index}: {Kind.ToString().ToLowerInvariant()} with no parameters below it, nothing needs its gradient";

    /// <summary>Writes <c>Layer{l}Backward(int batch)</c> and the kernels it calls, in <c>.Backward.g.cs</c>.</summary>
    public abstract void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer);

    /// <summary>
    /// How many floats the layer's dz buffer needs past its last row, for kernels that read a row's tail as one vector.
    /// </summary>
    public virtual int DzPadding(NetworkModel model, LayerModel layer) => 0;

    // ---- the multi-thread schedule

    /// <summary>The names of the layer's forward jobs in the multi-thread schedule (after <c>Layer{l}</c>), in order.</summary>
    public virtual IReadOnlyList<string> ForwardJobs(LayerPlan layer) => ["Forward"];

    /// <summary>The names of the layer's backward jobs besides its activation derivative, in order; none for work on the calling thread.</summary>
    public virtual IReadOnlyList<string> BackwardJobs(LayerPlan layer) => [];

    /// <summary>Writes the layer's jobs in <c>ForwardParallel</c> (<c>workers</c>, <c>batch</c>, <c>training</c> in scope).</summary>
    public abstract void WriteForwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer);

    /// <summary>
    /// Writes the <c>case</c>s of <c>TrainPart</c> that run the layer's forward jobs, reading the <c>ref float</c>
    /// <paramref name="input"/>; nothing for layers that run on the calling thread.
    /// </summary>
    public abstract void WriteForwardCases(SourceWriter writer, NetworkPlan plan, LayerModel layer, string input);

    /// <summary>
    /// Whether the layer's backward work is shared out between the threads; false for work that must run on the
    /// calling thread (dropout).
    /// </summary>
    public virtual bool BackwardOnWorkers => true;

    /// <summary>
    /// Whether the job that writes the layer's input gradient is shared out by samples, so that the activation
    /// derivative of the layer below, for the same samples, can run in the same job.
    /// </summary>
    public virtual bool InputGradientBySamples(LayerModel layer) => true;

    /// <summary>
    /// Writes the layer's backward jobs in <c>BackwardParallel</c>, after the derivative job if it has one;
    /// <paramref name="below"/> ends the comment with what else the job does.
    /// </summary>
    public abstract void WriteBackwardJobs(SourceWriter writer, NetworkPlan plan, LayerModel layer, string below);

    /// <summary>
    /// Writes the <c>case</c> label and calls of the layer's backward job in <c>TrainPart</c> (the caller adds the
    /// derivative of the layer below and the <c>break</c>); returns false, writing nothing, for layers whose backward
    /// runs on the calling thread.
    /// </summary>
    public abstract bool WriteBackwardCase(SourceWriter writer, NetworkPlan plan, LayerModel layer);

    // ---- buffers

    /// <summary>The layer's workspace buffers (see <see cref="LayerPlan.Buffers"/>), in the order they are declared.</summary>
    public abstract IReadOnlyList<BufferPlan> Buffers(NetworkPlan plan, LayerModel layer);

    /// <summary>The comment that stands in the fields for a layer without buffers of its own.</summary>
    public virtual string NoBuffersComment(LayerModel layer) => $"layer {layer.Index} ({Kind}) has no buffers of its own";

    /// <summary>
    /// Whether threads share the layer by its inputs (rows of W) rather than by samples; see
    /// <see cref="LayerPlan.ChunksInputs"/>.
    /// </summary>
    public virtual bool ChunksInputs(LayerModel layer) => false;

    /// <summary>The dimensions of a buffer with one row of the layer's outputs per sample.</summary>
    protected static string[] PerSample(LayerModel layer) => [BufferPlan.BatchDimension, Out(layer.Index)];

    /// <summary>
    /// The output and dLoss/doutput buffers every layer with an output of its own has; dz is padded by
    /// <see cref="DzPadding"/>.
    /// </summary>
    protected BufferPlan[] OutputBuffers(NetworkPlan plan, LayerModel layer, string output, string gradient)
    {
        int l = layer.Index;
        int padding = DzPadding(plan.Model, layer);
        return
        [
            new(A(l), PerSample(layer), output),
            new(Dz(l), PerSample(layer), gradient, padding,
                padding == 0 ? null : $"the backward kernels read the last row's tail as one vector, {Int(padding)} {(padding == 1 ? "float" : "floats")} past it"),
        ];
    }

    /// <summary>Writes the call in <c>Backward</c> of a layer's backward kernel, or the comment saying why there is none.</summary>
    public void WriteBackwardCall(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        if (plan[layer].NeedsBackward)
        {
            writer.WriteLine($"{LayerBackward(layer.Index)}(batch);");
        }
        else
        {
            writer.Comment(NoBackwardComment(layer));
        }
    }
}
