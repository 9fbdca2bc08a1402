using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Kernels;

/// <summary>Four floats in a <see cref="Vector128{T}"/>.</summary>
public readonly struct Float128 : IFloatVector<Float128>
{
    private readonly Vector128<float> _value;

    private Float128(Vector128<float> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static Float128 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Broadcast(float value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Load(ref float source, nint offset) => new(Vector128.LoadUnsafe(ref Unsafe.Add(ref source, offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float128 value, ref float destination, nint offset) => value._value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Float128 value, ref float destination, nint offset, int count)
    {
        for (int k = 0; k < count; k++)
        {
            Unsafe.Add(ref destination, offset + k) = value._value.GetElement(k);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 MultiplyAdd(Float128 left, Float128 right, Float128 addend) => new(Vector128.FusedMultiplyAdd(left._value, right._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Activate<TActivation>(Float128 z, TActivation activation)
        where TActivation : struct, IActivation => new(activation.Forward(z._value));
}
