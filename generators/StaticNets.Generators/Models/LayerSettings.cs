namespace StaticNets.Generators.Models;

/// <summary>
/// What one kind of layer knows beyond the header every layer shares (<see cref="LayerModel"/>): each kind that needs
/// more brings its own record, and its unit reads it through <see cref="LayerModel.Window"/> or
/// <see cref="LayerModel.Dropout"/>. Records compare by value, so the models stay cacheable.
/// </summary>
internal abstract record LayerSettings
{
    /// <summary>The settings of a layer with nothing beyond the header (dense, flatten, global average pooling).</summary>
    public static readonly LayerSettings None = new NoSettings();

    private sealed record NoSettings : LayerSettings;
}

/// <summary>
/// The window of a convolution or a pooling layer: its size, the step between positions, and the zero rows and
/// columns added around the input (same-padded convolutions only).
/// </summary>
internal sealed record WindowSettings(
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int PadTop = 0,
    int PadBottom = 0,
    int PadLeft = 0,
    int PadRight = 0) : LayerSettings
{
    /// <summary>Whether the input is padded with zeros.</summary>
    public bool IsPadded => PadTop + PadBottom + PadLeft + PadRight > 0;
}

/// <summary>A dropout layer's probability of zeroing a value.</summary>
internal sealed record DropoutSettings(float Rate) : LayerSettings;
