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

    /// <summary>A dropout layer's probability of zeroing a value.</summary>
    public float DropoutRate { get; init; }

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

    /// <summary>Kernel or window rows.</summary>
    public int KernelHeight { get; init; }

    /// <summary>Kernel or window columns.</summary>
    public int KernelWidth { get; init; }

    /// <summary>Rows between kernel or window positions.</summary>
    public int StrideHeight { get; init; }

    /// <summary>Columns between kernel or window positions.</summary>
    public int StrideWidth { get; init; }

    /// <summary>Zero rows added above the input (same padding).</summary>
    public int PadTop { get; init; }

    /// <summary>Zero rows added below the input.</summary>
    public int PadBottom { get; init; }

    /// <summary>Zero columns added left of the input.</summary>
    public int PadLeft { get; init; }

    /// <summary>Zero columns added right of the input.</summary>
    public int PadRight { get; init; }

    public bool IsDense => Kind == LayerKind.Dense;

    /// <summary>Whether the layer has parameters: dense and convolution layers.</summary>
    public bool HasParameters => Parameters.Count > 0;

    /// <summary>Whether the layer computes pre-activations and an activation (z and a), as dense and convolution layers do.</summary>
    public bool HasActivation => HasParameters;

    /// <summary>Whether a convolution pads its input.</summary>
    public bool IsPadded => PadTop + PadBottom + PadLeft + PadRight > 0;

    /// <summary>Rows of the zero-padded input.</summary>
    public int PaddedHeight => InHeight + PadTop + PadBottom;

    /// <summary>Columns of the zero-padded input.</summary>
    public int PaddedWidth => InWidth + PadLeft + PadRight;

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
}
