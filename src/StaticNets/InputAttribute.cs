using System;

namespace StaticNets;

/// <summary>
/// Declares the shape of one input sample: a vector of features, or an image of height × width × channels stored
/// channels last (HWC: value (y, x, c) at <c>(y·width + x)·channels + c</c>). Exactly one, before every layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares inputs of <paramref name="size"/> features.</summary>
    /// <param name="size">Features per sample; at least 1.</param>
    public InputAttribute(int size) => Size = size;

    /// <summary>Declares image inputs of <paramref name="height"/> × <paramref name="width"/> × <paramref name="channels"/> values, channels last.</summary>
    /// <param name="height">Rows per image; at least 1.</param>
    /// <param name="width">Columns per image; at least 1.</param>
    /// <param name="channels">Values per pixel (1 for grey, 3 for RGB); at least 1.</param>
    public InputAttribute(int height, int width, int channels)
    {
        Height = height;
        Width = width;
        Channels = channels;
        Size = height * width * channels;
    }

    /// <summary>Values per sample (for an image, height × width × channels).</summary>
    public int Size { get; }

    /// <summary>Rows per image; 0 for vector inputs.</summary>
    public int Height { get; }

    /// <summary>Columns per image; 0 for vector inputs.</summary>
    public int Width { get; }

    /// <summary>Values per pixel; 0 for vector inputs.</summary>
    public int Channels { get; }
}
