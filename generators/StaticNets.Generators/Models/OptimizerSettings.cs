namespace StaticNets.Generators.Models;

/// <summary>
/// The effective hyper-parameters of the optimizer: what the user declared, with PyTorch's defaults for the rest.
/// Fields an optimizer does not use keep their neutral values (0 or false).
/// </summary>
internal sealed record OptimizerSettings(
    float Momentum,
    float Dampening,
    float WeightDecay,
    float Beta1,
    float Beta2,
    float Epsilon,
    float Rho,
    float Alpha,
    bool Centered,
    bool AmsGrad,
    float LearningRateDecay,
    float InitialAccumulatorValue)
{
    /// <summary>Plain SGD: no momentum, no decay.</summary>
    public static readonly OptimizerSettings Sgd = new(0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, false, false, 0f, 0f);
}
