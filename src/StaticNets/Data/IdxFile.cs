using System.Collections.Generic;

namespace StaticNets.Data;

/// <summary>The contents of an unsigned-byte IDX file, as <see cref="IdxReader.Read"/> returns them.</summary>
public sealed class IdxFile
{
    private readonly int[] _dimensions;

    internal IdxFile(int[] dimensions, byte[] data)
    {
        _dimensions = dimensions;
        Data = data;
    }

    /// <summary>The size of each dimension, outermost first, e.g. (60000, 28, 28) for Fashion-MNIST's training images.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>The values, row-major over <see cref="Dimensions"/> (the last dimension varies fastest).</summary>
    public byte[] Data { get; }
}
