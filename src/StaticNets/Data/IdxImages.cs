namespace StaticNets.Data;

/// <summary>Greyscale images read from an IDX file by <see cref="IdxReader.ReadImages"/>.</summary>
public sealed class IdxImages
{
    internal IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>How many images there are.</summary>
    public int Count { get; }

    /// <summary>The height of each image in pixels.</summary>
    public int Rows { get; }

    /// <summary>The width of each image in pixels.</summary>
    public int Columns { get; }

    /// <summary>Pixels per image, <c>Rows × Columns</c>: the feature count of a network that takes the images flat.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>The pixels, row-major <c>(Count, Rows, Columns)</c>, 0 to 255.</summary>
    public byte[] Pixels { get; }
}
