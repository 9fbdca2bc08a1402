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

    public LayerModel OutputLayer => Layers[Layers.Count - 1];

    public int OutputSize => OutputLayer.Outputs;

    public int ParameterCount => OutputLayer.BiasOffset + OutputLayer.Outputs;

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
            text.Append("Input(").Append(InputSize).Append(')');
            foreach (LayerModel layer in Layers)
            {
                text.Append(" -> ");
                if (layer.Kind == LayerKind.Dropout)
                {
                    text.Append("Dropout(").Append(layer.DropoutRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(')');
                    continue;
                }

                text.Append(layer.Kind).Append('(').Append(layer.Outputs).Append(", ").Append(layer.Activation);
                if (layer.Activation is ActivationKind.LeakyReLU or ActivationKind.ELU)
                {
                    text.Append('(').Append(layer.ActivationParameter.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(')');
                }

                text.Append(')');
            }

            return text.ToString();
        }
    }
}
