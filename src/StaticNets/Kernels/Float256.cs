using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Kernels;

/// <summary>Eight floats in a <see cref="Vector256{T}"/>.</summary>
public readonly struct Float256 : IFloatVector<Float256>
{
    private readonly Vector256<float> _value;

    private Float256(Vector256<float> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static Float256 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Broadcast(float value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Load(ref float source, nint offset) => new(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float256 value, ref float destination, nint offset) => value._value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Float256 value, ref float destination, nint offset, int count)
    {
        for (int k = 0; k < count; k++)
        {
            Unsafe.Add(ref destination, offset + k) = value._value.GetElement(k);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(Float256 left, Float256 right, Float256 addend) => new(Vector256.FusedMultiplyAdd(left._value, right._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Activate<TActivation>(Float256 z, TActivation activation)
        where TActivation : struct, IActivation => new(activation.Forward(z._value));
}
