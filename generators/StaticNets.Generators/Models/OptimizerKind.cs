namespace StaticNets.Generators.Models;

/// <summary>Mirror of <c>StaticNets.Optimizer</c>; the values must stay equal to the runtime enum's.</summary>
internal enum OptimizerKind
{
    Sgd = 0,
}
