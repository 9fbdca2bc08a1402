using StaticNets.Generators.Plan;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>Average pooling: each window's mean per channel; the backward pass spreads the gradient evenly over the window.</summary>
internal sealed class AveragePool2DLayer : WindowPoolingLayer
{
    public static readonly AveragePool2DLayer Instance = new();

    private AveragePool2DLayer()
    {
    }

    public override LayerKind Kind => LayerKind.AveragePool2D;

    public override string AttributeName => "AveragePool2DAttribute";

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        PoolingKernels.WriteAverageBackward(writer, plan.Model, layer);
}
