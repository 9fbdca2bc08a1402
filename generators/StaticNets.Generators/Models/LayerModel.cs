namespace StaticNets.Generators.Models;

/// <summary>
/// One layer, numbered from 1 in declaration order. Weights are <c>(Inputs, Outputs)</c> row-major at
/// <see cref="WeightsOffset"/> in the parameter buffer, biases follow at <see cref="BiasOffset"/>.
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
    public int WeightCount => Inputs * Outputs;

    public int ParameterCount => Inputs * Outputs + Outputs;
}
