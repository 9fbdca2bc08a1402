namespace StaticNets.Generators.Models;

/// <summary>Mirror of <c>StaticNets.Activation</c>; the values must stay equal to the runtime enum's.</summary>
internal enum ActivationKind
{
    Linear = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    LeakyReLU = 4,
    ELU = 5,
    Softplus = 6,
    Softmax = 7,
    GELU = 8,
    SiLU = 9,
}
