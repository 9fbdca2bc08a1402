using StaticNets.Generators.Plan;
using StaticNets.Generators.Models;

namespace StaticNets.Generators.Emit.Layers;

/// <summary>Max pooling: each window's largest value per channel; the backward pass sends the gradient to the first maximum.</summary>
internal sealed class MaxPool2DLayer : WindowPoolingLayer
{
    public static readonly MaxPool2DLayer Instance = new();

    private MaxPool2DLayer()
    {
    }

    public override LayerKind Kind => LayerKind.MaxPool2D;

    public override void WriteBackwardKernels(SourceWriter writer, NetworkPlan plan, LayerModel layer) =>
        PoolingKernels.WriteMaxBackward(writer, plan.Model, layer);
}
