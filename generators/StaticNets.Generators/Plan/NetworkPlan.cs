using System.Collections.Generic;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;

namespace StaticNets.Generators.Plan;

/// <summary>
/// Everything decided about a network before any code is written, computed once per emission from the
/// <see cref="NetworkModel"/>: each layer's <see cref="LayerPlan"/> (input, backward work, thread sharing, buffers) and
/// the network-wide choices. The emitters read these decisions; none of them recomputes one.
/// </summary>
/// <remarks>Built inside the source-output step, never cached by the pipeline, so it need not be value-equal.</remarks>
internal sealed class NetworkPlan
{
    private readonly LayerPlan[] _layers;

    private NetworkPlan(NetworkModel model, LayerPlan[] layers)
    {
        Model = model;
        _layers = layers;
    }

    /// <summary>The network as declared.</summary>
    public NetworkModel Model { get; }

    /// <summary>The layers in order, numbered from 1.</summary>
    public IReadOnlyList<LayerPlan> Layers => _layers;

    /// <summary>The plan of layer <paramref name="index"/>, numbered from 1.</summary>
    public LayerPlan this[int index] => _layers[index - 1];

    /// <summary>The plan of <paramref name="layer"/>.</summary>
    public LayerPlan this[LayerModel layer] => _layers[layer.Index - 1];

    /// <summary>
    /// Whether <c>TrainBatch</c> skips clearing the gradients because every layer with weights stores its gradients
    /// rather than adding them.
    /// </summary>
    public bool StoresGradients { get; private set; }

    /// <summary>Whether any layer is shared by input chunks (so the chunk constants and helpers are generated).</summary>
    public bool ChunksInputs { get; private set; }

    /// <summary>Whether <c>Backward</c> has work to share out between threads (else only its one-thread code exists).</summary>
    public bool HasParallelBackward { get; private set; }

    /// <summary>Makes every decision for <paramref name="model"/>.</summary>
    public static NetworkPlan Create(NetworkModel model)
    {
        var layers = new LayerPlan[model.Layers.Count];
        for (int k = 0; k < layers.Length; k++)
        {
            LayerModel layer = model.Layers[k];
            layers[k] = new LayerPlan(layer, LayerUnits.For(layer.Kind));
        }

        var plan = new NetworkPlan(model, layers);
        bool parametersBelow = false;
        foreach (LayerPlan layer in layers)
        {
            layer.Source = model.SourceOf(layer.Index);
            layer.InputBuffer = layer.Source == 0 ? Emit.GeneratedNames.Inputs : Emit.GeneratedNames.A(layer.Source);
            layer.NeedsInputGradient = parametersBelow;
            layer.NeedsBackward = layer.Unit.CanHaveBackward && (layer.Model.HasParameters || parametersBelow);
            layer.HasDerivative = layer.Unit.HasDerivative(model, layer.Model);
            layer.ChunksInputs = layer.Unit.ChunksInputs(layer.Model);
            parametersBelow |= layer.Model.HasParameters;
        }

        plan.StoresGradients = true;
        foreach (LayerPlan layer in layers)
        {
            layer.FusesDerivativeBelow = layer.Source > 0
                && layer.NeedsBackward
                && layer.Unit.InputGradientBySamples(layer.Model)
                && layer.NeedsInputGradient
                && plan[layer.Source].HasDerivative;
            if (layer.FusesDerivativeBelow)
            {
                plan[layer.Source].DerivativeDoneAbove = true;
            }

            plan.ChunksInputs |= layer.ChunksInputs;
            plan.HasParallelBackward |= layer.NeedsBackward && layer.Unit.BackwardOnWorkers;
            if (layer.Unit is WeightedLayerUnit { StoresGradients: false })
            {
                plan.StoresGradients = false;
            }
        }

        foreach (LayerPlan layer in layers)
        {
            layer.Buffers = layer.Unit.Buffers(plan, layer.Model);
        }

        return plan;
    }
}
