using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes training across threads: when <c>DegreeOfParallelism</c> is above 1, <c>Forward</c>, <c>Backward</c> and
/// <c>TrainBatch</c> run each layer as one job of the worker group, the threads taking disjoint shares of it, with
/// the layers still in order. Forward passes and per-sample backward work (activation derivatives, pooling, input
/// gradients) are shared out by samples, in whole tiles of <see cref="DenseLayer.SampleTile"/>; a weight
/// gradient is shared out by rows of dW, each summed over the whole batch by one thread; the optimizer step by ranges of
/// parameters. Nothing is ever summed across threads, so every result is bitwise the one-thread result, whatever the
/// thread count. Dropout masks are drawn, and dropout's backward runs, on the calling thread.
/// </summary>
internal static class ParallelTrainingEmitter
{
    /// <summary>Batches below this many samples run on the calling thread: sharing them out would cost more than it saves.</summary>
    public const int MinimumBatch = 2 * DenseLayer.SampleTile;

    /// <summary>Phase numbers: forward of layer l is l; these are added to l for the backward phases.</summary>
    public const int PoolingBackward = 1000;
    public const int DerivativePhase = 2000;
    public const int GradientsPhase = 3000;
    public const int CombinePhase = 5000;

    /// <summary>The phase number of the optimizer step.</summary>
    public const int StepPhase = 4000;

    /// <summary>Networks with fewer parameters than this step on the calling thread: a step that short is not worth a hand-off.</summary>
    public const int MinimumParallelStep = 16384;

    /// <summary>Weights of layers shared by samples are shared out between the threads of the step in multiples of this many.</summary>
    public const int StepGrain = 64;

    /// <summary>Whether <c>Step</c> shares its parameters out between the threads.</summary>
    public static bool HasParallelStep(NetworkModel model) => model.ParameterCount >= MinimumParallelStep;

    /// <summary>The statement <c>ForwardBatch</c> starts with, after copying the inputs.</summary>
    public static void WriteForwardHook(SourceWriter writer)
    {
        writer.OpenBlock($"if (_workers is {{ }} workers && batch >= {Int(MinimumBatch)})");
        writer.WriteLine("ForwardParallel(workers, batch, training);");
        writer.WriteLine($"{BatchSize} = batch;");
        writer.WriteLine("return;");
        writer.CloseBlock();
        writer.WriteLine();
    }

    private static bool HasDerivative(NetworkModel model, LayerModel layer) => layer.Unit().HasDerivative(model, layer);

    /// <summary>Whether a layer's activation derivative is done in the input-gradient job of the layer above it.</summary>
    private static bool DerivativeFusedAbove(NetworkModel model, LayerModel layer)
    {
        foreach (LayerModel above in model.Layers)
        {
            if (above.Index > layer.Index && model.SourceOf(above.Index) == layer.Index && LayerUnit.NeedsBackward(model, above) && FusesDerivativeBelow(model, above))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <c>Backward</c> has anything to share out (else it keeps only the one-thread code).</summary>
    public static bool HasParallelBackward(NetworkModel model)
    {
        foreach (LayerModel layer in model.Layers)
        {
            if (LayerUnit.NeedsBackward(model, layer) && layer.Unit().BackwardOnWorkers)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the activation derivative of the layer <paramref name="layer"/> reads from is done in the same job as
    /// <paramref name="layer"/>'s input gradient: that job writes dLoss/da of the layer below for the same samples the
    /// derivative then turns into dLoss/dz, so one thread can do both without waiting for the others.
    /// </summary>
    private static bool FusesDerivativeBelow(NetworkModel model, LayerModel layer)
    {
        int source = model.SourceOf(layer.Index);
        return source > 0
            && layer.Unit().InputGradientBySamples(layer)
            && LayerUnit.NeedsInputGradient(model, layer)
            && HasDerivative(model, model.Layers[source - 1]);
    }

    public static void Write(SourceWriter writer, NetworkModel model)
    {
        writer.WriteLines("""
            // Training across threads: the job now running, its batch size, and the cached delegate the workers run.
            private int _phase;
            private int _phaseBatch;
            private global::System.Action<int>? _trainPart;

            /// <summary>ForwardBatch across the worker group: one job per layer, in order; dropout masks drawn here, in order.</summary>
            """);
        writer.OpenBlock("private void ForwardParallel(global::StaticNets.WorkerGroup workers, int batch, bool training)");
        writer.WriteLine("_trainPart ??= TrainPart;");
        writer.WriteLine("_phaseBatch = batch;");
        foreach (LayerModel layer in model.Layers)
        {
            layer.Unit().WriteForwardJobs(writer, layer);
        }

        writer.CloseBlock();
        writer.WriteLine();

        if (HasParallelBackward(model))
        {
            writer.WriteLines("""
                /// <summary>
                /// The layers' backward passes across the worker group, last layer first (dropout on this thread). A layer's
                /// input gradient and the activation derivative of the layer below, both by samples, are one job.
                /// </summary>
                """);
            writer.OpenBlock("private void BackwardParallel(global::StaticNets.WorkerGroup workers, int batch)");
            writer.WriteLine("_trainPart ??= TrainPart;");
            writer.WriteLine("_phaseBatch = batch;");
            for (int l = model.Layers.Count; l >= 1; l--)
            {
                LayerModel layer = model.Layers[l - 1];
                if (!LayerUnit.NeedsBackward(model, layer))
                {
                    continue;
                }

                bool fuses = FusesDerivativeBelow(model, layer);
                string below = fuses ? $", then layer {model.SourceOf(l)}'s activation derivative for the same samples" : string.Empty;
                if (HasDerivative(model, layer) && !DerivativeFusedAbove(model, layer))
                {
                    writer.WriteLine($"_phase = {Int(DerivativePhase + l)}; // layer {l}: dz = da ⊙ {Formula(layer.Activation)}'(z), by samples");
                    writer.WriteLine("workers.Run(_trainPart);");
                }

                layer.Unit().WriteBackwardJobs(writer, model, layer, below);
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLines($$"""
            /// <summary>
            /// One thread's share of the job in <see cref="_phase"/>: samples first to end (whole tiles of {{DenseLayer.SampleTile}}),
            /// or part <paramref name="part"/> of the rows of a weight gradient.
            /// </summary>
            """);
        writer.OpenBlock("private void TrainPart(int part)");
        writer.WriteLine("int parts = _workers!.DegreeOfParallelism;");
        writer.WriteLine("int batch = _phaseBatch;");
        writer.WriteLine($"int tiles = (batch + {Int(DenseLayer.SampleTile - 1)}) / {Int(DenseLayer.SampleTile)};");
        writer.WriteLine($"int first = global::System.Math.Min(part * tiles / parts * {Int(DenseLayer.SampleTile)}, batch);");
        writer.WriteLine($"int end = global::System.Math.Min((part + 1) * tiles / parts * {Int(DenseLayer.SampleTile)}, batch);");
        writer.OpenBlock("switch (_phase)");
        foreach (LayerModel layer in model.Layers)
        {
            int l = layer.Index;
            LayerUnit unit = layer.Unit();
            unit.WriteForwardCases(writer, layer, $"{LayerUnit.InputBuffer(model, layer)}.Start");
            if (!LayerUnit.NeedsBackward(model, layer))
            {
                continue;
            }

            if (HasDerivative(model, layer) && !DerivativeFusedAbove(model, layer))
            {
                writer.WriteLine($"case {Int(DerivativePhase + l)}: // layer {l} activation derivative");
                writer.WriteLine($"    {Derivative(l)}(first, end);");
                writer.WriteLine("    break;");
            }

            if (!unit.WriteBackwardCase(writer, model, layer))
            {
                continue; // its backward runs on the calling thread
            }

            if (FusesDerivativeBelow(model, layer))
            {
                writer.WriteLine($"    {Derivative(model.SourceOf(l))}(first, end);");
            }

            writer.WriteLine("    break;");
        }

        if (HasParallelStep(model))
        {
            writer.WriteLine($"case {Int(StepPhase)}: // the optimizer step");
            writer.WriteLine("    StepPart(part, parts);");
            writer.WriteLine("    break;");
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }
}
