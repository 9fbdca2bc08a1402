using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>A single float, the width of machines without vector hardware.</summary>
public readonly struct Float1 : IFloatVector<Float1>
{
    private readonly float _value;

    private Float1(float value) => _value = value;

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => true;

    /// <inheritdoc/>
    public static Float1 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1 Broadcast(float value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1 Load(ref float source, nint offset) => new(Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float1 value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value._value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Float1 value, ref float destination, nint offset, int count)
    {
        if (count > 0)
        {
            Unsafe.Add(ref destination, offset) = value._value;
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1 MultiplyAdd(Float1 left, Float1 right, Float1 addend) => new(System.MathF.FusedMultiplyAdd(left._value, right._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1 Activate<TActivation>(Float1 z, TActivation activation)
        where TActivation : struct, IActivation => new(activation.Forward(z._value));
}
