using System;

namespace StaticNets;

/// <summary>Declares the size of one input sample. Exactly one, before every layer.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares inputs of <paramref name="size"/> features.</summary>
    /// <param name="size">Features per sample; at least 1.</param>
    public InputAttribute(int size) => Size = size;

    /// <summary>Features per sample.</summary>
    public int Size { get; }
}
