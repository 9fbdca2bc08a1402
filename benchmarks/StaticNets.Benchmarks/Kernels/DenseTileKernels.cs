using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>
/// One SIMD width as a type, so that a kernel can be written once and specialised by the JIT for each width (the
/// type arguments are structs, so each instantiation is compiled separately and every call inlines).
/// </summary>
public interface IFloatVector<TSelf>
    where TSelf : struct, IFloatVector<TSelf>
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether the machine runs this width in hardware.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TSelf Load(ref float source, nint offset);

    static abstract void Store(TSelf value, ref float destination, nint offset);

    static abstract TSelf Broadcast(float value);

    /// <summary><c>left · right + addend</c>, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    static abstract TSelf Max(TSelf left, TSelf right);

    static abstract TSelf Zero { get; }
}

/// <summary>512-bit vectors of 16 floats.</summary>
public readonly struct Float512 : IFloatVector<Float512>
{
    private readonly Vector512<float> _value;

    private Float512(Vector512<float> value) => _value = value;

    public static int Count => Vector512<float>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    public static Float512 Zero => new(Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Load(ref float source, nint offset) => new(Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float512 value, ref float destination, nint offset) => value._value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(Float512 left, Float512 right, Float512 addend) =>
        new(Vector512.FusedMultiplyAdd(left._value, right._value, addend._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Max(Float512 left, Float512 right) => new(Vector512.Max(left._value, right._value));
}

/// <summary>256-bit vectors of 8 floats.</summary>
public readonly struct Float256 : IFloatVector<Float256>
{
    private readonly Vector256<float> _value;

    private Float256(Vector256<float> value) => _value = value;

    public static int Count => Vector256<float>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    public static Float256 Zero => new(Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Load(ref float source, nint offset) => new(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float256 value, ref float destination, nint offset) => value._value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Broadcast(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(Float256 left, Float256 right, Float256 addend) =>
        new(Vector256.FusedMultiplyAdd(left._value, right._value, addend._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Max(Float256 left, Float256 right) => new(Vector256.Max(left._value, right._value));
}

/// <summary>
/// A width-generic register tile for a dense layer's forward pass over 4 samples: Z = X·W + b, A = relu(Z), with the
/// weight rows <c>[i0, i1)</c> of one panel. Sizes are arguments; the caller passes constants, and the kernel is
/// inlined into it, so the JIT sees them as constants.
/// </summary>
public static class DenseTile
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardRelu4<TV>(ref float x, int inputs, ref float w, int outputs, ref float b,
        ref float z, ref float a, int i0, int i1, bool firstPanel, bool lastPanel)
        where TV : struct, IFloatVector<TV>
    {
        int n = TV.Count;
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, inputs);
        ref float x2 = ref Unsafe.Add(ref x, 2 * inputs);
        ref float x3 = ref Unsafe.Add(ref x, 3 * inputs);
        ref float z0 = ref z;
        ref float z1 = ref Unsafe.Add(ref z, outputs);
        ref float z2 = ref Unsafe.Add(ref z, 2 * outputs);
        ref float z3 = ref Unsafe.Add(ref z, 3 * outputs);
        for (int o = 0; o + 4 * n <= outputs; o += 4 * n)
        {
            TV c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
            if (firstPanel)
            {
                c00 = c10 = c20 = c30 = TV.Load(ref b, o);
                c01 = c11 = c21 = c31 = TV.Load(ref b, o + n);
                c02 = c12 = c22 = c32 = TV.Load(ref b, o + 2 * n);
                c03 = c13 = c23 = c33 = TV.Load(ref b, o + 3 * n);
            }
            else
            {
                c00 = TV.Load(ref z0, o); c01 = TV.Load(ref z0, o + n); c02 = TV.Load(ref z0, o + 2 * n); c03 = TV.Load(ref z0, o + 3 * n);
                c10 = TV.Load(ref z1, o); c11 = TV.Load(ref z1, o + n); c12 = TV.Load(ref z1, o + 2 * n); c13 = TV.Load(ref z1, o + 3 * n);
                c20 = TV.Load(ref z2, o); c21 = TV.Load(ref z2, o + n); c22 = TV.Load(ref z2, o + 2 * n); c23 = TV.Load(ref z2, o + 3 * n);
                c30 = TV.Load(ref z3, o); c31 = TV.Load(ref z3, o + n); c32 = TV.Load(ref z3, o + 2 * n); c33 = TV.Load(ref z3, o + 3 * n);
            }

            for (int i = i0; i < i1; i++)
            {
                ref float row = ref Unsafe.Add(ref w, i * outputs + o);
                TV w0 = TV.Load(ref row, 0), w1 = TV.Load(ref row, n), w2 = TV.Load(ref row, 2 * n), w3 = TV.Load(ref row, 3 * n);
                TV xv = TV.Broadcast(Unsafe.Add(ref x0, i));
                c00 = TV.MultiplyAdd(xv, w0, c00); c01 = TV.MultiplyAdd(xv, w1, c01); c02 = TV.MultiplyAdd(xv, w2, c02); c03 = TV.MultiplyAdd(xv, w3, c03);
                xv = TV.Broadcast(Unsafe.Add(ref x1, i));
                c10 = TV.MultiplyAdd(xv, w0, c10); c11 = TV.MultiplyAdd(xv, w1, c11); c12 = TV.MultiplyAdd(xv, w2, c12); c13 = TV.MultiplyAdd(xv, w3, c13);
                xv = TV.Broadcast(Unsafe.Add(ref x2, i));
                c20 = TV.MultiplyAdd(xv, w0, c20); c21 = TV.MultiplyAdd(xv, w1, c21); c22 = TV.MultiplyAdd(xv, w2, c22); c23 = TV.MultiplyAdd(xv, w3, c23);
                xv = TV.Broadcast(Unsafe.Add(ref x3, i));
                c30 = TV.MultiplyAdd(xv, w0, c30); c31 = TV.MultiplyAdd(xv, w1, c31); c32 = TV.MultiplyAdd(xv, w2, c32); c33 = TV.MultiplyAdd(xv, w3, c33);
            }

            Store4(ref z0, ref a, 0, outputs, o, n, lastPanel, c00, c01, c02, c03);
            Store4(ref z1, ref a, 1, outputs, o, n, lastPanel, c10, c11, c12, c13);
            Store4(ref z2, ref a, 2, outputs, o, n, lastPanel, c20, c21, c22, c23);
            Store4(ref z3, ref a, 3, outputs, o, n, lastPanel, c30, c31, c32, c33);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4<TV>(ref float zRow, ref float a, int sample, int outputs, int o, int n, bool lastPanel, TV c0, TV c1, TV c2, TV c3)
        where TV : struct, IFloatVector<TV>
    {
        TV.Store(c0, ref zRow, o);
        TV.Store(c1, ref zRow, o + n);
        TV.Store(c2, ref zRow, o + 2 * n);
        TV.Store(c3, ref zRow, o + 3 * n);
        if (lastPanel)
        {
            ref float aRow = ref Unsafe.Add(ref a, sample * outputs);
            TV.Store(TV.Max(c0, TV.Zero), ref aRow, o);
            TV.Store(TV.Max(c1, TV.Zero), ref aRow, o + n);
            TV.Store(TV.Max(c2, TV.Zero), ref aRow, o + 2 * n);
            TV.Store(TV.Max(c3, TV.Zero), ref aRow, o + 3 * n);
        }
    }
}
