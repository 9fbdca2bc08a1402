using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// The kernels of a dense layer, written once over any width (<see cref="IFloatVector{TSelf}"/>). Each kernel is
/// compiled once per width and activation, with the sizes as arguments; inside it, each block of vectors is inlined
/// with its shape as a constant, so the inner loops are those a generator would spell out.
/// </summary>
/// <remarks>
/// The kernels are deliberately not inlined into their callers: inlined into a large method, the sixteen accumulators
/// of a block compete with the caller's locals and are spilled to memory (<c>DenseTileBenchmarks</c> measures it).
/// </remarks>
public static class DenseKernels
{
    /// <summary>Samples per forward tile: each weight vector loaded is used by this many samples.</summary>
    public const int SampleTile = 4;

    /// <summary>Output vectors per forward block: <see cref="SampleTile"/> × this accumulators stay in registers.</summary>
    public const int VectorTile = 4;

    /// <summary>
    /// <c>Z = X·W + b</c> and <c>A = f(Z)</c> for <see cref="SampleTile"/> consecutive samples, summing the weight rows
    /// <paramref name="i0"/> to <paramref name="i1"/> − 1 (one panel of W; pass 0 and <paramref name="inputs"/> for all
    /// of it). Each output's sum is one chain of fused multiply-adds in the order of the inputs, started from the bias.
    /// </summary>
    /// <remarks>
    /// A tail of outputs that is not a whole vector is loaded as a whole vector: up to <c>TV.Count − 1</c> floats past the
    /// end of each row of <paramref name="w"/>, of <paramref name="b"/> and (after the first panel) of each row of
    /// <paramref name="z"/> are read, and must be readable; those lanes are never stored.
    /// </remarks>
    /// <param name="x">The first sample's inputs; each sample's row follows the last, <paramref name="inputs"/> apart.</param>
    /// <param name="inputs">Inputs per sample, the rows of W.</param>
    /// <param name="w">The <c>(inputs, outputs)</c> row-major weights.</param>
    /// <param name="outputs">Outputs per sample, the columns of W.</param>
    /// <param name="b">The biases.</param>
    /// <param name="z">The first sample's pre-activations, rows <paramref name="outputs"/> apart: written, and read after the first panel.</param>
    /// <param name="a">The first sample's activations, rows <paramref name="outputs"/> apart: written after the last panel.</param>
    /// <param name="i0">The first weight row of the panel.</param>
    /// <param name="i1">One past the last weight row of the panel.</param>
    /// <param name="firstPanel">Whether the sums start from the bias (else from <paramref name="z"/>).</param>
    /// <param name="lastPanel">Whether the activation is applied and <paramref name="a"/> written.</param>
    /// <param name="activation">The layer's activation.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ForwardTile<TV, TActivation>(ref float x, int inputs, ref float w, int outputs, ref float b, ref float z, ref float a,
        int i0, int i1, bool firstPanel, bool lastPanel, TActivation activation)
        where TV : struct, IFloatVector<TV>
        where TActivation : struct, IActivation
    {
        int n = TV.Count;
        int whole = outputs / n, tail = outputs % n;
        int o = 0;
        for (int block = 0; block < whole / VectorTile; block++, o += VectorTile * n)
        {
            ForwardBlock<TV, TActivation>(ref x, inputs, ref w, outputs, ref b, ref z, ref a, i0, i1, firstPanel, lastPanel, activation, o, VectorTile, n);
        }

        // The rest in one block: the whole vectors left over and the tail as a last, partial vector.
        int rest = whole % VectorTile + (tail > 0 ? 1 : 0);
        if (rest > 0)
        {
            ForwardBlock<TV, TActivation>(ref x, inputs, ref w, outputs, ref b, ref z, ref a, i0, i1, firstPanel, lastPanel, activation, o, rest, tail > 0 ? tail : n);
        }
    }

    /// <summary>
    /// One block of <see cref="ForwardTile"/>: outputs <paramref name="o"/> on, in <paramref name="vectors"/> vectors
    /// (1 to <see cref="VectorTile"/>), the last of which holds <paramref name="last"/> outputs. With constant
    /// <paramref name="vectors"/> every test of it folds away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardBlock<TV, TActivation>(ref float x, int inputs, ref float w, int outputs, ref float b, ref float z, ref float a,
        int i0, int i1, bool firstPanel, bool lastPanel, TActivation activation, int o, int vectors, int last)
        where TV : struct, IFloatVector<TV>
        where TActivation : struct, IActivation
    {
        int n = TV.Count;
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, inputs);
        ref float x2 = ref Unsafe.Add(ref x, 2 * inputs);
        ref float x3 = ref Unsafe.Add(ref x, 3 * inputs);
        ref float z0 = ref Unsafe.Add(ref z, o);
        ref float z1 = ref Unsafe.Add(ref z, outputs + o);
        ref float z2 = ref Unsafe.Add(ref z, 2 * outputs + o);
        ref float z3 = ref Unsafe.Add(ref z, 3 * outputs + o);

        // Accumulator cSV: sample S, vector V of the block.
        TV c00, c01 = default, c02 = default, c03 = default;
        TV c10, c11 = default, c12 = default, c13 = default;
        TV c20, c21 = default, c22 = default, c23 = default;
        TV c30, c31 = default, c32 = default, c33 = default;
        if (firstPanel)
        {
            ref float bias = ref Unsafe.Add(ref b, o);
            c00 = c10 = c20 = c30 = TV.Load(ref bias, 0);
            if (vectors > 1)
            {
                c01 = c11 = c21 = c31 = TV.Load(ref bias, n);
            }

            if (vectors > 2)
            {
                c02 = c12 = c22 = c32 = TV.Load(ref bias, 2 * n);
            }

            if (vectors > 3)
            {
                c03 = c13 = c23 = c33 = TV.Load(ref bias, 3 * n);
            }
        }
        else
        {
            c00 = TV.Load(ref z0, 0);
            c10 = TV.Load(ref z1, 0);
            c20 = TV.Load(ref z2, 0);
            c30 = TV.Load(ref z3, 0);
            if (vectors > 1)
            {
                c01 = TV.Load(ref z0, n);
                c11 = TV.Load(ref z1, n);
                c21 = TV.Load(ref z2, n);
                c31 = TV.Load(ref z3, n);
            }

            if (vectors > 2)
            {
                c02 = TV.Load(ref z0, 2 * n);
                c12 = TV.Load(ref z1, 2 * n);
                c22 = TV.Load(ref z2, 2 * n);
                c32 = TV.Load(ref z3, 2 * n);
            }

            if (vectors > 3)
            {
                c03 = TV.Load(ref z0, 3 * n);
                c13 = TV.Load(ref z1, 3 * n);
                c23 = TV.Load(ref z2, 3 * n);
                c33 = TV.Load(ref z3, 3 * n);
            }
        }

        for (int i = i0; i < i1; i++)
        {
            ref float row = ref Unsafe.Add(ref w, (nint)i * outputs + o);
            TV w0 = TV.Load(ref row, 0);
            TV w1 = vectors > 1 ? TV.Load(ref row, n) : default;
            TV w2 = vectors > 2 ? TV.Load(ref row, 2 * n) : default;
            TV w3 = vectors > 3 ? TV.Load(ref row, 3 * n) : default;

            TV xs = TV.Broadcast(Unsafe.Add(ref x0, i));
            c00 = TV.MultiplyAdd(xs, w0, c00);
            if (vectors > 1) c01 = TV.MultiplyAdd(xs, w1, c01);
            if (vectors > 2) c02 = TV.MultiplyAdd(xs, w2, c02);
            if (vectors > 3) c03 = TV.MultiplyAdd(xs, w3, c03);

            xs = TV.Broadcast(Unsafe.Add(ref x1, i));
            c10 = TV.MultiplyAdd(xs, w0, c10);
            if (vectors > 1) c11 = TV.MultiplyAdd(xs, w1, c11);
            if (vectors > 2) c12 = TV.MultiplyAdd(xs, w2, c12);
            if (vectors > 3) c13 = TV.MultiplyAdd(xs, w3, c13);

            xs = TV.Broadcast(Unsafe.Add(ref x2, i));
            c20 = TV.MultiplyAdd(xs, w0, c20);
            if (vectors > 1) c21 = TV.MultiplyAdd(xs, w1, c21);
            if (vectors > 2) c22 = TV.MultiplyAdd(xs, w2, c22);
            if (vectors > 3) c23 = TV.MultiplyAdd(xs, w3, c23);

            xs = TV.Broadcast(Unsafe.Add(ref x3, i));
            c30 = TV.MultiplyAdd(xs, w0, c30);
            if (vectors > 1) c31 = TV.MultiplyAdd(xs, w1, c31);
            if (vectors > 2) c32 = TV.MultiplyAdd(xs, w2, c32);
            if (vectors > 3) c33 = TV.MultiplyAdd(xs, w3, c33);
        }

        ref float a0 = ref Unsafe.Add(ref a, o);
        StoreRow(ref z0, ref a0, lastPanel, activation, vectors, last, c00, c01, c02, c03);
        StoreRow(ref z1, ref Unsafe.Add(ref a0, outputs), lastPanel, activation, vectors, last, c10, c11, c12, c13);
        StoreRow(ref z2, ref Unsafe.Add(ref a0, 2 * outputs), lastPanel, activation, vectors, last, c20, c21, c22, c23);
        StoreRow(ref z3, ref Unsafe.Add(ref a0, 3 * outputs), lastPanel, activation, vectors, last, c30, c31, c32, c33);
    }

    /// <summary>Stores one sample's accumulators of a block to Z and, after the last panel, their activations to A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TV, TActivation>(ref float z, ref float a, bool lastPanel, TActivation activation, int vectors, int last,
        TV c0, TV c1, TV c2, TV c3)
        where TV : struct, IFloatVector<TV>
        where TActivation : struct, IActivation
    {
        int n = TV.Count;
        Store(c0, ref z, ref a, 0, vectors == 1 ? last : n, lastPanel, activation);
        if (vectors > 1)
        {
            Store(c1, ref z, ref a, n, vectors == 2 ? last : n, lastPanel, activation);
        }

        if (vectors > 2)
        {
            Store(c2, ref z, ref a, 2 * n, vectors == 3 ? last : n, lastPanel, activation);
        }

        if (vectors > 3)
        {
            Store(c3, ref z, ref a, 3 * n, last, lastPanel, activation);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV, TActivation>(TV sum, ref float z, ref float a, nint offset, int count, bool lastPanel, TActivation activation)
        where TV : struct, IFloatVector<TV>
        where TActivation : struct, IActivation
    {
        Put(sum, ref z, offset, count);
        if (lastPanel)
        {
            Put(TV.Activate(sum, activation), ref a, offset, count);
        }
    }

    /// <summary>Writes the first <paramref name="count"/> lanes of <paramref name="value"/>: the whole vector when it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TV>(TV value, ref float destination, nint offset, int count)
        where TV : struct, IFloatVector<TV>
    {
        if (count == TV.Count)
        {
            TV.Store(value, ref destination, offset);
        }
        else
        {
            TV.StoreFirst(value, ref destination, offset, count);
        }
    }
}
