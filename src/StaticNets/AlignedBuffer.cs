using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets;

/// <summary>
/// A zeroed buffer of floats whose element 0 lies on a 64-byte boundary, for the buffers of generated networks. A 512-bit
/// load from an unaligned address touches two cache lines instead of one; the kernels stream their weights and
/// activations in such loads, and with a misaligned buffer they ran 10–15 % slower (a register-tiled 256 × 784 × 128
/// product: 259 µs aligned, 284–299 µs at the three other 16-byte offsets, timed in a loop on an AMD Zen 5).
/// </summary>
/// <remarks>
/// <para>
/// .NET places array data only 8 bytes apart from a boundary and has no aligned allocation. So the buffer is an array
/// <see cref="Padding"/> floats longer than asked, allocated on the pinned object heap, where it never moves, and the
/// buffer starts at the array's first 64-byte boundary, 0 to 15 floats in. The alignment is therefore certain, whatever
/// else the process allocates, at a cost of 60 bytes per buffer.
/// </para>
/// <para>
/// <see cref="Span"/> is the buffer, bounds-checked; <see cref="Start"/> is a reference to its element 0 for kernels
/// that address it with <see cref="Unsafe.Add{T}(ref T, int)"/>. Like <see cref="Memory{T}"/>, a copy of the value refers
/// to the same floats. The default value is an empty buffer with no array.
/// </para>
/// </remarks>
public readonly struct AlignedBuffer
{
    /// <summary>The boundary, in bytes: one cache line, one 512-bit vector.</summary>
    public const int Alignment = 64;

    /// <summary>Floats beyond the length wanted that a buffer needs to start on a boundary: at most 15 are skipped.</summary>
    public const int Padding = Alignment / sizeof(float) - 1;

    private readonly float[]? _array; // Length + Padding floats, on the pinned object heap
    private readonly int _skip;       // floats from the array's element 0 to the boundary

    /// <summary>Allocates a zeroed buffer of <paramref name="length"/> floats starting on a 64-byte boundary.</summary>
    /// <param name="length">Floats in the buffer; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or too large for an array.</exception>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength - Padding);
        _array = GC.AllocateArray<float>(length + Padding, pinned: true);
        _skip = SkipToBoundary(ref MemoryMarshal.GetArrayDataReference(_array));
        Length = length;
    }

    /// <summary>Floats in the buffer.</summary>
    public int Length { get; }

    /// <summary>Whether the buffer has been allocated (the default value has not).</summary>
    public bool IsAllocated => _array is not null;

    /// <summary>The buffer's floats, starting on a 64-byte boundary.</summary>
    public Span<float> Span => _array is null ? default : new Span<float>(_array, _skip, Length);

    /// <summary>
    /// A reference to element 0, on a 64-byte boundary; not bounds-checked, so offsets from it must stay below
    /// <see cref="Length"/>. Throws <see cref="NullReferenceException"/> on the default value.
    /// </summary>
    public ref float Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array!), _skip);

    /// <summary>Sets every float of the buffer to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>
    /// The <paramref name="length"/> floats of <paramref name="buffer"/> that start at its first 64-byte boundary. For
    /// memory that does not move, such as a <see langword="stackalloc"/> buffer (the stack is only 16-byte aligned).
    /// Give it <paramref name="length"/> + <see cref="Padding"/> floats.
    /// </summary>
    /// <param name="buffer">Stack or pinned memory of at least <paramref name="length"/> + <see cref="Padding"/> floats.</param>
    /// <param name="length">Floats wanted.</param>
    /// <returns>The aligned part.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is too short.</exception>
    public static Span<float> Align(Span<float> buffer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (buffer.Length < length + Padding)
        {
            throw new ArgumentException($"The buffer must hold {length} + {Padding} floats, but it holds {buffer.Length}.", nameof(buffer));
        }

        return buffer.Slice(SkipToBoundary(ref MemoryMarshal.GetReference(buffer)), length);
    }

    /// <summary>Floats from <paramref name="first"/> (in memory that does not move) up to the next 64-byte boundary.</summary>
    private static unsafe int SkipToBoundary(ref float first) =>
        (int)(-(nint)Unsafe.AsPointer(ref first) & (Alignment - 1)) / sizeof(float);
}
