namespace StaticNets.Generators.Emit.Layers;

/// <summary>What a layer kind takes as its input.</summary>
internal enum LayerInput
{
    /// <summary>A vector or an image, passed on in the same shape (dropout).</summary>
    Any,

    /// <summary>A flat vector (dense).</summary>
    Vector,

    /// <summary>A channels-last image (convolution, pooling, flatten).</summary>
    Image,
}
