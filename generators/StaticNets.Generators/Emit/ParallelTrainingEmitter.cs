using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes training across threads: when <c>DegreeOfParallelism</c> is above 1, <c>Forward</c>, <c>Backward</c> and
/// <c>TrainBatch</c> run each layer as one job of the worker group, the threads taking disjoint shares of it, with
/// the layers still in order. Forward passes and per-sample backward work (activation derivatives, pooling, input
/// gradients) are shared out by samples, in whole tiles of <see cref="DenseBatchEmitter.SampleTile"/>; a convolution's
/// weight gradient is shared out by rows of dW, each summed over the whole batch by one thread. Nothing is ever summed
/// across threads, so every result is bitwise the one-thread result, whatever the thread count. Dropout masks are drawn
/// on the calling thread, in the one-thread order; dense layers' backward passes run on the calling thread.
/// </summary>
internal static class ParallelTrainingEmitter
{
    /// <summary>Batches below this many samples run on the calling thread: sharing them out would cost more than it saves.</summary>
    public const int MinimumBatch = 2 * DenseBatchEmitter.SampleTile;

    /// <summary>Phase numbers: forward of layer l is l; these are added to l for the backward phases.</summary>
    private const int PoolingBackward = 1000;
    private const int ConvolutionDerivative = 2000;
    private const int ConvolutionGradients = 3000;

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

    /// <summary>Whether <c>Backward</c> has anything to share out (else it keeps only the one-thread code).</summary>
    public static bool HasParallelBackward(NetworkModel model)
    {
        foreach (LayerModel layer in model.Layers)
        {
            if (BackwardEmitter.NeedsBackward(model, layer) && layer.Kind is LayerKind.Conv2D or LayerKind.MaxPool2D or LayerKind.AveragePool2D or LayerKind.GlobalAveragePool2D)
            {
                return true;
            }
        }

        return false;
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
            int l = layer.Index;
            switch (layer.Kind)
            {
                case LayerKind.Flatten:
                    writer.WriteLine($"// layer {l}: flatten moves nothing");
                    break;
                case LayerKind.Dropout:
                    writer.WriteLine($"{LayerForward(l)}(batch, training); // dropout: one random stream, drawn in order on this thread");
                    break;
                default:
                    writer.WriteLine($"_phase = {Int(l)};");
                    writer.WriteLine("workers.Run(_trainPart);");
                    break;
            }
        }

        writer.CloseBlock();
        writer.WriteLine();

        if (HasParallelBackward(model))
        {
            writer.WriteLine("/// <summary>The layers' backward passes across the worker group, last layer first; dense and dropout layers on this thread.</summary>");
            writer.OpenBlock("private void BackwardParallel(global::StaticNets.WorkerGroup workers, int batch)");
            writer.WriteLine("_trainPart ??= TrainPart;");
            writer.WriteLine("_phaseBatch = batch;");
            for (int l = model.Layers.Count; l >= 1; l--)
            {
                LayerModel layer = model.Layers[l - 1];
                if (!BackwardEmitter.NeedsBackward(model, layer))
                {
                    continue;
                }

                switch (layer.Kind)
                {
                    case LayerKind.Conv2D:
                        if (layer.Activation != ActivationKind.Linear)
                        {
                            writer.WriteLine($"_phase = {Int(ConvolutionDerivative + l)}; // layer {l}: dz = da ⊙ {Formula(layer.Activation)}'(z), by samples");
                            writer.WriteLine("workers.Run(_trainPart);");
                        }

                        if (BackwardEmitter.NeedsInputGradient(model, layer))
                        {
                            writer.WriteLine($"{Transpose(l)}();");
                        }

                        writer.WriteLine($"_phase = {Int(ConvolutionGradients + l)}; // layer {l}: dW by rows{(BackwardEmitter.NeedsInputGradient(model, layer) ? ", the input gradient by samples" : string.Empty)}");
                        writer.WriteLine("workers.Run(_trainPart);");
                        break;
                    case LayerKind.MaxPool2D or LayerKind.AveragePool2D or LayerKind.GlobalAveragePool2D:
                        writer.WriteLine($"_phase = {Int(PoolingBackward + l)}; // layer {l}: by samples");
                        writer.WriteLine("workers.Run(_trainPart);");
                        break;
                    default:
                        writer.WriteLine($"{LayerBackward(l)}(batch);");
                        break;
                }
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLines($$"""
            /// <summary>
            /// One thread's share of the job in <see cref="_phase"/>: samples first to end (whole tiles of {{DenseBatchEmitter.SampleTile}}),
            /// or part <paramref name="part"/> of the rows of a weight gradient.
            /// </summary>
            """);
        writer.OpenBlock("private void TrainPart(int part)");
        writer.WriteLine("int parts = _workers!.DegreeOfParallelism;");
        writer.WriteLine("int batch = _phaseBatch;");
        writer.WriteLine($"int tiles = (batch + {Int(DenseBatchEmitter.SampleTile - 1)}) / {Int(DenseBatchEmitter.SampleTile)};");
        writer.WriteLine($"int first = global::System.Math.Min(part * tiles / parts * {Int(DenseBatchEmitter.SampleTile)}, batch);");
        writer.WriteLine($"int end = global::System.Math.Min((part + 1) * tiles / parts * {Int(DenseBatchEmitter.SampleTile)}, batch);");
        writer.OpenBlock("switch (_phase)");
        foreach (LayerModel layer in model.Layers)
        {
            int l = layer.Index;
            int source = model.SourceOf(l);
            string input = $"{MemoryMarshal}.GetArrayDataReference({(source == 0 ? Inputs : A(source))})";
            switch (layer.Kind)
            {
                case LayerKind.Flatten or LayerKind.Dropout:
                    continue;
                case LayerKind.Dense:
                    writer.WriteLine($"case {Int(l)}: // layer {l} (Dense) forward");
                    writer.WriteLine($"    {DenseBatchEmitter.LayerForwardBatch(l)}(ref {input}, first, end);");
                    writer.WriteLine("    break;");
                    continue;
                default:
                    writer.WriteLine($"case {Int(l)}: // layer {l} ({layer.Kind}) forward");
                    writer.OpenBlock(string.Empty);
                    ForwardEmitter.WriteImageLayerRows(writer, layer, input, "first", "end");
                    writer.WriteLine("break;");
                    writer.CloseBlock();
                    break;
            }

            if (!BackwardEmitter.NeedsBackward(model, layer))
            {
                continue;
            }

            if (layer.Kind == LayerKind.Conv2D)
            {
                if (layer.Activation != ActivationKind.Linear)
                {
                    writer.WriteLine($"case {Int(ConvolutionDerivative + l)}: // layer {l} activation derivative");
                    writer.WriteLine($"    {Derivative(l)}(first, end);");
                    writer.WriteLine("    break;");
                }

                writer.WriteLine($"case {Int(ConvolutionGradients + l)}: // layer {l} weight gradient{(BackwardEmitter.NeedsInputGradient(model, layer) ? " and input gradient" : string.Empty)}");
                writer.WriteLine($"    {WeightGradient(l)}(batch, part, parts);");
                if (BackwardEmitter.NeedsInputGradient(model, layer))
                {
                    writer.WriteLine($"    {InputGradient(l)}(first, end);");
                }

                writer.WriteLine("    break;");
            }
            else
            {
                writer.WriteLine($"case {Int(PoolingBackward + l)}: // layer {l} backward");
                writer.WriteLine($"    {LayerBackwardRows(l)}(first, end);");
                writer.WriteLine("    break;");
            }
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }
}
