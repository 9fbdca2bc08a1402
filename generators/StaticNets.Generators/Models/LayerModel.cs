namespace StaticNets.Generators.Models;

/// <summary>
/// One layer, numbered from 1 in declaration order. A dense layer's weights are <c>(Inputs, Outputs)</c> row-major at
/// <see cref="WeightsOffset"/> in the parameter buffer, its biases follow at <see cref="BiasOffset"/>. A dropout layer
/// has no parameters (<see cref="Inputs"/> equals <see cref="Outputs"/>).
/// </summary>
internal readonly record struct LayerModel(
    int Index,
    LayerKind Kind,
    int Inputs,
    int Outputs,
    ActivationKind Activation,
    int WeightsOffset,
    int BiasOffset)
{
    /// <summary>LeakyReLU's negative slope or ELU's alpha; unused by other activations.</summary>
    public float ActivationParameter { get; init; }

    /// <summary>The effective L1 factor on this layer's weights (0: none).</summary>
    public float L1 { get; init; }

    /// <summary>The effective L2 factor on this layer's weights (0: none).</summary>
    public float L2 { get; init; }

    /// <summary>A dropout layer's probability of zeroing a value.</summary>
    public float DropoutRate { get; init; }

    public bool IsDense => Kind == LayerKind.Dense;

    public bool IsRegularized => L1 > 0f || L2 > 0f;

    public int WeightCount => IsDense ? Inputs * Outputs : 0;

    public int ParameterCount => IsDense ? Inputs * Outputs + Outputs : 0;
}
