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
                text.Append(" -> ").Append(layer.Kind).Append('(').Append(layer.Outputs).Append(", ").Append(layer.Activation).Append(')');
            }

            return text.ToString();
        }
    }
}
