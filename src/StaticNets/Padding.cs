namespace StaticNets;

/// <summary>How a <see cref="Conv2DAttribute"/> layer treats the borders of its input.</summary>
/// <remarks>The numeric values are part of the model-file fingerprint; never renumber them.</remarks>
public enum Padding
{
    /// <summary>
    /// No padding: the kernel only visits positions where it fits, so the output has
    /// <c>(input - kernel) / stride + 1</c> rows and columns. The stride must divide <c>input - kernel</c>, or the
    /// last rows or columns would be silently ignored (diagnostic SN0110).
    /// </summary>
    Valid = 0,

    /// <summary>
    /// Zero padding as Keras and TensorFlow define it: the output has <c>ceil(input / stride)</c> rows and columns;
    /// the padding needed, <c>max((output - 1)·stride + kernel - input, 0)</c>, is split with the smaller half
    /// before (top, left) and the larger after (bottom, right).
    /// </summary>
    Same = 1,
}
