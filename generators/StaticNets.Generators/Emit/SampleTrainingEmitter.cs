using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes <c>TrainSample</c>, the path <c>TrainBatch</c> takes for a batch of one sample in networks of dense layers:
/// the one-sample forward kernels that <c>Predict</c> uses, keeping z and a, then the loss, the layers' backward
/// passes, the penalties and the step, called directly. Online learning and the smallest networks spend most of a
/// step outside the arithmetic (the batch loops, the copy of the batch, the checks a public <c>Backward</c> makes), which
/// this path leaves out.
/// </summary>
internal static class SampleTrainingEmitter
{
    /// <summary>
    /// Whether <paramref name="model"/> gets the one-sample path: every layer dense (dropout draws its masks in the batch
    /// forward pass; image layers have no one-sample kernels) and none whose batch forward splits its inputs into chunks
    /// (those sum in another order than the one-sample kernel, and the path must give the batch path's bits).
    /// </summary>
    public static bool Applies(NetworkModel model)
    {
        foreach (LayerModel layer in model.Layers)
        {
            if (!layer.IsDense || DenseBatchEmitter.SplitsInputs(layer))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The statement in <c>TrainBatch</c>, after its checks, that hands a batch of one to <c>TrainSample</c>.</summary>
    public static void WriteDispatch(SourceWriter writer)
    {
        writer.OpenBlock("if (batch == 1)");
        writer.WriteLine("return TrainSample(inputs, targets);");
        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>Writes <c>TrainSample(input, targets)</c>.</summary>
    public static void Write(SourceWriter writer, NetworkModel model)
    {
        int last = model.Layers.Count;
        writer.WriteLines($"""
            /// <summary>
            /// <see cref="TrainBatch"/> on one sample, with the same results bit for bit: the batch forward pass sends a
            /// lone sample through the one-sample kernels called here, and the rest are the same methods, called without
            /// the batch loops and the checks of <see cref="Backward"/> (<see cref="TrainBatch"/> has made them).
            /// </summary>
            /// <param name="input">The sample, InputSize floats.</param>
            /// <param name="targets">Its targets, OutputSize floats.</param>
            /// <returns>The sample's loss, penalties included.</returns>
            """);
        writer.OpenBlock($"private float TrainSample({ReadOnlySpan} input, {ReadOnlySpan} targets)");
        writer.WriteLine($"input.CopyTo({Inputs}); // kept for the first layer's weight gradient, as the batch path keeps it");
        foreach (LayerModel layer in model.Layers)
        {
            int l = layer.Index;
            int source = model.SourceOf(l);
            string x = $"{MemoryMarshal}.GetArrayDataReference({(source == 0 ? Inputs : A(source))})";
            writer.WriteLine($"{LayerForward(l)}(ref {x}, ref {MemoryMarshal}.GetArrayDataReference({Z(l)}), ref {MemoryMarshal}.GetArrayDataReference({A(l)}));");
        }

        writer.WriteLine($"{BatchSize} = 1;");
        bool crossEntropy = model.Loss == LossKind.SoftmaxCrossEntropy;
        writer.WriteLine(crossEntropy ? "float scale = 1f; // DataLoss's mean over a batch of one" : "float scale = 1f / OutputSize; // DataLoss's mean over a batch of one and the outputs");
        writer.WriteLine($"{LastDataLoss} = {BackwardEmitter.LossCall(model, "0", "targets")} * scale;");
        writer.WriteLine($"{OverwriteGradients} = true; // nothing below throws, so no finally is needed to lower it");
        for (int l = last; l >= 1; l--)
        {
            if (BackwardEmitter.NeedsBackward(model, model.Layers[l - 1]))
            {
                writer.WriteLine($"{LayerBackward(l)}(1);");
            }
        }

        writer.WriteLine($"{OverwriteGradients} = false;");
        writer.WriteLine(model.IsRegularized ? $"{LastPenalty} = {BackwardEmitter.PenaltiesName}();" : $"{LastPenalty} = 0f;");
        writer.WriteLine("Step();");
        writer.WriteLine($"return {LastDataLoss} + {LastPenalty};");
        writer.CloseBlock();
    }
}
