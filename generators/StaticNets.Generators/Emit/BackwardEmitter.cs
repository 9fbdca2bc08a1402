using System.Collections.Generic;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>Writes <c>Backward</c> (the fused loss) and one backward kernel per layer, called in reverse order.</summary>
internal static class BackwardEmitter
{
    public static void Write(SourceWriter writer, NetworkModel model)
    {
        WriteBackward(writer, model);
        for (int k = model.Layers.Count - 1; k >= 0; k--)
        {
            LayerModel layer = model.Layers[k];
            if (!LayerUnit.NeedsBackward(model, layer))
            {
                continue;
            }

            writer.WriteLine();
            layer.Unit().WriteBackwardKernels(writer, model, layer);
        }
    }

    /// <summary>Whether the loss hands the output layer dLoss/dz directly (fused with a softmax or sigmoid output).</summary>
    public static bool IsFused(LossKind loss) => loss is LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy;

    private static void WriteBackward(SourceWriter writer, NetworkModel model)
    {
        int last = model.Layers.Count;
        bool crossEntropy = model.Loss == LossKind.SoftmaxCrossEntropy;
        writer.WriteLine($"/// <inheritdoc cref=\"{INetwork}.Backward\"/>");
        writer.WriteLine($"/// <remarks>{LossRemark(model)}</remarks>");
        writer.OpenBlock($"public float Backward({ReadOnlySpan} targets)");
        writer.WriteLine($"int batch = {BatchSize};");
        writer.OpenBlock("if (batch == 0)");
        writer.WriteLine($"{Guard}.ThrowBackwardWithoutForward();");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Guard}.Length(targets.Length, batch * OutputSize, nameof(targets));");
        writer.WriteLine($"{LastDataLoss} = DataLoss(targets, batch);");
        bool parallel = ParallelTrainingEmitter.HasParallelBackward(model);
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
            writer.WriteLine(layer.Unit().BackwardCall(model, layer));
        }

        if (parallel)
        {
            writer.CloseBlock();
        }

        writer.WriteLine();
        if (model.IsRegularized)
        {
            writer.WriteLine("// Elastic-net penalties on the weights (never the biases): added to the loss and the gradients.");
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
            LossKind.BinaryCrossEntropy => $"global::StaticNets.Operators.BinaryCrossEntropyLoss.Evaluate({z}, {y}, {dz}, scale)",
            LossKind.MeanAbsoluteError => $"global::StaticNets.Operators.MeanAbsoluteErrorLoss.Evaluate({a}, {y}, {dz}, scale)",
            LossKind.Huber => $"global::StaticNets.Operators.HuberLoss.Evaluate({a}, {y}, {dz}, scale, {Float(model.HuberDelta)})",
            LossKind.Hinge => $"global::StaticNets.Operators.HingeLoss.Evaluate({a}, {y}, {dz}, scale)",
            LossKind.Logistic => $"global::StaticNets.Operators.LogisticLoss.Evaluate({a}, {y}, {dz}, scale)",
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

    /// <summary>Writes <c>Layer{l}Backward</c> of a dense layer and the kernels it calls.</summary>
    internal static void WriteDenseBackward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        bool applyDerivative = layer.Unit().HasDerivative(model, layer);
        bool fused = l == model.Layers.Count && IsFused(model.Loss);
        bool inputGradient = LayerUnit.NeedsInputGradient(model, layer);
        int source = model.SourceOf(l);
        string input = source == 0 ? Inputs : A(source);
        string inputName = source == 0 ? "x" : "a" + Int(source);
        string derivativeStep = applyDerivative
            ? $"dz{l} = da{l} ⊙ {Formula(layer.Activation)}'(z{l}) (<see cref=\"{Derivative(l)}\"/>)"
            : fused
                ? $"nothing to apply: the loss already gives dLoss/dz{l}"
                : $"nothing to apply: a linear layer has dz{l} = da{l}";
        string entry = fused ? $"dLoss/dz{l} (the loss is fused with the {Formula(layer.Activation)})" : $"dLoss/da{l}";
        bool stores = DenseBatchEmitter.StoresGradients(model);

        writer.WriteLines($"""
            /// <summary>
            /// Layer {l} backward over the batch. On entry {Dz(l)} holds {entry}.
            /// <list type="number">
            /// <item>{derivativeStep}</item>
            /// <item>dW{l} {(stores ? "=" : "+=")} {inputName}ᵀ·dz{l}; db{l} {(stores ? "=" : "+=")} Σ_s dz{l} (<see cref="{WeightGradient(l)}"/>{(stores ? ": stored inside TrainBatch, added to the gradients otherwise" : ": accumulated, so ZeroGradients must run first")})</item>
            /// <item>{(inputGradient ? $"d{inputName} = dz{l}·W{l}ᵀ, written to {Dz(source)} (<see cref=\"{InputGradient(l)}\"/>)" : l == 1 ? "no input gradient: layer 1 reads the network's inputs" : "no input gradient: no layer with parameters lies below")}</item>
            /// </list>
            /// Each step is a method over a range (samples, or rows of dW), so that threads can share it out.
            /// </summary>
            """);
        writer.OpenBlock($"private void {LayerBackward(l)}(int batch)");
        if (applyDerivative)
        {
            writer.WriteLine($"{Derivative(l)}(0, batch);");
        }

        writer.WriteLine($"{WeightGradient(l)}(batch, 0, 1);");
        if (inputGradient)
        {
            writer.WriteLine($"{InputGradient(l)}(0, batch, 0, {In(l)});");
        }

        writer.CloseBlock();

        if (applyDerivative)
        {
            WriteDerivativeMethod(writer, layer);
        }

        int tiles = layer.Inputs / DenseBatchEmitter.InputTile;
        writer.WriteLine();
        writer.WriteLines($"""
            /// <summary>
            /// Layer {l}: part <paramref name="part"/> of <paramref name="parts"/> of dW{l} = {inputName}ᵀ·dz{l} over the whole batch, in register
            /// tiles of {DenseBatchEmitter.InputTile} rows. The {tiles} tiles of rows are shared out between the parts{(layer.Inputs % DenseBatchEmitter.InputTile != 0 ? $" (the last part also takes the last {layer.Inputs % DenseBatchEmitter.InputTile} rows)" : string.Empty)},
            /// so parts write disjoint rows and every row is summed over the samples in the same order however many parts
            /// there are. Part 0 also sums db{l}.
            /// </summary>
            """);
        writer.OpenBlock($"private void {WeightGradient(l)}(int batch, int part, int parts)");
        writer.WriteLine($"ref float dw = ref {Unsafe}.Add(ref {Gradients}.Start, {WeightsOffset(l)});");
        writer.WriteLine($"ref float db = ref {Unsafe}.Add(ref {Gradients}.Start, {BiasOffset(l)});");
        if (stores)
        {
            writer.WriteLine($"bool accumulate = !{OverwriteGradients}; // false inside TrainBatch: dW and db are stored, not added to cleared memory");
        }

        writer.WriteLine($"ref float x = ref {input}.Start; // (batch, {In(l)})");
        writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
        if (DenseBatchEmitter.SplitsInputs(layer))
        {
            writer.WriteLine($"int firstRow = {DenseBatchEmitter.PartFirstRow(l)}; // the rows of this part's input chunks, as in the forward pass and the step");
            writer.WriteLine($"int endRow = {DenseBatchEmitter.PartEndRow(l)};");
        }
        else
        {
            string rowTiles = $"({In(l)} / {Int(DenseBatchEmitter.InputTile)})";
            writer.WriteLine($"// whole tiles of rows; a single part takes them all without an integer division (tens of cycles, a tiny layer's whole budget)");
            writer.WriteLine($"int firstRow = parts == 1 ? 0 : part * {rowTiles} / parts * {Int(DenseBatchEmitter.InputTile)};");
            writer.WriteLine($"int endRow = parts == 1 ? {rowTiles} * {Int(DenseBatchEmitter.InputTile)} : (part + 1) * {rowTiles} / parts * {Int(DenseBatchEmitter.InputTile)};");
        }

        writer.OpenBlock("if (part == 0)");
        writer.WriteLine("// db += Σ_s dz");
        SimdEmitter.WidthLadder(
            writer,
            width => WriteBiasGradient(writer, layer, width, stores),
            () => WriteScalarBiasGradient(writer, layer, stores));
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"// dW += {inputName}ᵀ·dz, rows firstRow to endRow in register tiles of {DenseBatchEmitter.InputTile}, accumulated over the batch");
        SimdEmitter.WidthLadder(
            writer,
            width => DenseBatchEmitter.WriteWeightGradient(writer, model, layer, width, stores),
            () => WriteScalarWeightGradient(writer, layer, stores));
        writer.CloseBlock();

        if (inputGradient)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>Layer {l}, samples <paramref name=\"first\"/> to <paramref name=\"end\"/>, inputs <paramref name=\"i0\"/> to <paramref name=\"i1\"/>: d{inputName} = dz{l}·W{l}ᵀ, written to {Dz(source)}.</summary>");
            writer.OpenBlock($"private void {InputGradient(l)}(int first, int end, int i0, int i1)");
            writer.WriteLine($"ref float w = ref {Unsafe}.Add(ref {Parameters}.Start, {WeightsOffset(l)}); // ({In(l)}, {Out(l)})");
            writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
            writer.WriteLine($"ref float dx = ref {Dz(source)}.Start; // (batch, {In(l)})");
            DenseBatchEmitter.WriteInputGradient(writer, model, layer);
            writer.CloseBlock();
        }
    }

    /// <summary>
    /// Writes <c>Layer{l}Derivative(first, end)</c> of a dense or convolution layer: its activation derivative over a
    /// range of samples, which threads share out.
    /// </summary>
    public static void WriteDerivativeMethod(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Layer {l}, samples <paramref name=\"first\"/> to <paramref name=\"end\"/>: {Dz(l)} from dLoss/da to dLoss/dz, in place.</summary>");
        writer.OpenBlock($"private void {Derivative(l)}(int first, int end)");
        writer.WriteLine($"ref float dz = ref {Dz(l)}.Start; // (batch, {Out(l)})");
        WriteActivationDerivative(writer, layer, "first", "end");
        writer.CloseBlock();
    }

    /// <summary>
    /// Step 1 of a layer with an activation: turns dLoss/da in the layer's dz buffer into dLoss/dz in place, sample by
    /// sample (expects <c>dz</c> to be declared).
    /// </summary>
    public static void WriteActivationDerivative(SourceWriter writer, LayerModel layer, string first = "0", string end = "batch")
    {
        int l = layer.Index;
        writer.WriteLine();
        writer.WriteLine($"// 1. dz = da ⊙ {Formula(layer.Activation)}'(z)");
        writer.WriteLine($"ref float z = ref {Z(l)}.Start;");
        writer.WriteLine($"ref float a = ref {A(l)}.Start;");
        writer.OpenBlock($"for (int s = {first}; s < {end}; s++)");
        writer.WriteLine($"ref float zRow = ref {Unsafe}.Add(ref z, s * {Out(l)});");
        writer.WriteLine($"ref float aRow = ref {Unsafe}.Add(ref a, s * {Out(l)});");
        writer.WriteLine($"ref float dzRow = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.Elementwise(writer, layer.Outputs, Out(l), width, (w, o) =>
                w.Store($"{w.Load("dzRow", o)} * {ActivationDerivative(layer, w.Load("zRow", o), w.Load("aRow", o))}", "dzRow", o)),
            () =>
            {
                writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
                writer.WriteLine($"{Unsafe}.Add(ref dzRow, o) *= {ActivationDerivative(layer, $"{Unsafe}.Add(ref zRow, o)", $"{Unsafe}.Add(ref aRow, o)")};");
                writer.CloseBlock();
            });
        writer.CloseBlock();
    }

    /// <summary>db += Σ_s dz (stored instead when <paramref name="stores"/> and not accumulating), in vector blocks.</summary>
    private static void WriteBiasGradient(SourceWriter writer, LayerModel layer, VectorWidth width, bool stores)
    {
        int l = layer.Index;
        SimdEmitter.Blocks(writer, layer.Outputs, Out(l), width, "biases", scoped: true, (block, baseOffset) =>
        {
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine($"var {SimdEmitter.Accumulator(k)} = {DenseBatchEmitter.GradientStart(block[k].Width, block[k].Width.Load("db", SimdEmitter.Offset(baseOffset, block[k].Offset)), stores)};");
            }

            writer.OpenBlock("for (int s = 0; s < batch; s++)");
            writer.WriteLine($"ref float dzRow = ref {Unsafe}.Add(ref dz, s * {Out(l)});");
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine($"{SimdEmitter.Accumulator(k)} += {block[k].Width.Load("dzRow", SimdEmitter.Offset(baseOffset, block[k].Offset))};");
            }

            writer.CloseBlock();
            writer.WriteLine();
            for (int k = 0; k < block.Count; k++)
            {
                writer.WriteLine(block[k].Width.Store(SimdEmitter.Accumulator(k), "db", SimdEmitter.Offset(baseOffset, block[k].Offset)));
            }
        });
    }

    /// <summary>db without SIMD: one sum per output over the batch.</summary>
    private static void WriteScalarBiasGradient(SourceWriter writer, LayerModel layer, bool stores)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
        writer.WriteLine($"float sum = {(stores ? $"accumulate ? {Unsafe}.Add(ref db, o) : 0f" : $"{Unsafe}.Add(ref db, o)")};");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"sum += {Unsafe}.Add(ref dz, s * {Out(l)} + o);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{Unsafe}.Add(ref db, o) = sum;");
        writer.CloseBlock();
    }

    /// <summary>dW without SIMD: rows firstRow to endRow (and the rows after the last full tile, by the last part), one sum per weight over the batch.</summary>
    private static void WriteScalarWeightGradient(SourceWriter writer, LayerModel layer, bool stores)
    {
        int l = layer.Index;
        writer.OpenBlock($"for (int i = firstRow; i < (part == parts - 1 ? {In(l)} : endRow); i++)");
        writer.OpenBlock($"for (int o = 0; o < {Out(l)}; o++)");
        writer.WriteLine($"ref float dwi = ref {Unsafe}.Add(ref dw, i * {Out(l)} + o);");
        writer.WriteLine($"float sum = {(stores ? "accumulate ? dwi : 0f" : "dwi")};");
        writer.OpenBlock("for (int s = 0; s < batch; s++)");
        writer.WriteLine($"sum += {Unsafe}.Add(ref x, s * {In(l)} + i) * {Unsafe}.Add(ref dz, s * {Out(l)} + o);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("dwi = sum;");
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
