using System.Runtime.Intrinsics;

namespace StaticNets.Kernels;

/// <summary>
/// One SIMD width as a type: a kernel written once over <typeparamref name="TSelf"/> is compiled by the JIT separately
/// for each width it is called with (the widths are structs), with every member inlined, so it runs as fast as the same
/// kernel written out for that width. The generated code calls each kernel at the widest width the machine runs.
/// </summary>
/// <remarks>
/// <see cref="Float512"/>, <see cref="Float256"/> and <see cref="Float128"/> hold one <see cref="Vector512{T}"/>,
/// <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats; <see cref="Float1"/> is a single float, so the
/// same kernel also serves machines without vector hardware.
/// </remarks>
/// <typeparam name="TSelf">The width itself.</typeparam>
public interface IFloatVector<TSelf>
    where TSelf : struct, IFloatVector<TSelf>
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this machine runs the width in hardware rather than in software.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Every lane 0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(float value);

    /// <summary>The <see cref="Count"/> floats from <paramref name="offset"/> on.</summary>
    static abstract TSelf Load(ref float source, nint offset);

    /// <summary>Writes all <see cref="Count"/> lanes from <paramref name="offset"/> on.</summary>
    static abstract void Store(TSelf value, ref float destination, nint offset);

    /// <summary>Writes lanes 0 to <paramref name="count"/> − 1 only; the floats after them are not touched.</summary>
    static abstract void StoreFirst(TSelf value, ref float destination, nint offset, int count);

    /// <summary><c>left · right + addend</c> in each lane, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary><paramref name="activation"/> applied to each lane.</summary>
    static abstract TSelf Activate<TActivation>(TSelf z, TActivation activation)
        where TActivation : struct, IActivation;
}
