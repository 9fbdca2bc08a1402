using StaticNets.Generators.Models;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>The one map from a layer kind to the unit that generates it.</summary>
internal static class LayerUnits
{
    /// <summary>
    /// The unit of <paramref name="kind"/>. The switch names every kind and has no default: a kind added to
    /// <see cref="LayerKind"/> without a unit fails the build (CS8509 is an error in this project).
    /// </summary>
    public static LayerUnit For(LayerKind kind) => kind switch
    {
        LayerKind.Dense => DenseLayer.Instance,
        LayerKind.Dropout => DropoutLayer.Instance,
        LayerKind.Conv2D => Conv2DLayer.Instance,
        LayerKind.MaxPool2D => MaxPool2DLayer.Instance,
        LayerKind.AveragePool2D => AveragePool2DLayer.Instance,
        LayerKind.GlobalAveragePool2D => GlobalAveragePool2DLayer.Instance,
        LayerKind.Flatten => FlattenLayer.Instance,
    };

    /// <summary>Every unit, in the order of <see cref="LayerKind"/>.</summary>
    public static readonly LayerUnit[] All =
    [
        DenseLayer.Instance,
        DropoutLayer.Instance,
        Conv2DLayer.Instance,
        MaxPool2DLayer.Instance,
        AveragePool2DLayer.Instance,
        GlobalAveragePool2DLayer.Instance,
        FlattenLayer.Instance,
    ];

    /// <summary>The unit of <paramref name="layer"/>'s kind.</summary>
    public static LayerUnit Unit(this LayerModel layer) => For(layer.Kind);
}
