using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes batched inference that can split a batch across cores: <c>PredictBatch</c>, the
/// <c>DegreeOfParallelism</c> property that owns the worker threads, and <c>PredictPart</c>, one thread's share.
/// Samples are independent in a forward pass, so each thread runs every layer on its own rows of the workspace and
/// nothing is shared but the parameters, which are only read.
/// </summary>
internal static class ParallelEmitter
{
    private const string Workers = "global::StaticNets.WorkerGroup";

    public static void Write(SourceWriter writer, NetworkModel model)
    {
        int last = model.Layers.Count;

        writer.WriteLines($$"""
            // Batched inference across threads: the worker group, the cached delegate of one part, and the job's data.
            private {{Workers}}? _workers;
            private global::System.Action<int>? _predictPart;
            private global::System.ReadOnlyMemory<float> _predictInputs;
            private global::System.Memory<float> _predictOutputs;
            private int _predictRows;

            /// <summary>
            /// Threads <see cref="PredictBatch"/>, <see cref="Forward"/>, <see cref="Backward"/> and <see cref="TrainBatch"/> split a batch
            /// across, the calling thread included; every result is bitwise the one-thread result. 1, the default,
            /// runs on the calling thread only. A larger value starts that many - 1 dedicated worker threads (not
            /// thread-pool threads), which set-up allocates once; setting 1 again ends them.
            /// </summary>
            /// <exception cref="global::System.ArgumentOutOfRangeException">The value is below 1.</exception>
            public int DegreeOfParallelism
            {
                get => _workers?.DegreeOfParallelism ?? 1;
                set
                {
                    global::System.ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
                    if (value == DegreeOfParallelism)
                    {
                        return;
                    }

                    _workers?.Dispose();
                    _workers = value > 1 ? new {{Workers}}(value) : null;
                    _predictPart ??= PredictPart;
                }
            }

            /// <summary>
            /// Inference on a batch of up to <see cref="MaxBatchSize"/> samples (dropout off), split across
            /// <see cref="DegreeOfParallelism"/> threads in whole tiles of {{DenseLayer.SampleTile}} samples. The first
            /// layer reads <paramref name="inputs"/> in place. Each sample's outputs are exactly those of a one-thread run.
            /// </summary>
            /// <remarks>
            /// Uses the training workspace, so it is not for concurrent calls on one instance (use <see cref="Predict"/>
            /// for that), and a later <see cref="Backward"/> needs a new <see cref="Forward"/>. Allocates nothing.
            /// </remarks>
            /// <param name="inputs">Row-major (samples, InputSize).</param>
            /// <param name="outputs">Receives row-major (samples, OutputSize).</param>
            public void PredictBatch(global::System.ReadOnlyMemory<float> inputs, global::System.Memory<float> outputs)
            {
                int batch = {{Guard}}.Batch(inputs.Length, InputSize, MaxBatchSize, nameof(inputs));
                {{Guard}}.Length(outputs.Length, batch * OutputSize, nameof(outputs));
                {{BatchSize}} = 0; // nothing here is for Backward
                _predictInputs = inputs;
                _predictOutputs = outputs;
                _predictRows = batch;
                try
                {
                    if (_workers is { } workers && batch > {{DenseLayer.SampleTile}})
                    {
                        workers.Run(_predictPart!);
                    }
                    else
                    {
                        PredictRows(0, batch);
                    }
                }
                finally
                {
                    _predictInputs = default;
                    _predictOutputs = default;
                }
            }

            /// <summary>Part <paramref name="part"/> of <see cref="PredictBatch"/>: its share of the rows, in whole tiles.</summary>
            private void PredictPart(int part)
            {
                int parts = DegreeOfParallelism;
                int share = ((_predictRows + parts - 1) / parts + {{DenseLayer.SampleTile - 1}}) / {{DenseLayer.SampleTile}} * {{DenseLayer.SampleTile}};
                int start = global::System.Math.Min(part * share, _predictRows);
                int end = global::System.Math.Min(start + share, _predictRows);
                if (start < end)
                {
                    PredictRows(start, end);
                }
            }

            """);

        writer.Documentation("<summary>Every layer on samples <paramref name=\"start\"/> to <paramref name=\"end\"/>, then their outputs copied out.</summary>");
        writer.OpenBlock("private void PredictRows(int start, int end)");
        writer.WriteLine($"ref float x = ref {MemoryMarshal}.GetReference(_predictInputs.Span); // (batch, InputSize)");
        foreach (LayerModel layer in model.Layers)
        {
            int l = layer.Index;
            int source = model.SourceOf(l);
            string input = source == 0 ? "x" : $"{A(source)}.Start";
            layer.Unit().WritePredictRows(writer, layer, input);
        }

        writer.WriteLine($"{A(last)}.Span.Slice(start * OutputSize, (end - start) * OutputSize).CopyTo(_predictOutputs.Span.Slice(start * OutputSize));");
        writer.CloseBlock();
    }
}
