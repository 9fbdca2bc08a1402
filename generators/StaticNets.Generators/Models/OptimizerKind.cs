namespace StaticNets.Generators.Models;

/// <summary>Mirror of <c>StaticNets.Optimizer</c>; the values must stay equal to the runtime enum's.</summary>
internal enum OptimizerKind
{
    Sgd = 0,
    Momentum = 1,
    Nesterov = 2,
    Adagrad = 3,
    Adadelta = 4,
    RMSprop = 5,
    Adam = 6,
    AdamW = 7,
}
