using StaticNets.Generators.Plan;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;
using static StaticNets.Generators.NetworkParser;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>Max pooling: each window's largest value per channel; the backward pass sends the gradient to the first maximum.</summary>
internal sealed class MaxPool2DLayer : WindowPoolingLayer
{
    public static readonly MaxPool2DLayer Instance = new();

    private MaxPool2DLayer()
    {
    }

    public override LayerKind Kind => LayerKind.MaxPool2D;

    public override string AttributeName => "MaxPool2DAttribute";

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        PoolingKernels.WriteMaxBackward(writer, plan.Model, layer);
}
