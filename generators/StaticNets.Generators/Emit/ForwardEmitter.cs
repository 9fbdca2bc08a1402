using System.Collections.Generic;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using StaticNets.Generators.Plan;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>Writes <c>Predict</c>, the batched <c>Forward</c> and one forward kernel per layer.</summary>
internal static class ForwardEmitter
{
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        WritePredict(writer, model);
        WriteForward(writer, plan);
        foreach (LayerModel layer in model.Layers)
        {
            layer.Unit().WriteForwardKernels(writer, plan, layer);
        }

        if (plan.ChunksInputs)
        {
            writer.WriteLine();
            DenseLayer.WriteChunkHelpers(writer);
        }

        writer.WriteLine();
        ParallelEmitter.Write(writer, model);
        writer.WriteLine();
        ParallelTrainingEmitter.Write(writer, plan);
    }

    private static void WritePredict(SourceWriter writer, NetworkModel model)
    {
        int last = model.Layers.Count;
        int scratch = NetworkEmitter.PredictScratch(model);
        writer.Documentation($"<inheritdoc cref=\"{INetwork}.Predict\"/>");
        writer.Documentation(scratch <= NetworkEmitter.MaxStackFloats
            ? "<remarks>Reads only the parameters, so any number of threads may call it at once. Allocates nothing.</remarks>"
            : "<remarks>Reads only the parameters, so any number of threads may call it at once. Allocates nothing after each thread's first call, which creates that thread's buffer.</remarks>");
        writer.OpenBlock($"public void Predict({ReadOnlySpan} input, {Span} output)");
        writer.WriteLine($"{Guard}.Length(input.Length, InputSize, nameof(input));");
        writer.WriteLine($"{Guard}.Length(output.Length, OutputSize, nameof(output));");
        if (scratch > 0)
        {
            if (scratch <= NetworkEmitter.MaxStackFloats)
            {
                writer.WriteLine($"{Span} hidden = {AlignedBuffer}.Align(stackalloc float[PredictScratch + {AlignedBuffer}.Padding], PredictScratch); // on a cache-line boundary");
            }
            else
            {
                writer.WriteLine($"if (!{PredictBuffer}.IsAllocated) {PredictBuffer} = new {AlignedBuffer}(PredictScratch); // this thread's first call");
                writer.WriteLine($"{Span} hidden = {PredictBuffer}.Span;");
            }
        }

        writer.WriteLine($"ref float x = ref {MemoryMarshal}.GetReference(input);");
        writer.WriteLine($"ref float y = ref {MemoryMarshal}.GetReference(output);");
        // The hidden activations (and padded inputs) lie one after another in the scratch buffer: each starts where the previous one ends.
        (string Name, string Size)? previous = null;
        var cleared = new List<(string Name, string Size)>();
        void Region(string name, string size)
        {
            string start = previous is { } p
                ? $"{Unsafe}.Add(ref {p.Name}, {p.Size})"
                : $"{MemoryMarshal}.GetReference(hidden)";
            writer.WriteLine($"ref float {name} = ref {start}; // ({size})");
            previous = (name, size);
        }

        foreach (LayerModel layer in model.Layers)
        {
            LayerUnit unit = layer.Unit();
            foreach ((string name, string size, int _) in unit.PredictWorkspace(layer))
            {
                Region(name, size);
                cleared.Add((name, size));
            }

            if (layer.Index != last && unit.WritesOutputAtInference)
            {
                Region("h" + Int(layer.Index), Out(layer.Index));
            }
        }

        foreach ((string name, string size) in cleared)
        {
            writer.WriteLine($"{MemoryMarshal}.CreateSpan(ref {name}, {size}).Clear(); // the zero borders; the interior is written below");
        }

        writer.Comment("z and a share memory: nothing is kept for a backward pass.");
        string current = "x";
        foreach (LayerModel layer in model.Layers)
        {
            string output = layer.Index == last ? "y" : "h" + Int(layer.Index);
            current = layer.Unit().WritePredict(writer, layer, current, output);
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteForward(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        int last = model.Layers.Count;
        writer.Documentation($"<inheritdoc cref=\"{INetwork}.Forward\"/>");
        writer.OpenBlock($"public void Forward({ReadOnlySpan} inputs, {Span} outputs)");
        writer.WriteLine($"int batch = {Guard}.Batch(inputs.Length, InputSize, MaxBatchSize, nameof(inputs));");
        writer.WriteLine($"{Guard}.Length(outputs.Length, batch * OutputSize, nameof(outputs));");
        writer.WriteLine("ForwardBatch(inputs, batch, training: true);");
        writer.WriteLine($"{A(last)}.Span.Slice(0, batch * OutputSize).CopyTo(outputs);");
        writer.CloseBlock();
        writer.WriteLine();

        writer.Documentation($"<inheritdoc cref=\"{INetwork}.Evaluate\"/>");
        writer.OpenBlock($"public float Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} outputs)");
        writer.WriteLine($"int batch = {Guard}.Batch(inputs.Length, InputSize, MaxBatchSize, nameof(inputs));");
        writer.WriteLine($"{Guard}.Length(targets.Length, batch * OutputSize, nameof(targets));");
        writer.WriteLine($"{Guard}.Length(outputs.Length, batch * OutputSize, nameof(outputs));");
        writer.WriteLine("ForwardBatch(inputs, batch, training: false);");
        writer.WriteLine("float loss = DataLoss(targets, batch);");
        writer.WriteLine($"{A(last)}.Span.Slice(0, batch * OutputSize).CopyTo(outputs);");
        writer.WriteLine($"{BatchSize} = 0; // nothing here is for Backward");
        writer.WriteLine("return loss;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.Documentation($"<inheritdoc cref=\"{INetwork}.LastOutputs\"/>");
        writer.WriteLine($"public {ReadOnlySpan} LastOutputs => {A(last)}.Span.Slice(0, {BatchSize} * OutputSize);");
        writer.WriteLine();

        writer.WriteLines("""
            /// <summary>
            /// Runs a checked batch layer by layer, keeping the inputs and every layer's z and a for Backward.
            /// Each layer sweeps the whole batch before the next starts, so its weights stay in cache. Dropout draws
            /// masks only when training.
            /// </summary>
            """);
        writer.OpenBlock($"private void ForwardBatch({ReadOnlySpan} inputs, int batch, bool training)");
        writer.WriteLine($"inputs.CopyTo({Inputs}.Span);");
        ParallelTrainingEmitter.WriteForwardHook(writer);
        foreach (LayerModel layer in model.Layers)
        {
            layer.Unit().WriteForwardBatch(writer, plan, layer, plan[layer].InputBuffer);
        }

        writer.WriteLine($"{BatchSize} = batch;");
        writer.CloseBlock();
    }
}
