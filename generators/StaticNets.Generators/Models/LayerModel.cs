namespace StaticNets.Generators.Models;

/// <summary>
/// One layer, numbered from 1 in declaration order. Its parameters are the named blocks of <see cref="Parameters"/>
/// (none for dropout, pooling and flatten layers). Image layers (convolution, pooling) read and write channels-last
/// images whose shapes are the <c>In*</c> and <c>Out*</c> properties. <see cref="Inputs"/> and <see cref="Outputs"/>
/// are always the flat sizes.
/// </summary>
internal readonly record struct LayerModel(
    int Index,
    LayerKind Kind,
    int Inputs,
    int Outputs,
    ActivationKind Activation)
{
    /// <summary>The layer's parameter blocks in buffer order; empty for a layer without parameters.</summary>
    public EquatableArray<ParameterBlock> Parameters { get; init; }

    /// <summary>
    /// Multiply-adds of one sample's forward pass through this layer, as the layer's unit counts them (one per weight
    /// of a dense layer, one per weight and output pixel of a convolution, none for layers without weights).
    /// </summary>
    public long MultiplyAdds { get; init; }

    /// <summary>LeakyReLU's negative slope or ELU's alpha; unused by other activations.</summary>
    public float ActivationParameter { get; init; }

    /// <summary>The effective L1 factor on this layer's weights (0: none).</summary>
    public float L1 { get; init; }

    /// <summary>The effective L2 factor on this layer's weights (0: none).</summary>
    public float L2 { get; init; }

    /// <summary>Input rows of an image layer (0 for a vector).</summary>
    public int InHeight { get; init; }

    /// <summary>Input columns of an image layer.</summary>
    public int InWidth { get; init; }

    /// <summary>Input channels of an image layer.</summary>
    public int InChannels { get; init; }

    /// <summary>Output rows of an image layer (0 when the output is a vector).</summary>
    public int OutHeight { get; init; }

    /// <summary>Output columns of an image layer.</summary>
    public int OutWidth { get; init; }

    /// <summary>Output channels of an image layer.</summary>
    public int OutChannels { get; init; }

    public bool IsDense => Kind == LayerKind.Dense;

    /// <summary>Whether the layer has parameters: dense and convolution layers.</summary>
    public bool HasParameters => Parameters.Count > 0;

    /// <summary>Whether the layer computes pre-activations and an activation (z and a), as dense and convolution layers do.</summary>
    public bool HasActivation => HasParameters;

    /// <summary>What the layer's kind knows beyond this header: a window, a dropout rate, or nothing.</summary>
    public LayerSettings Settings { get; init; } = LayerSettings.None;

    /// <summary>The window of a convolution or pooling layer.</summary>
    /// <exception cref="System.InvalidOperationException">The layer has no window (a generator defect).</exception>
    public WindowSettings Window =>
        Settings as WindowSettings ?? throw new System.InvalidOperationException($"Layer {Index} ({Kind}) has no window.");

    /// <summary>The settings of a dropout layer.</summary>
    /// <exception cref="System.InvalidOperationException">The layer is no dropout layer (a generator defect).</exception>
    public DropoutSettings Dropout =>
        Settings as DropoutSettings ?? throw new System.InvalidOperationException($"Layer {Index} ({Kind}) is no dropout layer.");

    /// <summary>Whether a convolution pads its input.</summary>
    public bool IsPadded => Settings is WindowSettings { IsPadded: true };

    /// <summary>Rows of the zero-padded input (the input's rows for a layer without padding).</summary>
    public int PaddedHeight => Settings is WindowSettings w ? InHeight + w.PadTop + w.PadBottom : InHeight;

    /// <summary>Columns of the zero-padded input.</summary>
    public int PaddedWidth => Settings is WindowSettings w ? InWidth + w.PadLeft + w.PadRight : InWidth;

    /// <summary>Floats of one zero-padded input.</summary>
    public int PaddedSize => PaddedHeight * PaddedWidth * InChannels;

    public bool IsRegularized => L1 > 0f || L2 > 0f;

    /// <summary>The layer's parameters: the floats of all its blocks.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (ParameterBlock block in Parameters)
            {
                count += block.Count;
            }

            return count;
        }
    }

    /// <summary>The parameter block named <paramref name="name"/>.</summary>
    /// <exception cref="System.InvalidOperationException">The layer has no such block (a generator defect).</exception>
    public ParameterBlock Block(string name)
    {
        foreach (ParameterBlock block in Parameters)
        {
            if (block.Name == name)
            {
                return block;
            }
        }

        throw new System.InvalidOperationException($"Layer {Index} ({Kind}) has no parameter block {name}.");
    }

    /// <summary>
    /// What <see cref="ToString"/> prints: the stored members only, not <see cref="Window"/> and <see cref="Dropout"/>,
    /// which throw for the kinds that have none.
    /// </summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Index = ").Append(Index).Append(", Kind = ").Append(Kind)
            .Append(", Inputs = ").Append(Inputs).Append(", Outputs = ").Append(Outputs)
            .Append(", Activation = ").Append(Activation).Append(", ActivationParameter = ").Append(ActivationParameter)
            .Append(", L1 = ").Append(L1).Append(", L2 = ").Append(L2)
            .Append(", In = ").Append(InHeight).Append('x').Append(InWidth).Append('x').Append(InChannels)
            .Append(", Out = ").Append(OutHeight).Append('x').Append(OutWidth).Append('x').Append(OutChannels)
            .Append(", Parameters = [");
        for (int k = 0; k < Parameters.Count; k++)
        {
            ParameterBlock block = Parameters[k];
            builder.Append(k == 0 ? string.Empty : ", ").Append(block.Name).Append(" at ").Append(block.Offset).Append(" (")
                .Append(string.Join(", ", block.Shape)).Append(')');
        }

        builder.Append("], MultiplyAdds = ").Append(MultiplyAdds).Append(", Settings = ").Append(Settings);
        return true;
    }
}
