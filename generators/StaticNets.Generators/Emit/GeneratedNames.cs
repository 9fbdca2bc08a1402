using System.Globalization;

namespace StaticNets.Generators.Emit;

/// <summary>Every name the generated code uses, in one place.</summary>
internal static class GeneratedNames
{
    // Runtime types.
    public const string Unsafe = "Unsafe";
    public const string MemoryMarshal = "MemoryMarshal";
    public const string MathF = "MathF";
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Stream = "global::System.IO.Stream";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";
    public const string ThreadStatic = "global::System.ThreadStaticAttribute";

    // StaticNets runtime.
    public const string INetwork = "global::StaticNets.INetwork";
    public const string Guard = "global::StaticNets.NetworkGuard";
    public const string AlignedBuffer = "global::StaticNets.AlignedBuffer";
    public const string ModelFile = "global::StaticNets.ModelFile";
    public const string SeededRandom = "global::StaticNets.SeededRandom";
    public const string Initializers = "global::StaticNets.Initializers";
    public const string Softmax = "SoftmaxOperator";

    /// <summary>The polynomial exponential the operators share.</summary>
    public const string Exp = "ExpOperator.Exp";
    public const string SoftmaxCrossEntropyLoss = "SoftmaxCrossEntropyLoss";
    public const string MeanSquaredErrorLoss = "MeanSquaredErrorLoss";

    // Members of the generated class.
    public const string Parameters = "_parameters";
    public const string Gradients = "_gradients";

    /// <summary>Set by TrainBatch around its backward pass when the dense layers store their gradients instead of adding.</summary>
    public const string OverwriteGradients = "_overwriteGradients";
    public const string Inputs = "_x";
    public const string BatchSize = "_batchSize";
    public const string LearningRate = "_learningRate";
    public const string RandomField = "_random";
    public const string PredictBuffer = "t_predictBuffer";
    public const string OptimizerState = "_optimizerState";
    public const string StepCount = "_step";
    public const string LastDataLoss = "_lastDataLoss";
    public const string LastPenalty = "_lastPenalty";
    public const string Regularization = "RegularizationOperator";

    /// <summary>The runtime's sums across the lanes of a vector, in one fixed order for one vector or four.</summary>
    public const string HorizontalSum = "HorizontalSum";

    /// <summary>The runtime's flush of subnormal floats to zero, applied to decaying optimizer state.</summary>
    public const string Subnormals = "Subnormals";

    /// <summary>Dropout mask of layer <paramref name="layer"/>: 0 for a dropped value, else <c>1 / (1 - rate)</c>.</summary>
    public static string Mask(int layer) => "_mask" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>Constant: a dropout layer's rate.</summary>
    public static string Rate(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture) + "Rate";

    /// <summary>Constant: a dropout layer's scale for kept values, <c>1 / (1 - rate)</c>.</summary>
    public static string Scale(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture) + "Scale";

    /// <summary>Constant: LeakyReLU's slope (<c>LnSlope</c>) or ELU's alpha (<c>LnAlpha</c>), or null for other activations.</summary>
    public static string? ActivationParameter(Models.LayerModel layer) => layer.Activation switch
    {
        Models.ActivationKind.LeakyReLU => "L" + layer.Index.ToString(CultureInfo.InvariantCulture) + "Slope",
        Models.ActivationKind.ELU => "L" + layer.Index.ToString(CultureInfo.InvariantCulture) + "Alpha",
        _ => null,
    };

    /// <summary><c>Op.Forward(z)</c>, with the layer's activation parameter where it has one.</summary>
    public static string ActivationForward(Models.LayerModel layer, string z) =>
        ActivationParameter(layer) is { } parameter ? $"{Operator(layer.Activation)}.Forward({z}, {parameter})" : $"{Operator(layer.Activation)}.Forward({z})";

    /// <summary><c>Op.Derivative(z, a)</c>, with the layer's activation parameter where it has one.</summary>
    public static string ActivationDerivative(Models.LayerModel layer, string z, string a) =>
        ActivationParameter(layer) is { } parameter ? $"{Operator(layer.Activation)}.Derivative({z}, {a}, {parameter})" : $"{Operator(layer.Activation)}.Derivative({z}, {a})";

    /// <summary>Pre-activations of layer <paramref name="layer"/>, <c>(MaxBatchSize, LnOut)</c>.</summary>
    public static string Z(int layer) => "_z" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>Activations of layer <paramref name="layer"/>, <c>(MaxBatchSize, LnOut)</c>.</summary>
    public static string A(int layer) => "_a" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>Loss gradient with respect to the pre-activations of layer <paramref name="layer"/>.</summary>
    public static string Dz(int layer) => "_dz" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>Constant: inputs of layer <paramref name="layer"/>.</summary>
    public static string In(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture) + "In";

    /// <summary>Constant: outputs of layer <paramref name="layer"/>.</summary>
    public static string Out(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture) + "Out";

    /// <summary>Constant: offset of the weights of layer <paramref name="layer"/> in the parameter buffer.</summary>
    public static string WeightsOffset(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture) + "W";

    /// <summary>Constant: offset of the biases of layer <paramref name="layer"/> in the parameter buffer.</summary>
    public static string BiasOffset(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture) + "B";

    private static string L(int layer) => "L" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>Constant: input rows of image layer <paramref name="layer"/>.</summary>
    public static string InHeight(int layer) => L(layer) + "InHeight";

    /// <summary>Constant: input columns of image layer <paramref name="layer"/>.</summary>
    public static string InWidth(int layer) => L(layer) + "InWidth";

    /// <summary>Constant: input channels of image layer <paramref name="layer"/>.</summary>
    public static string InChannels(int layer) => L(layer) + "InChannels";

    /// <summary>Constant: output rows of image layer <paramref name="layer"/>.</summary>
    public static string OutHeight(int layer) => L(layer) + "OutHeight";

    /// <summary>Constant: output columns of image layer <paramref name="layer"/>.</summary>
    public static string OutWidth(int layer) => L(layer) + "OutWidth";

    /// <summary>Constant: output channels of image layer <paramref name="layer"/>.</summary>
    public static string OutChannels(int layer) => L(layer) + "OutChannels";

    /// <summary>Constant: kernel or window rows.</summary>
    public static string KernelHeight(int layer) => L(layer) + "KernelHeight";

    /// <summary>Constant: kernel or window columns.</summary>
    public static string KernelWidth(int layer) => L(layer) + "KernelWidth";

    /// <summary>Constant: a convolution's stride (rows and columns).</summary>
    public static string Stride(int layer) => L(layer) + "Stride";

    /// <summary>Constant: a pooling layer's rows between windows.</summary>
    public static string StrideHeight(int layer) => L(layer) + "StrideHeight";

    /// <summary>Constant: a pooling layer's columns between windows.</summary>
    public static string StrideWidth(int layer) => L(layer) + "StrideWidth";

    /// <summary>Constant: zero rows above a padded convolution's input.</summary>
    public static string PadTop(int layer) => L(layer) + "PadTop";

    /// <summary>Constant: zero columns left of a padded convolution's input.</summary>
    public static string PadLeft(int layer) => L(layer) + "PadLeft";

    /// <summary>Constant: rows of a padded input.</summary>
    public static string PaddedHeight(int layer) => L(layer) + "PaddedHeight";

    /// <summary>Constant: columns of a padded input.</summary>
    public static string PaddedWidth(int layer) => L(layer) + "PaddedWidth";

    /// <summary>Constant: floats of one padded input.</summary>
    public static string PaddedSize(int layer) => L(layer) + "PaddedSize";

    /// <summary>Constant: a convolution's weight count.</summary>
    public static string WeightCount(int layer) => L(layer) + "WeightCount";

    /// <summary>A padded convolution's zero-bordered inputs, <c>(MaxBatchSize, LnPaddedSize)</c>.</summary>
    public static string Padded(int layer) => "_padded" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>One sample's input gradient of a padded convolution, borders included.</summary>
    public static string PaddedGradient(int layer) => "_paddedGradient" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>A convolution's weights transposed to (ky, kx, out, in) for the input gradient.</summary>
    public static string Transposed(int layer) => "_transposed" + layer.ToString(CultureInfo.InvariantCulture);

    /// <summary>A padded convolution's per-sample method copying an input into the interior of its padded buffer.</summary>
    public static string LayerPad(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "Pad";

    /// <summary>Set by Step when it wrote a parameter that is not finite.</summary>
    public const string NonFiniteStep = "_nonFiniteStep";

    /// <summary>The optimizer step over a range of parameters.</summary>
    public const string StepRange = "StepRange";

    /// <summary>A dense or convolution layer's activation derivative over a range of samples.</summary>
    public static string Derivative(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "Derivative";

    /// <summary>A dense or convolution layer's weight and bias gradient, one part of it.</summary>
    public static string WeightGradient(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "WeightGradient";

    /// <summary>A convolution's weight transposition for the input gradient.</summary>
    public static string Transpose(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "Transpose";

    /// <summary>A dense or convolution layer's input gradient over a range of samples.</summary>
    public static string InputGradient(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "InputGradient";

    /// <summary>A pooling layer's backward pass over a range of samples.</summary>
    public static string LayerBackwardRows(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "BackwardRows";

    public static string LayerForward(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "Forward";

    public static string LayerBackward(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "Backward";

    /// <summary>The runtime operator class implementing an activation.</summary>
    public static string Operator(Models.ActivationKind activation) => activation switch
    {
        Models.ActivationKind.Sigmoid => "SigmoidOperator",
        Models.ActivationKind.Tanh => "TanhOperator",
        Models.ActivationKind.ReLU => "ReLUOperator",
        Models.ActivationKind.LeakyReLU => "LeakyReLUOperator",
        Models.ActivationKind.ELU => "EluOperator",
        Models.ActivationKind.Softplus => "SoftplusOperator",
        Models.ActivationKind.GELU => "GeluOperator",
        Models.ActivationKind.SiLU => "SiluOperator",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Not an elementwise operator."),
    };

    /// <summary>The lower-case formula name used in comments, e.g. <c>relu</c>.</summary>
    public static string Formula(Models.ActivationKind activation) => activation switch
    {
        Models.ActivationKind.Linear => "identity",
        Models.ActivationKind.LeakyReLU => "leaky_relu",
        _ => activation.ToString().ToLowerInvariant(),
    };

    /// <summary>An identifier as C# source: <paramref name="name"/>, with <c>@</c> if it is a reserved keyword.</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>A dotted namespace as C# source, each part escaped by <see cref="Identifier"/>.</summary>
    public static string Namespace(string dotted) => string.Join(".", System.Linq.Enumerable.Select(dotted.Split('.'), Identifier));

    /// <summary>A float literal that round-trips, in invariant culture, with the <c>f</c> suffix.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>An int literal in invariant culture.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <see langword="long"/> literal in invariant culture (no suffix: the constant's type says long).</summary>
    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"float" or "<paramref name="count"/> floats", for comments.</summary>
    public static string Floats(int count) => count == 1 ? "float" : Int(count) + " floats";
}
