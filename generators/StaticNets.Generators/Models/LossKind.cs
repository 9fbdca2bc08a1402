namespace StaticNets.Generators.Models;

/// <summary>Mirror of <c>StaticNets.Loss</c>; the values must stay equal to the runtime enum's.</summary>
internal enum LossKind
{
    MeanSquaredError = 0,
    SoftmaxCrossEntropy = 1,
    MeanAbsoluteError = 2,
    Huber = 3,
    BinaryCrossEntropy = 4,
    Hinge = 5,
    Logistic = 6,
}
