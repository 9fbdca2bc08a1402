namespace StaticNets.Generators.Models;

/// <summary>The kinds of layer the generator can emit.</summary>
internal enum LayerKind
{
    Dense = 0,
    Dropout = 1,
}
