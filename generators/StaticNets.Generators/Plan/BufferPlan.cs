using System.Collections.Generic;
using System.Linq;

namespace StaticNets.Generators.Plan;

/// <summary>
/// One workspace buffer of the generated network: an <c>AlignedBuffer</c> field allocated by the constructor.
/// </summary>
/// <param name="Name">The field, e.g. <c>_z1</c>.</param>
/// <param name="Dimensions">
/// The generated constants whose product is its length, outermost first; <see cref="BatchDimension"/> stands for the
/// constructor's <c>maxBatchSize</c>.
/// </param>
/// <param name="Role">What it holds, as its field comment says it.</param>
/// <param name="Padding">Floats allocated past the product, for kernels that read a row's tail as one vector.</param>
/// <param name="Note">A comment on its allocation, or null.</param>
internal sealed record BufferPlan(string Name, IReadOnlyList<string> Dimensions, string Role, int Padding = 0, string? Note = null)
{
    /// <summary>The dimension that is the batch: <c>MaxBatchSize</c> in comments, <c>maxBatchSize</c> when allocating.</summary>
    public const string BatchDimension = "MaxBatchSize";

    /// <summary>The shape as a comment shows it: <c>(MaxBatchSize, L1Out)</c>.</summary>
    public string Shape => "(" + string.Join(", ", Dimensions) + ")";

    /// <summary>Whether buffers of this shape hold one row per sample of a batch.</summary>
    public bool IsPerSample => Dimensions.Contains(BatchDimension);

    /// <summary>The length as the constructor computes it, overflow-checked where it depends on the batch size.</summary>
    public string Length
    {
        get
        {
            var factors = new List<string>();
            foreach (string dimension in Dimensions)
            {
                factors.Add(dimension == BatchDimension ? "maxBatchSize" : dimension);
            }

            string product = string.Join(" * ", factors);
            if (Padding > 0)
            {
                product += " + " + Emit.GeneratedNames.Int(Padding);
            }

            return IsPerSample ? $"checked({product})" : product;
        }
    }
}
