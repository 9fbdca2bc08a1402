using StaticNets.Generators.Plan;
using System.Text;
using StaticNets.Generators.Models;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>
/// A layer with weights and biases and an activation (dense, convolution): it is initialised, stepped, optionally
/// penalised, and keeps its pre-activation z beside its activation a.
/// </summary>
internal abstract class WeightedLayerUnit : LayerUnit
{
    /// <summary>The name of the weight block, <c>W</c>, as the generated comments write it.</summary>
    public const string WeightsBlock = "W";

    /// <summary>The name of the bias block, <c>b</c>.</summary>
    public const string BiasesBlock = "b";

    /// <summary>The layer's weights.</summary>
    public static ParameterBlock Weights(LayerModel layer) => layer.Block(WeightsBlock);

    /// <summary>The layer's biases.</summary>
    public static ParameterBlock Biases(LayerModel layer) => layer.Block(BiasesBlock);

    /// <summary>The blocks of a weighted layer: weights of <paramref name="weightShape"/>, then one bias per output unit.</summary>
    protected static EquatableArray<ParameterBlock> WeightsAndBiases(long weightsOffset, int[] weightShape, long biasOffset, int biases) =>
        new([
            new ParameterBlock(WeightsBlock, (int)weightsOffset, new EquatableArray<int>(weightShape)),
            new ParameterBlock(BiasesBlock, (int)biasOffset, new EquatableArray<int>([biases])),
        ]);

    /// <summary>The weight count as an expression of the layer's constants.</summary>
    public abstract string WeightCountExpression(LayerModel layer);

    /// <summary>The constant that names the number of biases.</summary>
    public abstract string BiasCountName(LayerModel layer);

    /// <summary>The fan-in and fan-out of one weight, as expressions, for the initialisers.</summary>
    protected abstract (string FanIn, string FanOut) Fans(LayerModel layer);

    /// <summary>
    /// Whether the layer's backward stores dW and db inside <c>TrainBatch</c> rather than adding them to cleared
    /// gradients (every entry is written once per batch).
    /// </summary>
    public abstract bool StoresGradients { get; }

    /// <summary>Whether the weights start He normal (the ReLU family) rather than Glorot uniform.</summary>
    public static bool UsesHeInitialization(ActivationKind activation) =>
        activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.ELU;

    /// <summary>Draws the layer's weights in the constructor (the biases stay zero).</summary>
    public void WriteInitialization(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        string weights = $"{Parameters}.Span.Slice({WeightsOffset(l)}, {WeightCountExpression(layer)})";
        (string fanIn, string fanOut) = Fans(layer);
        writer.WriteLine(UsesHeInitialization(layer.Activation)
            ? $"{Initializers}.HeNormal({weights}, {fanIn}, {RandomField}); // layer {l}, {layer.Activation}"
            : $"{Initializers}.GlorotUniform({weights}, {fanIn}, {fanOut}, {RandomField}); // layer {l}, {layer.Activation}");
    }

    /// <summary>
    /// Writes the layer's share of <c>StepPart</c>: by default a contiguous share of the weights in multiples of
    /// <see cref="ParallelTrainingEmitter.StepGrain"/>, then the biases in the last part.
    /// </summary>
    public virtual void WriteStepPart(SourceWriter writer, NetworkPlan plan, LayerModel layer)
    {
        int l = layer.Index;
        string count = WeightCountExpression(layer);
        string grain = Int(ParallelTrainingEmitter.StepGrain);
        writer.Comment($"layer {l}: a contiguous share of W{l}");
        writer.WriteLine($"{StepRange}({WeightsOffset(l)} + part * (({count}) / {grain}) / parts * {grain}, part == parts - 1 ? {WeightsOffset(l)} + {count} : {WeightsOffset(l)} + (part + 1) * (({count}) / {grain}) / parts * {grain});");
        WriteBiasStep(writer, layer);
    }

    /// <summary>The biases' share of <c>StepPart</c>: all of them, in the last part.</summary>
    protected void WriteBiasStep(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.OpenBlock("if (part == parts - 1)");
        writer.WriteLine($"{StepRange}({BiasOffset(l)}, {BiasOffset(l)} + {BiasCountName(layer)}); // b{l}");
        writer.CloseBlock();
    }

    /// <summary>The activation's parameter and the layer's penalties, after its other constants.</summary>
    protected static void WriteActivationAndPenaltyConstants(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        if (ActivationParameter(layer) is { } parameter)
        {
            writer.WriteLine($"private const float {parameter} = {Float(layer.ActivationParameter)};");
        }

        if (layer.IsRegularized)
        {
            writer.WriteLine($"private const float L{l}L1 = {Float(layer.L1)}, L{l}L2 = {Float(layer.L2)}; // penalty L1·Σ|w| + L2·Σw² on this layer's weights");
        }
    }

    /// <summary>The activation as the architecture text names it, with its parameter where it has one: <c>LeakyReLU(0.01)</c>.</summary>
    protected static void DescribeActivation(StringBuilder text, LayerModel layer)
    {
        text.Append(layer.Activation);
        if (layer.Activation is ActivationKind.LeakyReLU or ActivationKind.ELU)
        {
            text.Append('(').Append(layer.ActivationParameter.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(')');
        }
    }

    /// <summary>The pre-activation z, the activation a and the gradient of the layer's output, one row per sample.</summary>
    protected BufferPlan[] ActivationBuffers(NetworkPlan plan, LayerModel layer, string gradient)
    {
        BufferPlan[] outputs = OutputBuffers(plan, layer, "activation a", gradient);
        return [new(Z(layer.Index), PerSample(layer), "pre-activation z"), outputs[0], outputs[1]];
    }

    /// <summary>The weight-gradient job of <c>BackwardParallel</c>: dW by rows, and the input gradient as the layer shares it.</summary>
    protected static void WriteGradientJob(SourceWriter writer, LayerModel layer, string inputGradient, string below)
    {
        writer.WriteLine($"_job = {ParallelTrainingEmitter.Job(layer.Index, "Gradients")}; // layer {layer.Index}: dW by rows{inputGradient}{below}");
        writer.WriteLine("workers.Run(_trainPart);");
    }

    /// <summary>
    /// Writes <c>Layer{l}Derivative(first, end)</c> of a dense or convolution layer: its activation derivative over a
    /// range of samples, which threads share out.
    /// </summary>
    public static void WriteDerivativeMethod(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.WriteLine();
        writer.Documentation($"<summary>Layer {l}, samples <paramref name=\"first\"/> to <paramref name=\"end\"/>: {Dz(l)} from dLoss/da to dLoss/dz, in place.</summary>");
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
        writer.Comment($"1. dz = da ⊙ {Formula(layer.Activation)}'(z)");
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
}
