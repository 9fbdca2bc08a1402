using System.Collections.Generic;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using StaticNets.Generators.Plan;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>Writes <c>Backward</c> (the fused loss) and one backward kernel per layer, called in reverse order.</summary>
internal static class BackwardEmitter
{
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        WriteBackward(writer, plan);
        for (int k = model.Layers.Count - 1; k >= 0; k--)
        {
            LayerModel layer = model.Layers[k];
            if (!plan[layer].NeedsBackward)
            {
                continue;
            }

            writer.WriteLine();
            layer.Unit().WriteBackwardKernels(writer, plan, layer);
        }
    }

    /// <summary>Whether the loss hands the output layer dLoss/dz directly (fused with a softmax or sigmoid output).</summary>
    public static bool IsFused(LossKind loss) => loss is LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy;

    private static void WriteBackward(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        int last = model.Layers.Count;
        bool crossEntropy = model.Loss == LossKind.SoftmaxCrossEntropy;
        writer.Documentation($"<inheritdoc cref=\"{INetwork}.Backward\"/>");
        writer.Documentation($"<remarks>{LossRemark(model)}</remarks>");
        writer.OpenBlock($"public float Backward({ReadOnlySpan} targets)");
        writer.WriteLine($"int batch = {BatchSize};");
        writer.OpenBlock("if (batch == 0)");
        writer.WriteLine($"{Guard}.ThrowBackwardWithoutForward();");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Guard}.Length(targets.Length, batch * OutputSize, nameof(targets));");
        writer.WriteLine($"{LastDataLoss} = DataLoss(targets, batch);");
        bool parallel = plan.HasParallelBackward;
        if (parallel)
        {
            writer.OpenBlock($"if (_workers is {{ }} workers && batch >= {Int(ParallelTrainingEmitter.MinimumBatch)})");
            writer.WriteLine("BackwardParallel(workers, batch);");
            writer.CloseBlock();
            writer.OpenBlock("else");
        }

        for (int l = last; l >= 1; l--)
        {
            LayerModel layer = model.Layers[l - 1];
            layer.Unit().WriteBackwardCall(writer, plan, layer);
        }

        if (parallel)
        {
            writer.CloseBlock();
        }

        writer.WriteLine();
        if (model.IsRegularized)
        {
            writer.Comment("Elastic-net penalties on the weights (never the biases): added to the loss and the gradients.");
            writer.WriteLine("float penalty = 0f;");
            foreach (LayerModel layer in model.Layers)
            {
                if (layer.IsRegularized)
                {
                    int l = layer.Index;
                    string count = NetworkEmitter.WeightCountExpression(layer);
                    writer.WriteLine($"penalty += {Regularization}.Apply({Parameters}.Span.Slice({WeightsOffset(l)}, {count}), {Gradients}.Span.Slice({WeightsOffset(l)}, {count}), L{l}L1, L{l}L2);");
                }
            }

            writer.WriteLine($"{LastPenalty} = penalty;");
        }
        else
        {
            writer.WriteLine($"{LastPenalty} = 0f;");
        }

        writer.WriteLine($"return {LastDataLoss} + {LastPenalty};");
        writer.CloseBlock();
        writer.WriteLine();

        writer.WriteLines($"""
            /// <summary>
            /// The mean data loss of the batch in the output buffers against <paramref name="targets"/>; writes the loss
            /// gradient the output layer's backward starts from into {Dz(last)}.
            /// </summary>
            """);
        writer.OpenBlock($"private float DataLoss({ReadOnlySpan} targets, int batch)");
        writer.WriteLine(crossEntropy ? "float scale = 1f / batch; // the mean over the batch" : "float scale = 1f / (batch * OutputSize); // the mean over batch and outputs");
        writer.WriteLine("float loss = 0f;");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine("int row = s * OutputSize;");
        string z = $"{Z(last)}.Span.Slice(row, OutputSize)";
        string a = $"{A(last)}.Span.Slice(row, OutputSize)";
        string y = "targets.Slice(row, OutputSize)";
        string dz = $"{Dz(last)}.Span.Slice(row, OutputSize)";
        string call = model.Loss switch
        {
            LossKind.SoftmaxCrossEntropy => $"{SoftmaxCrossEntropyLoss}.Evaluate({z}, {a}, {y}, {dz}, scale)",
            LossKind.BinaryCrossEntropy => $"BinaryCrossEntropyLoss.Evaluate({z}, {y}, {dz}, scale)",
            LossKind.MeanAbsoluteError => $"MeanAbsoluteErrorLoss.Evaluate({a}, {y}, {dz}, scale)",
            LossKind.Huber => $"HuberLoss.Evaluate({a}, {y}, {dz}, scale, {Float(model.HuberDelta)})",
            LossKind.Hinge => $"HingeLoss.Evaluate({a}, {y}, {dz}, scale)",
            LossKind.Logistic => $"LogisticLoss.Evaluate({a}, {y}, {dz}, scale)",
            _ => $"{MeanSquaredErrorLoss}.Evaluate({a}, {y}, {dz}, scale)",
        };
        writer.WriteLine($"loss += {call};");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("return loss * scale;");
        writer.CloseBlock();
    }

    private static string LossRemark(NetworkModel model) => model.Loss switch
    {
        LossKind.SoftmaxCrossEntropy => "Softmax cross-entropy, fused: dLoss/dz = (p - y) / batch, from the logits, so it never takes the log of 0.",
        LossKind.BinaryCrossEntropy => "Binary cross-entropy, fused with the sigmoid as PyTorch's BCEWithLogitsLoss: dLoss/dz = (sigmoid(z) - y) / (batch · OutputSize), from the logits.",
        LossKind.MeanAbsoluteError => "Mean absolute error over batch and outputs, as PyTorch's L1Loss: dLoss/da = sign(a - y) / (batch · OutputSize).",
        LossKind.Huber => $"Huber loss with delta {NetworkParser.Format(model.HuberDelta)} over batch and outputs, as PyTorch's HuberLoss.",
        LossKind.Hinge => "Hinge loss max(0, 1 - y·f) over batch and outputs, labels in {-1, 1}.",
        LossKind.Logistic => "Logistic loss log(1 + exp(-y·f)) over batch and outputs, labels in {-1, 1}, as PyTorch's SoftMarginLoss.",
        _ => "Mean squared error over batch and outputs, as PyTorch's MSELoss: dLoss/da = 2(a - y) / (batch · OutputSize).",
    };

}
