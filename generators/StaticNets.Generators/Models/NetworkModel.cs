namespace StaticNets.Generators.Models;

/// <summary>Everything the emitters need to know about one <c>[Network]</c> class.</summary>
/// <remarks>Immutable and value-equal all the way down, or caching silently breaks. No symbols, no syntax.</remarks>
internal sealed record NetworkModel(
    string Namespace,
    string TypeName,
    string TypeKeyword,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    int InputSize,
    EquatableArray<LayerModel> Layers,
    LossKind Loss,
    OptimizerKind Optimizer,
    float LearningRate,
    int MaxBatchSize)
{
    /// <summary>The optimizer's effective hyper-parameters.</summary>
    public OptimizerSettings Settings { get; init; } = OptimizerSettings.Sgd;

    /// <summary>Rows of an image input; 0 when the input is a vector.</summary>
    public int InputHeight { get; init; }

    /// <summary>Columns of an image input; 0 when the input is a vector.</summary>
    public int InputWidth { get; init; }

    /// <summary>Channels of an image input; 0 when the input is a vector.</summary>
    public int InputChannels { get; init; }

    /// <summary><see cref="LossKind.Huber"/>'s delta.</summary>
    public float HuberDelta { get; init; } = 1f;

    /// <summary>Whether any layer has an L1 or L2 penalty.</summary>
    public bool IsRegularized
    {
        get
        {
            foreach (LayerModel layer in Layers)
            {
                if (layer.IsRegularized)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether any layer is a dropout layer.</summary>
    public bool HasDropout
    {
        get
        {
            foreach (LayerModel layer in Layers)
            {
                if (layer.Kind == LayerKind.Dropout)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The layer whose buffers hold the input of layer <paramref name="index"/> (numbered from 1): the layer below, or
    /// the one below a run of <see cref="LayerKind.Flatten"/> layers, which own no buffers; 0 for the network's input.
    /// </summary>
    public int SourceOf(int index)
    {
        int k = index - 1;
        while (k >= 1 && Layers[k - 1].Kind == LayerKind.Flatten)
        {
            k--;
        }

        return k;
    }

    public LayerModel OutputLayer => Layers[Layers.Count - 1];

    public int OutputSize => OutputLayer.Outputs;

    /// <summary>Floats in the parameter buffer: every layer's blocks, which follow each other without gaps.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (LayerModel layer in Layers)
            {
                count += layer.ParameterCount;
            }

            return count;
        }
    }

    /// <summary>Multiply-adds of one sample's forward pass: the sum over the layers.</summary>
    public long MultiplyAddsPerSample
    {
        get
        {
            long total = 0;
            foreach (LayerModel layer in Layers)
            {
                total += layer.MultiplyAdds;
            }

            return total;
        }
    }

    /// <summary>The fully qualified name without <c>global::</c>, used for hint names.</summary>
    public string FullName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace.Length > 0)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (ContainingTypeModel containing in ContainingTypes)
            {
                name.Append(containing.Name).Append('.');
            }

            return name.Append(TypeName).ToString();
        }
    }

    /// <summary>The architecture text stored in model files: the input size and each layer's size and activation.</summary>
    public string Architecture
    {
        get
        {
            var text = new System.Text.StringBuilder();
            text.Append("Input(");
            text.Append(InputHeight > 0 ? $"{InputHeight}x{InputWidth}x{InputChannels}" : InputSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append(')');
            foreach (LayerModel layer in Layers)
            {
                text.Append(" -> ");
                Emit.Layers.LayerUnits.For(layer.Kind).Describe(text, layer);
            }

            return text.ToString();
        }
    }
}
