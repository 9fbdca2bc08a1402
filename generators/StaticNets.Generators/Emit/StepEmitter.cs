using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>Writes <c>ZeroGradients</c>, the optimizer's <c>Step</c> (one fused pass over the parameters) and <c>TrainBatch</c>.</summary>
internal static class StepEmitter
{
    public static void Write(SourceWriter writer, NetworkModel model)
    {
        writer.WriteLines($$"""
            /// <inheritdoc cref="{{INetwork}}.ZeroGradients"/>
            public void ZeroGradients() => global::System.Array.Clear({{Gradients}});

            /// <inheritdoc cref="{{INetwork}}.TrainBatch"/>
            public float TrainBatch({{ReadOnlySpan}} inputs, {{ReadOnlySpan}} targets)
            {
                int batch = {{Guard}}.Batch(inputs.Length, InputSize, MaxBatchSize, nameof(inputs));
                {{Guard}}.Length(targets.Length, batch * OutputSize, nameof(targets));
                ZeroGradients();
                ForwardBatch(inputs, batch);
                float loss = Backward(targets);
                Step();
                return loss;
            }

            """);

        switch (model.Optimizer)
        {
            case OptimizerKind.Sgd:
                WriteSgd(writer, model);
                break;
        }
    }

    private static void WriteSgd(SourceWriter writer, NetworkModel model)
    {
        writer.WriteLines($"""
            /// <inheritdoc cref="{INetwork}.Step"/>
            /// <remarks>Plain SGD, as torch.optim.SGD without momentum or weight decay: θ = θ - lr·g, one pass over all {model.ParameterCount} parameters.</remarks>
            """);
        writer.OpenBlock("public void Step()");
        writer.WriteLine($"ref float p = ref {MemoryMarshal}.GetArrayDataReference({Parameters});");
        writer.WriteLine($"ref float g = ref {MemoryMarshal}.GetArrayDataReference({Gradients});");
        writer.WriteLine($"float rate = -{LearningRate};");
        SimdEmitter.WidthLadder(
            writer,
            width =>
            {
                var broadcasts = new System.Collections.Generic.HashSet<VectorWidth>();
                foreach (Chunk chunk in Chunk.Plan(model.ParameterCount, width))
                {
                    if (!chunk.Width.IsScalar && broadcasts.Add(chunk.Width))
                    {
                        writer.WriteLine($"var rate{Int(chunk.Width.Count)} = {chunk.Width.Broadcast("rate")};");
                    }
                }

                SimdEmitter.Elementwise(writer, model.ParameterCount, "ParameterCount", width, (w, o) =>
                    w.Store(w.FusedMultiplyAdd(w.Load("g", o), w.IsScalar ? "rate" : "rate" + Int(w.Count), w.Load("p", o)), "p", o));
            },
            () =>
            {
                writer.OpenBlock("for (int k = 0; k < ParameterCount; k++)");
                writer.WriteLine($"{Unsafe}.Add(ref p, k) = {MathF}.FusedMultiplyAdd({Unsafe}.Add(ref g, k), rate, {Unsafe}.Add(ref p, k));");
                writer.CloseBlock();
            });
        writer.CloseBlock();
    }
}
