namespace StaticNets.Generators.Models;

/// <summary>The kinds of layer the generator can emit.</summary>
internal enum LayerKind
{
    Dense = 0,
    Dropout = 1,
    Conv2D = 2,
    MaxPool2D = 3,
    AveragePool2D = 4,
    GlobalAveragePool2D = 5,
    Flatten = 6,
}
