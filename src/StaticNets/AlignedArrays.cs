using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets;

/// <summary>
/// Float arrays whose first element lies on a 64-byte boundary, for the buffers of generated networks. A 512-bit load
/// from an unaligned address touches two cache lines instead of one; the kernels stream their weights and activations
/// in such loads, and with a misaligned buffer they ran 10–15 % slower (a register-tiled 256 × 784 × 128 product: 259 µs
/// aligned, 284–299 µs at the three other 16-byte offsets, timed in a loop on an AMD Zen 5).
/// </summary>
/// <remarks>
/// <para>
/// The arrays live on the pinned object heap, so they never move once placed. The runtime places a new pinned object
/// right after the last one, or in a gap that an earlier object left free; a probe shows where the next object goes,
/// and a spacer array sized from it moves the new array's data onto the boundary. Probe and spacer are at least
/// <see cref="MinimumLength"/> floats' worth of bytes, so that neither fits a gap left by a dead probe or spacer, where
/// the array would not follow it. If another thread allocates in between, the placement is tried again, a few times,
/// and then an unaligned array is returned: alignment only ever changes speed, never a result.
/// </para>
/// <para>
/// Arrays shorter than <see cref="MinimumLength"/> floats are ordinary arrays: they fit in a cache line or two and in
/// the small gaps of the pinned heap, where no spacer can place them.
/// </para>
/// </remarks>
public static class AlignedArrays
{
    /// <summary>The boundary, in bytes: one cache line, one 512-bit vector.</summary>
    public const int Alignment = 64;

    /// <summary>Floats a buffer given to <see cref="Align"/> needs beyond the length wanted: at most 15 are skipped.</summary>
    public const int Padding = Alignment / sizeof(float) - 1;

    /// <summary>The shortest array <see cref="Floats"/> aligns: two cache lines.</summary>
    public const int MinimumLength = 2 * Alignment / sizeof(float);

    private const int Attempts = 8;

    // An array object is its data plus 16 bytes (method table and length) before it and an 8-byte header before that,
    // so the next object's data starts ArrayOverhead bytes after this one's data ends.
    private const int ArrayOverhead = 24;

    // The probe's length, and the least a spacer takes: more than any gap a dead probe or spacer leaves.
    private const int ProbeBytes = MinimumLength * sizeof(float);

    /// <summary>
    /// A zeroed array of <paramref name="length"/> floats whose element 0 is 64-byte aligned if it holds at least
    /// <see cref="MinimumLength"/> floats (see the remarks).
    /// </summary>
    /// <param name="length">Floats in the array; zero or more.</param>
    /// <returns>The array: on the pinned object heap from <see cref="MinimumLength"/> floats on, else an ordinary one.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static float[] Floats(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < MinimumLength)
        {
            return new float[length];
        }

        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            // The next objects follow the probe: a spacer of ProbeBytes + shift bytes, then the array, whose data would
            // start 2 * (ProbeBytes + ArrayOverhead) bytes after the probe's with no shift.
            byte[] probe = GC.AllocateArray<byte>(ProbeBytes, pinned: true);
            int shift = BytesToBoundary(AddressOf(probe) + 2 * (ProbeBytes + ArrayOverhead));
            _ = GC.AllocateArray<byte>(ProbeBytes + shift, pinned: true);
            float[] array = GC.AllocateArray<float>(length, pinned: true);
            if (IsAligned(array))
            {
                return array;
            }
        }

        return GC.AllocateArray<float>(length, pinned: true);
    }

    /// <summary>
    /// The <paramref name="length"/> floats of <paramref name="buffer"/> that start at its first 64-byte boundary. For
    /// memory that does not move: a <see langword="stackalloc"/> buffer (the stack is only 16-byte aligned) or a pinned
    /// array. Give it <paramref name="length"/> + <see cref="Padding"/> floats.
    /// </summary>
    /// <param name="buffer">Stack or pinned memory of at least <paramref name="length"/> + <see cref="Padding"/> floats.</param>
    /// <param name="length">Floats wanted.</param>
    /// <returns>The aligned part.</returns>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is too short.</exception>
    public static unsafe Span<float> Align(Span<float> buffer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (buffer.Length < length + Padding)
        {
            throw new ArgumentException($"The buffer must hold {length} + {Padding} floats, but it holds {buffer.Length}.", nameof(buffer));
        }

        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer));
        return buffer.Slice(BytesToBoundary(address) / sizeof(float), length);
    }

    /// <summary>Whether element 0 of <paramref name="array"/> (an array on the pinned object heap) is 64-byte aligned.</summary>
    /// <param name="array">A pinned array.</param>
    /// <returns><see langword="true"/> if its data starts on a 64-byte boundary.</returns>
    public static bool IsAligned(Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return BytesToBoundary(AddressOf(array)) == 0;
    }

    /// <summary>Bytes from <paramref name="address"/> up to the next 64-byte boundary (0 on one).</summary>
    private static int BytesToBoundary(nint address) => (int)(-address & (Alignment - 1));

    /// <summary>The address of element 0 of an array that does not move (on the pinned object heap).</summary>
    private static unsafe nint AddressOf(Array array) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
