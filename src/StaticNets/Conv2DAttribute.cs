using System;

namespace StaticNets;

/// <summary>
/// Declares a 2-D convolution over an image input (channels last): each of <see cref="Filters"/> output channels is
/// <c>z[y, x, f] = b[f] + Σ_{ky, kx, c} input[y·stride + ky - padTop, x·stride + kx - padLeft, c] · W[ky, kx, c, f]</c>,
/// followed by the activation. Weights are <c>(kernelHeight, kernelWidth, inputChannels, filters)</c> row-major, then
/// the biases, in the parameter buffer; the output is an image of <see cref="Filters"/> channels.
/// </summary>
/// <remarks>Output sizes are computed at compile time; a kernel or stride that does not fit the input is diagnostic SN0110.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Declares a convolution with a square kernel.</summary>
    /// <param name="filters">Output channels; at least 1.</param>
    /// <param name="kernelSize">The kernel's height and width; at least 1.</param>
    /// <param name="activation">The activation applied to every output value; not <see cref="Activation.Softmax"/>.</param>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear)
        : this(filters, kernelSize, kernelSize, activation)
    {
    }

    /// <summary>Declares a convolution with a <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> kernel.</summary>
    /// <param name="filters">Output channels; at least 1.</param>
    /// <param name="kernelHeight">Kernel rows; at least 1.</param>
    /// <param name="kernelWidth">Kernel columns; at least 1.</param>
    /// <param name="activation">The activation applied to every output value; not <see cref="Activation.Softmax"/>.</param>
    public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth, Activation activation = Activation.Linear)
    {
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Activation = activation;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns.</summary>
    public int KernelWidth { get; }

    /// <summary>The activation applied to every output value.</summary>
    public Activation Activation { get; }

    /// <summary>The step between kernel positions, in both directions; 1 unless set.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>How the borders are treated; <see cref="Padding.Valid"/> unless set.</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>LeakyReLU's negative slope (PyTorch's default 0.01 when unset); only with <see cref="Activation.LeakyReLU"/>.</summary>
    public float NegativeSlope { get; set; } = float.NaN;

    /// <summary>ELU's alpha (PyTorch's default 1 when unset); only with <see cref="Activation.ELU"/>.</summary>
    public float Alpha { get; set; } = float.NaN;

    /// <summary>The L1 penalty factor on this layer's weights; overrides <see cref="NetworkAttribute.L1"/>.</summary>
    public float L1 { get; set; } = float.NaN;

    /// <summary>The L2 penalty factor on this layer's weights; overrides <see cref="NetworkAttribute.L2"/>.</summary>
    public float L2 { get; set; } = float.NaN;
}
