using StaticNets.Generators.Emit.Layers;
using System.Collections.Generic;
using StaticNets.Generators.Models;
using StaticNets.Generators.Plan;
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

    /// <summary>The generated name of job <paramref name="name"/> of layer <paramref name="layer"/>: <c>TrainingJob.Layer2Gradients</c>.</summary>
    public static string Job(int layer, string name) => $"{JobType}.Layer{Int(layer)}{name}";

    /// <summary>The generated enum of the jobs.</summary>
    public const string JobType = "TrainingJob";

    /// <summary>
    /// The jobs of the multi-thread schedule in the order a training step runs them: each layer's forward jobs, then
    /// from the last layer down its activation derivative (unless the layer above does it) and its backward jobs,
    /// then the optimizer step.
    /// </summary>
    public static List<string> Jobs(NetworkPlan plan)
    {
        var jobs = new List<string>();
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (string name in layer.Unit.ForwardJobs(layer))
            {
                jobs.Add($"Layer{Int(layer.Index)}{name}");
            }
        }

        for (int l = plan.Layers.Count; l >= 1; l--)
        {
            LayerPlan layer = plan[l];
            if (!layer.NeedsBackward)
            {
                continue;
            }

            if (layer.HasDerivative && !layer.DerivativeDoneAbove)
            {
                jobs.Add($"Layer{Int(l)}Derivative");
            }

            foreach (string name in layer.Unit.BackwardJobs(layer))
            {
                jobs.Add($"Layer{Int(l)}{name}");
            }
        }

        if (HasParallelStep(plan.Model))
        {
            jobs.Add("Step");
        }

        return jobs;
    }

    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        writer.WriteLines($$"""
            // Training across threads: the job now running, its batch size, and the cached delegate the workers run.
            private {{JobType}} _job;
            private int _jobBatch;
            private global::System.Action<int>? _trainPart;

            /// <summary>The jobs training shares out between the threads, in the order a training step runs them.</summary>
            private enum {{JobType}}
            {
            """);
        foreach (string job in Jobs(plan))
        {
            writer.WriteLine($"    {job},");
        }

        writer.WriteLines("""
            }

            /// <summary>ForwardBatch across the worker group: one job per layer, in order; dropout masks drawn here, in order.</summary>
            """);
        writer.OpenBlock("private void ForwardParallel(global::StaticNets.WorkerGroup workers, int batch, bool training)");
        writer.WriteLine("_trainPart ??= TrainPart;");
        writer.WriteLine("_jobBatch = batch;");
        foreach (LayerModel layer in model.Layers)
        {
            layer.Unit().WriteForwardJobs(writer, plan, layer);
        }

        writer.CloseBlock();
        writer.WriteLine();

        if (plan.HasParallelBackward)
        {
            writer.WriteLines("""
                /// <summary>
                /// The layers' backward passes across the worker group, last layer first (dropout on this thread). A layer's
                /// input gradient and the activation derivative of the layer below, both by samples, are one job.
                /// </summary>
                """);
            writer.OpenBlock("private void BackwardParallel(global::StaticNets.WorkerGroup workers, int batch)");
            writer.WriteLine("_trainPart ??= TrainPart;");
            writer.WriteLine("_jobBatch = batch;");
            for (int l = model.Layers.Count; l >= 1; l--)
            {
                LayerPlan layer = plan[l];
                if (!layer.NeedsBackward)
                {
                    continue;
                }

                string below = layer.FusesDerivativeBelow ? $", then layer {layer.Source}'s activation derivative for the same samples" : string.Empty;
                if (layer.HasDerivative && !layer.DerivativeDoneAbove)
                {
                    writer.WriteLine($"_job = {Job(l, "Derivative")}; // layer {l}: dz = da ⊙ {Formula(layer.Model.Activation)}'(z), by samples");
                    writer.WriteLine("workers.Run(_trainPart);");
                }

                layer.Unit.WriteBackwardJobs(writer, plan, layer.Model, below);
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLines($$"""
            /// <summary>
            /// One thread's share of the job in <see cref="_job"/>: samples first to end (whole tiles of {{DenseLayer.SampleTile}}),
            /// or part <paramref name="part"/> of the rows of a weight gradient.
            /// </summary>
            """);
        writer.OpenBlock("private void TrainPart(int part)");
        writer.WriteLine("int parts = _workers!.DegreeOfParallelism;");
        writer.WriteLine("int batch = _jobBatch;");
        writer.WriteLine($"int tiles = (batch + {Int(DenseLayer.SampleTile - 1)}) / {Int(DenseLayer.SampleTile)};");
        writer.WriteLine($"int first = global::System.Math.Min(part * tiles / parts * {Int(DenseLayer.SampleTile)}, batch);");
        writer.WriteLine($"int end = global::System.Math.Min((part + 1) * tiles / parts * {Int(DenseLayer.SampleTile)}, batch);");
        writer.OpenBlock("switch (_job)");
        foreach (LayerPlan layer in plan.Layers)
        {
            int l = layer.Index;
            layer.Unit.WriteForwardCases(writer, plan, layer.Model, $"{layer.InputBuffer}.Start");
            if (!layer.NeedsBackward)
            {
                continue;
            }

            if (layer.HasDerivative && !layer.DerivativeDoneAbove)
            {
                writer.WriteLine($"case {Job(l, "Derivative")}: // layer {l} activation derivative");
                writer.WriteLine($"    {Derivative(l)}(first, end);");
                writer.WriteLine("    break;");
            }

            if (!layer.Unit.WriteBackwardCase(writer, plan, layer.Model))
            {
                continue; // its backward runs on the calling thread
            }

            if (layer.FusesDerivativeBelow)
            {
                writer.WriteLine($"    {Derivative(layer.Source)}(first, end);");
            }

            writer.WriteLine("    break;");
        }

        if (HasParallelStep(model))
        {
            writer.WriteLine($"case {JobType}.Step: // the optimizer step");
            writer.WriteLine("    StepPart(part, parts);");
            writer.WriteLine("    break;");
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }
}
