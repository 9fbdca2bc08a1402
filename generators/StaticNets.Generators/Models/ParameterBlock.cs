namespace StaticNets.Generators.Models;

/// <summary>
/// One named array of a layer's parameters, row-major at <see cref="Offset"/> in the network's parameter buffer: a
/// dense layer owns <c>W</c> (Inputs, Outputs) and <c>b</c> (Outputs), a convolution <c>W</c> (KernelHeight,
/// KernelWidth, InChannels, OutChannels) and <c>b</c> (OutChannels). A layer owns any number of blocks, in the order
/// they sit in the buffer, and the optimizer steps every block.
/// </summary>
/// <param name="Name">The name the generated code and its comments give the block (<c>W</c>, <c>b</c>).</param>
/// <param name="Offset">The block's first float in the parameter buffer (and in the gradient buffer).</param>
/// <param name="Shape">The block's dimensions, outermost first.</param>
internal readonly record struct ParameterBlock(string Name, int Offset, EquatableArray<int> Shape)
{
    /// <summary>Floats in the block: the product of its dimensions.</summary>
    public int Count
    {
        get
        {
            int count = 1;
            foreach (int dimension in Shape)
            {
                count *= dimension;
            }

            return count;
        }
    }

    /// <summary>The float after the block's last.</summary>
    public int End => Offset + Count;
}
