using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Kernels;

/// <summary>Sixteen floats in a <see cref="Vector512{T}"/>.</summary>
public readonly struct Float512 : IFloatVector<Float512>
{
    private readonly Vector512<float> _value;

    private Float512(Vector512<float> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static Float512 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Broadcast(float value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Load(ref float source, nint offset) => new(Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float512 value, ref float destination, nint offset) => value._value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Float512 value, ref float destination, nint offset, int count)
    {
        for (int k = 0; k < count; k++)
        {
            Unsafe.Add(ref destination, offset + k) = value._value.GetElement(k);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(Float512 left, Float512 right, Float512 addend) => new(Vector512.FusedMultiplyAdd(left._value, right._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Activate<TActivation>(Float512 z, TActivation activation)
        where TActivation : struct, IActivation => new(activation.Forward(z._value));
}
