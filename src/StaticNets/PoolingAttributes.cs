using System;

namespace StaticNets;

/// <summary>
/// Declares max pooling over an image: each output value is the largest input value of its window, channel by
/// channel. Windows start every <see cref="Stride"/> rows and columns; rows or columns at the end that do not fill a
/// window are dropped, as PyTorch's <c>MaxPool2d</c> and Keras' <c>MaxPooling2D</c> do by default. The gradient flows
/// to the first largest value of each window (in row-major order), as in PyTorch. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    /// <summary>Declares a square <paramref name="size"/> × <paramref name="size"/> window.</summary>
    /// <param name="size">The window's height and width; at least 1.</param>
    public MaxPool2DAttribute(int size)
        : this(size, size)
    {
    }

    /// <summary>Declares a <paramref name="height"/> × <paramref name="width"/> window.</summary>
    /// <param name="height">Window rows; at least 1.</param>
    /// <param name="width">Window columns; at least 1.</param>
    public MaxPool2DAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Window rows.</summary>
    public int Height { get; }

    /// <summary>Window columns.</summary>
    public int Width { get; }

    /// <summary>The step between windows in both directions; 0 (the default) means the window's own size, so windows do not overlap.</summary>
    public int Stride { get; set; }
}

/// <summary>
/// Declares average pooling over an image: each output value is the mean of its window, channel by channel. Windows
/// are placed as by <see cref="MaxPool2DAttribute"/>. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePool2DAttribute : Attribute
{
    /// <summary>Declares a square <paramref name="size"/> × <paramref name="size"/> window.</summary>
    /// <param name="size">The window's height and width; at least 1.</param>
    public AveragePool2DAttribute(int size)
        : this(size, size)
    {
    }

    /// <summary>Declares a <paramref name="height"/> × <paramref name="width"/> window.</summary>
    /// <param name="height">Window rows; at least 1.</param>
    /// <param name="width">Window columns; at least 1.</param>
    public AveragePool2DAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Window rows.</summary>
    public int Height { get; }

    /// <summary>Window columns.</summary>
    public int Width { get; }

    /// <summary>The step between windows in both directions; 0 (the default) means the window's own size.</summary>
    public int Stride { get; set; }
}

/// <summary>
/// Declares global average pooling: an image of height × width × channels becomes one value per channel, the mean
/// over all pixels. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePool2DAttribute : Attribute
{
}

/// <summary>
/// Declares the step from an image to a vector, which <see cref="DenseAttribute"/> layers need: the values keep
/// their channels-last (HWC) order, as Keras' <c>Flatten</c>, so nothing is copied. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}
