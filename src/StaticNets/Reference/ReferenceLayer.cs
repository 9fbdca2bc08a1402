namespace StaticNets.Reference;

/// <summary>
/// One layer of a <see cref="ConvolutionalReferenceNetwork"/>. Shapes are HWC (channels last); see
/// <see cref="ConvolutionReference"/> for the tensor and weight layouts.
/// </summary>
public abstract record ReferenceLayer
{
    private protected ReferenceLayer()
    {
    }

    /// <summary>A 2-D convolution, <c>(H, W, Cin) → (outH, outW, Filters)</c>, then its activation.</summary>
    /// <param name="Filters">Output channels.</param>
    /// <param name="KernelHeight">Kernel rows.</param>
    /// <param name="KernelWidth">Kernel columns.</param>
    /// <param name="StrideHeight">Vertical stride.</param>
    /// <param name="StrideWidth">Horizontal stride.</param>
    /// <param name="Same">True for "same" padding (Keras/TensorFlow), false for "valid"; see <see cref="ConvolutionReference.OutputSize"/>.</param>
    /// <param name="Activation">The activation applied to the convolution's output (not Softmax).</param>
    public sealed record Conv2D(int Filters, int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth, bool Same,
        Activation Activation) : ReferenceLayer
    {
        /// <summary>
        /// LeakyReLU's negative slope or ELU's alpha, as <see cref="Conv2DAttribute.NegativeSlope"/> and
        /// <see cref="Conv2DAttribute.Alpha"/> set it; null (unset) takes <see cref="ReferenceActivations.DefaultParameter"/>.
        /// Other activations take none.
        /// </summary>
        public double? ActivationParameter { get; init; }
    }

    /// <summary>Max pooling without padding; trailing rows and columns that do not fill a window are dropped.</summary>
    /// <param name="PoolHeight">Window rows.</param>
    /// <param name="PoolWidth">Window columns.</param>
    /// <param name="StrideHeight">Vertical stride.</param>
    /// <param name="StrideWidth">Horizontal stride.</param>
    public sealed record MaxPool2D(int PoolHeight, int PoolWidth, int StrideHeight, int StrideWidth) : ReferenceLayer;

    /// <summary>Average pooling over the same windows as <see cref="MaxPool2D"/>.</summary>
    /// <param name="PoolHeight">Window rows.</param>
    /// <param name="PoolWidth">Window columns.</param>
    /// <param name="StrideHeight">Vertical stride.</param>
    /// <param name="StrideWidth">Horizontal stride.</param>
    public sealed record AveragePool2D(int PoolHeight, int PoolWidth, int StrideHeight, int StrideWidth) : ReferenceLayer;

    /// <summary>The mean of each channel, <c>(H, W, C) → (C)</c>.</summary>
    public sealed record GlobalAveragePool2D : ReferenceLayer;

    /// <summary><c>(H, W, C) → (H·W·C)</c> in HWC order (Keras channels_last); the values do not move.</summary>
    public sealed record Flatten : ReferenceLayer;

    /// <summary>A dense layer on a flat input (after <see cref="Flatten"/> or <see cref="GlobalAveragePool2D"/>).</summary>
    /// <param name="Units">Outputs.</param>
    /// <param name="Activation">The activation; Softmax only on the last layer.</param>
    public sealed record Dense(int Units, Activation Activation) : ReferenceLayer
    {
        /// <summary>
        /// LeakyReLU's negative slope or ELU's alpha, as <see cref="DenseAttribute.NegativeSlope"/> and
        /// <see cref="DenseAttribute.Alpha"/> set it; null (unset) takes <see cref="ReferenceActivations.DefaultParameter"/>.
        /// Other activations take none.
        /// </summary>
        public double? ActivationParameter { get; init; }
    }
}
