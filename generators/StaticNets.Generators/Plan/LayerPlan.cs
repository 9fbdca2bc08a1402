using System.Collections.Generic;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;

namespace StaticNets.Generators.Plan;

/// <summary>
/// The decisions about one layer, made once by <see cref="NetworkPlan"/> and read by every emitter: where its input
/// comes from, which backward work exists, how threads share it, and its buffers.
/// </summary>
internal sealed class LayerPlan
{
    public LayerPlan(LayerModel model, LayerUnit unit)
    {
        Model = model;
        Unit = unit;
    }

    /// <summary>The layer as declared.</summary>
    public LayerModel Model { get; }

    /// <summary>The unit that generates the layer's kind.</summary>
    public LayerUnit Unit { get; }

    /// <summary>The layer's number, from 1.</summary>
    public int Index => Model.Index;

    /// <summary>The layer whose output is this layer's input (flatten layers skipped); 0 for the network's input.</summary>
    public int Source { get; internal set; }

    /// <summary>The workspace buffer that holds the layer's input: <c>_x</c> or the source layer's output.</summary>
    public string InputBuffer { get; internal set; } = string.Empty;

    /// <summary>Whether a layer with parameters lies below, so that the layer's input gradient is needed.</summary>
    public bool NeedsInputGradient { get; internal set; }

    /// <summary>Whether the layer has any backward work.</summary>
    public bool NeedsBackward { get; internal set; }

    /// <summary>Whether the layer's backward starts with its activation's derivative (dLoss/da to dLoss/dz).</summary>
    public bool HasDerivative { get; internal set; }

    /// <summary>
    /// Whether threads share the layer by its inputs (rows of W) rather than by samples, in the forward pass, the
    /// gradients and the step alike (a dense layer with many weights).
    /// </summary>
    public bool ChunksInputs { get; internal set; }

    /// <summary>
    /// Whether the job that writes this layer's input gradient also takes the activation derivative of the layer below
    /// for the same samples (in the multi-thread schedule).
    /// </summary>
    public bool FusesDerivativeBelow { get; internal set; }

    /// <summary>Whether the layer above does this layer's activation derivative in its own input-gradient job.</summary>
    public bool DerivativeDoneAbove { get; internal set; }

    /// <summary>The layer's workspace buffers, in declaration order.</summary>
    public IReadOnlyList<BufferPlan> Buffers { get; internal set; } = [];
}
