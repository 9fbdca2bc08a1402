namespace StaticNets.Tests.PyTorch;

/// <summary>
/// How close StaticNets must come to the PyTorch fixtures. Every check is <c>|a − b| ≤ tol · max(|b|, scale)</c>
/// (Reference/README.md, "Comparing at 1e-5"): losses are compared relative to themselves, gradients and activations
/// with scale = the largest |reference| of the same vector, parameters with scale = 1. The target is 1e-5.
/// </summary>
/// <remarks>
/// <para>
/// Measured worst errors, |a − b| / max(|b|, scale), on x64 (AMD EPYC with AVX-512), .NET 10, Release. Each cell is
/// "default / DOTNET_EnableHWIntrinsic=0" (the second run uses scalar code only); DOTNET_EnableAVX512=0 and
/// DOTNET_EnableAVX2=0 gave exactly the default numbers. The summary tests print these tables in the test log
/// (dotnet test --logger "console;verbosity=detailed").
/// </para>
/// <code>
/// losses.json, 43 cases       total and data loss    penalty     gradients
///   MeanSquaredError (17)     1.6e-7 / 1.6e-7        7.5e-8      2.2e-7 / 3.3e-7
///   MeanAbsoluteError (2)     6.7e-8 / 1.3e-7        0           1.3e-7 / 2.1e-7
///   Huber (3)                 0      / 0             0           1.6e-7 / 9.3e-8
///   BinaryCrossEntropy (3)    1.2e-7 / 7.7e-8        0           9.4e-8 / 9.4e-8
///   SoftmaxCrossEntropy (16)  2.2e-7 / 2.2e-7        1.1e-7      2.0e-7 / 2.0e-7
///   Hinge (1)                 0      / 0             0           1.9e-7 / 1.3e-7
///   Logistic (1)              7.4e-8 / 7.4e-8        0           5.2e-8 / 4.1e-8
/// optimizers.json, 21 cases   loss before each step  parameters after each of the 5 steps
///   SGD (5)                   1.3e-7 / 1.8e-7        1.1e-7 / 6.0e-8
///   Adagrad (2)               2.0e-7 / 1.0e-7        6.0e-8 / 6.0e-8
///   Adadelta (2)              1.9e-7 / 9.8e-8        1.1e-7 / 1.1e-7
///   RMSprop (5)               2.7e-7 / 3.7e-7        6.7e-7 / 6.0e-7
///   Adam (5)                  2.0e-7 / 2.0e-7        1.2e-7 / 1.2e-7
///   AdamW (2)                 9.8e-8 / 9.8e-8        6.0e-8 / 3.0e-8
/// activations.json            2.0e-7, the worst over every operator, overload and lane count (sigmoid' at z = 6)
/// </code>
/// <para>
/// So the smallest tolerances that pass are 3.7e-7 (losses), 3.3e-7 (gradients), 6.7e-7 (parameters) and 2.0e-7
/// (activations): every quantity meets the 1e-5 target with at least 15× to spare. Each constant is the
/// smallest value of the 1-2-5 series that leaves about 1.5× headroom or more over its measured worst (for other
/// CPUs, math libraries and JIT tiers), a decade or more tighter than the target. If another platform exceeds them,
/// raise them towards 1e-5, never beyond.
/// </para>
/// </remarks>
public static class Tolerances
{
    /// <summary>Total loss, data loss and penalty of losses.json; the losses TrainBatch returns in optimizers.json.</summary>
    public const double Loss = 1e-6; // measured worst 3.7e-7: rmsprop_centered, loss before step 4 (scalar code)

    /// <summary>Gradients of losses.json.</summary>
    public const double Gradient = 5e-7; // measured worst 3.3e-7: hidden_linear_mse (scalar code)

    /// <summary>Parameters after each optimizer step of optimizers.json.</summary>
    public const double Parameter = 1e-6; // measured worst 6.7e-7: rmsprop_momentum, after step 5

    /// <summary>Operator values and derivatives of activations.json.</summary>
    public const double Activation = 5e-7; // measured worst 2.0e-7: SigmoidOperator derivative at z = 6
}
