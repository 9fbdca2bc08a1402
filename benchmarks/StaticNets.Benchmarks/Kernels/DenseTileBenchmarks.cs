using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using StaticNets.Kernels;
using StaticNets.Operators;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>
/// Layer 1 of the W1/W2 network (784 → 128, ReLU) over a batch of 256 on one thread, the kernel that dominates W2:
/// the generator's unrolled 512-bit register tile (its text, taken from the generated code of that network) against
/// the same tile written once, width-generic, in <see cref="DenseKernels"/>. Both must give the same bits.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DenseTileBenchmarks
{
    private const int L1In = 784, L1Out = 128, Batch = 256, Panels = 13;
    private float[] _x = [], _w = [], _b = [], _z = [], _a = [];
    private int _xo, _wo, _bo, _zo, _ao; // the offsets of each array's first 64-byte boundary, where its data starts

    [GlobalSetup]
    public void Setup()
    {
        // Aligned as the generated networks align their buffers: a misaligned 512-bit load touches two cache lines.
        var random = new SeededRandom(1);
        (_x, _xo) = Aligned(random, Batch * L1In);
        (_w, _wo) = Aligned(random, L1In * L1Out);
        (_b, _bo) = Aligned(random, L1Out);
        (_z, _zo) = Aligned(null, Batch * L1Out);
        (_a, _ao) = Aligned(null, Batch * L1Out);
        Unrolled512();
        float[] z = (float[])_z.Clone(), a = (float[])_a.Clone();
        Array.Clear(_z);
        Array.Clear(_a);
        Generic512();
        if (!z.AsSpan().SequenceEqual(_z) || !a.AsSpan().SequenceEqual(_a))
        {
            throw new InvalidOperationException("the generic tile does not give the unrolled tile's bits");
        }
    }

    [Benchmark(Baseline = true)]
    public void Unrolled512()
    {
        ref float x = ref _x[_xo];
        ref float w = ref _w[_wo];
        ref float b = ref _b[_bo];
        ref float z = ref _z[_zo];
        ref float a = ref _a[_ao];
        for (int panel = 0; panel < Panels; panel++)
        {
            int i0 = panel * L1In / Panels, i1 = (panel + 1) * L1In / Panels;
            bool firstPanel = panel == 0, lastPanel = panel == Panels - 1;
            for (int s = 0; s < Batch; s += 4)
            {
                ref float x0 = ref Unsafe.Add(ref x, (s + 0) * L1In);
                ref float x1 = ref Unsafe.Add(ref x, (s + 1) * L1In);
                ref float x2 = ref Unsafe.Add(ref x, (s + 2) * L1In);
                ref float x3 = ref Unsafe.Add(ref x, (s + 3) * L1In);
                ref float z0 = ref Unsafe.Add(ref z, (s + 0) * L1Out);
                ref float z1 = ref Unsafe.Add(ref z, (s + 1) * L1Out);
                ref float z2 = ref Unsafe.Add(ref z, (s + 2) * L1Out);
                ref float z3 = ref Unsafe.Add(ref z, (s + 3) * L1Out);
                ref float a0 = ref Unsafe.Add(ref a, (s + 0) * L1Out);
                ref float a1 = ref Unsafe.Add(ref a, (s + 1) * L1Out);
                ref float a2 = ref Unsafe.Add(ref a, (s + 2) * L1Out);
                ref float a3 = ref Unsafe.Add(ref a, (s + 3) * L1Out);
        {
            // outputs 0..63 (4 x Vector512)
            {
                var acc0_0 = firstPanel ? Vector512.LoadUnsafe(ref b, 0) : Vector512.LoadUnsafe(ref z0, 0);
                var acc0_1 = firstPanel ? Vector512.LoadUnsafe(ref b, 16) : Vector512.LoadUnsafe(ref z0, 16);
                var acc0_2 = firstPanel ? Vector512.LoadUnsafe(ref b, 32) : Vector512.LoadUnsafe(ref z0, 32);
                var acc0_3 = firstPanel ? Vector512.LoadUnsafe(ref b, 48) : Vector512.LoadUnsafe(ref z0, 48);
                var acc1_0 = firstPanel ? acc0_0 : Vector512.LoadUnsafe(ref z1, 0);
                var acc1_1 = firstPanel ? acc0_1 : Vector512.LoadUnsafe(ref z1, 16);
                var acc1_2 = firstPanel ? acc0_2 : Vector512.LoadUnsafe(ref z1, 32);
                var acc1_3 = firstPanel ? acc0_3 : Vector512.LoadUnsafe(ref z1, 48);
                var acc2_0 = firstPanel ? acc0_0 : Vector512.LoadUnsafe(ref z2, 0);
                var acc2_1 = firstPanel ? acc0_1 : Vector512.LoadUnsafe(ref z2, 16);
                var acc2_2 = firstPanel ? acc0_2 : Vector512.LoadUnsafe(ref z2, 32);
                var acc2_3 = firstPanel ? acc0_3 : Vector512.LoadUnsafe(ref z2, 48);
                var acc3_0 = firstPanel ? acc0_0 : Vector512.LoadUnsafe(ref z3, 0);
                var acc3_1 = firstPanel ? acc0_1 : Vector512.LoadUnsafe(ref z3, 16);
                var acc3_2 = firstPanel ? acc0_2 : Vector512.LoadUnsafe(ref z3, 32);
                var acc3_3 = firstPanel ? acc0_3 : Vector512.LoadUnsafe(ref z3, 48);
                for (int i = i0; i < i1; i++)
                {
                    ref float row = ref Unsafe.Add(ref w, i * L1Out);
                    var w0 = Vector512.LoadUnsafe(ref row, 0);
                    var w1 = Vector512.LoadUnsafe(ref row, 16);
                    var w2 = Vector512.LoadUnsafe(ref row, 32);
                    var w3 = Vector512.LoadUnsafe(ref row, 48);
                    float x0i = Unsafe.Add(ref x0, i);
                    var x0iv16 = Vector512.Create(x0i);
                    acc0_0 = Vector512.FusedMultiplyAdd(x0iv16, w0, acc0_0);
                    acc0_1 = Vector512.FusedMultiplyAdd(x0iv16, w1, acc0_1);
                    acc0_2 = Vector512.FusedMultiplyAdd(x0iv16, w2, acc0_2);
                    acc0_3 = Vector512.FusedMultiplyAdd(x0iv16, w3, acc0_3);
                    float x1i = Unsafe.Add(ref x1, i);
                    var x1iv16 = Vector512.Create(x1i);
                    acc1_0 = Vector512.FusedMultiplyAdd(x1iv16, w0, acc1_0);
                    acc1_1 = Vector512.FusedMultiplyAdd(x1iv16, w1, acc1_1);
                    acc1_2 = Vector512.FusedMultiplyAdd(x1iv16, w2, acc1_2);
                    acc1_3 = Vector512.FusedMultiplyAdd(x1iv16, w3, acc1_3);
                    float x2i = Unsafe.Add(ref x2, i);
                    var x2iv16 = Vector512.Create(x2i);
                    acc2_0 = Vector512.FusedMultiplyAdd(x2iv16, w0, acc2_0);
                    acc2_1 = Vector512.FusedMultiplyAdd(x2iv16, w1, acc2_1);
                    acc2_2 = Vector512.FusedMultiplyAdd(x2iv16, w2, acc2_2);
                    acc2_3 = Vector512.FusedMultiplyAdd(x2iv16, w3, acc2_3);
                    float x3i = Unsafe.Add(ref x3, i);
                    var x3iv16 = Vector512.Create(x3i);
                    acc3_0 = Vector512.FusedMultiplyAdd(x3iv16, w0, acc3_0);
                    acc3_1 = Vector512.FusedMultiplyAdd(x3iv16, w1, acc3_1);
                    acc3_2 = Vector512.FusedMultiplyAdd(x3iv16, w2, acc3_2);
                    acc3_3 = Vector512.FusedMultiplyAdd(x3iv16, w3, acc3_3);
                }

                if (!lastPanel) // the sums so far, for the next panel
                {
                    Vector512.StoreUnsafe(acc0_0, ref z0, 0);
                    Vector512.StoreUnsafe(acc0_1, ref z0, 16);
                    Vector512.StoreUnsafe(acc0_2, ref z0, 32);
                    Vector512.StoreUnsafe(acc0_3, ref z0, 48);
                    Vector512.StoreUnsafe(acc1_0, ref z1, 0);
                    Vector512.StoreUnsafe(acc1_1, ref z1, 16);
                    Vector512.StoreUnsafe(acc1_2, ref z1, 32);
                    Vector512.StoreUnsafe(acc1_3, ref z1, 48);
                    Vector512.StoreUnsafe(acc2_0, ref z2, 0);
                    Vector512.StoreUnsafe(acc2_1, ref z2, 16);
                    Vector512.StoreUnsafe(acc2_2, ref z2, 32);
                    Vector512.StoreUnsafe(acc2_3, ref z2, 48);
                    Vector512.StoreUnsafe(acc3_0, ref z3, 0);
                    Vector512.StoreUnsafe(acc3_1, ref z3, 16);
                    Vector512.StoreUnsafe(acc3_2, ref z3, 32);
                    Vector512.StoreUnsafe(acc3_3, ref z3, 48);
                }
                else
                {
                    Vector512.StoreUnsafe(acc0_0, ref z0, 0);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_0), ref a0, 0);
                    Vector512.StoreUnsafe(acc0_1, ref z0, 16);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_1), ref a0, 16);
                    Vector512.StoreUnsafe(acc0_2, ref z0, 32);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_2), ref a0, 32);
                    Vector512.StoreUnsafe(acc0_3, ref z0, 48);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_3), ref a0, 48);
                    Vector512.StoreUnsafe(acc1_0, ref z1, 0);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_0), ref a1, 0);
                    Vector512.StoreUnsafe(acc1_1, ref z1, 16);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_1), ref a1, 16);
                    Vector512.StoreUnsafe(acc1_2, ref z1, 32);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_2), ref a1, 32);
                    Vector512.StoreUnsafe(acc1_3, ref z1, 48);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_3), ref a1, 48);
                    Vector512.StoreUnsafe(acc2_0, ref z2, 0);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_0), ref a2, 0);
                    Vector512.StoreUnsafe(acc2_1, ref z2, 16);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_1), ref a2, 16);
                    Vector512.StoreUnsafe(acc2_2, ref z2, 32);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_2), ref a2, 32);
                    Vector512.StoreUnsafe(acc2_3, ref z2, 48);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_3), ref a2, 48);
                    Vector512.StoreUnsafe(acc3_0, ref z3, 0);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_0), ref a3, 0);
                    Vector512.StoreUnsafe(acc3_1, ref z3, 16);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_1), ref a3, 16);
                    Vector512.StoreUnsafe(acc3_2, ref z3, 32);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_2), ref a3, 32);
                    Vector512.StoreUnsafe(acc3_3, ref z3, 48);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_3), ref a3, 48);
                }
            }
            // outputs 64..127 (4 x Vector512)
            {
                var acc0_0 = firstPanel ? Vector512.LoadUnsafe(ref b, 64) : Vector512.LoadUnsafe(ref z0, 64);
                var acc0_1 = firstPanel ? Vector512.LoadUnsafe(ref b, 80) : Vector512.LoadUnsafe(ref z0, 80);
                var acc0_2 = firstPanel ? Vector512.LoadUnsafe(ref b, 96) : Vector512.LoadUnsafe(ref z0, 96);
                var acc0_3 = firstPanel ? Vector512.LoadUnsafe(ref b, 112) : Vector512.LoadUnsafe(ref z0, 112);
                var acc1_0 = firstPanel ? acc0_0 : Vector512.LoadUnsafe(ref z1, 64);
                var acc1_1 = firstPanel ? acc0_1 : Vector512.LoadUnsafe(ref z1, 80);
                var acc1_2 = firstPanel ? acc0_2 : Vector512.LoadUnsafe(ref z1, 96);
                var acc1_3 = firstPanel ? acc0_3 : Vector512.LoadUnsafe(ref z1, 112);
                var acc2_0 = firstPanel ? acc0_0 : Vector512.LoadUnsafe(ref z2, 64);
                var acc2_1 = firstPanel ? acc0_1 : Vector512.LoadUnsafe(ref z2, 80);
                var acc2_2 = firstPanel ? acc0_2 : Vector512.LoadUnsafe(ref z2, 96);
                var acc2_3 = firstPanel ? acc0_3 : Vector512.LoadUnsafe(ref z2, 112);
                var acc3_0 = firstPanel ? acc0_0 : Vector512.LoadUnsafe(ref z3, 64);
                var acc3_1 = firstPanel ? acc0_1 : Vector512.LoadUnsafe(ref z3, 80);
                var acc3_2 = firstPanel ? acc0_2 : Vector512.LoadUnsafe(ref z3, 96);
                var acc3_3 = firstPanel ? acc0_3 : Vector512.LoadUnsafe(ref z3, 112);
                for (int i = i0; i < i1; i++)
                {
                    ref float row = ref Unsafe.Add(ref w, i * L1Out);
                    var w0 = Vector512.LoadUnsafe(ref row, 64);
                    var w1 = Vector512.LoadUnsafe(ref row, 80);
                    var w2 = Vector512.LoadUnsafe(ref row, 96);
                    var w3 = Vector512.LoadUnsafe(ref row, 112);
                    float x0i = Unsafe.Add(ref x0, i);
                    var x0iv16 = Vector512.Create(x0i);
                    acc0_0 = Vector512.FusedMultiplyAdd(x0iv16, w0, acc0_0);
                    acc0_1 = Vector512.FusedMultiplyAdd(x0iv16, w1, acc0_1);
                    acc0_2 = Vector512.FusedMultiplyAdd(x0iv16, w2, acc0_2);
                    acc0_3 = Vector512.FusedMultiplyAdd(x0iv16, w3, acc0_3);
                    float x1i = Unsafe.Add(ref x1, i);
                    var x1iv16 = Vector512.Create(x1i);
                    acc1_0 = Vector512.FusedMultiplyAdd(x1iv16, w0, acc1_0);
                    acc1_1 = Vector512.FusedMultiplyAdd(x1iv16, w1, acc1_1);
                    acc1_2 = Vector512.FusedMultiplyAdd(x1iv16, w2, acc1_2);
                    acc1_3 = Vector512.FusedMultiplyAdd(x1iv16, w3, acc1_3);
                    float x2i = Unsafe.Add(ref x2, i);
                    var x2iv16 = Vector512.Create(x2i);
                    acc2_0 = Vector512.FusedMultiplyAdd(x2iv16, w0, acc2_0);
                    acc2_1 = Vector512.FusedMultiplyAdd(x2iv16, w1, acc2_1);
                    acc2_2 = Vector512.FusedMultiplyAdd(x2iv16, w2, acc2_2);
                    acc2_3 = Vector512.FusedMultiplyAdd(x2iv16, w3, acc2_3);
                    float x3i = Unsafe.Add(ref x3, i);
                    var x3iv16 = Vector512.Create(x3i);
                    acc3_0 = Vector512.FusedMultiplyAdd(x3iv16, w0, acc3_0);
                    acc3_1 = Vector512.FusedMultiplyAdd(x3iv16, w1, acc3_1);
                    acc3_2 = Vector512.FusedMultiplyAdd(x3iv16, w2, acc3_2);
                    acc3_3 = Vector512.FusedMultiplyAdd(x3iv16, w3, acc3_3);
                }

                if (!lastPanel) // the sums so far, for the next panel
                {
                    Vector512.StoreUnsafe(acc0_0, ref z0, 64);
                    Vector512.StoreUnsafe(acc0_1, ref z0, 80);
                    Vector512.StoreUnsafe(acc0_2, ref z0, 96);
                    Vector512.StoreUnsafe(acc0_3, ref z0, 112);
                    Vector512.StoreUnsafe(acc1_0, ref z1, 64);
                    Vector512.StoreUnsafe(acc1_1, ref z1, 80);
                    Vector512.StoreUnsafe(acc1_2, ref z1, 96);
                    Vector512.StoreUnsafe(acc1_3, ref z1, 112);
                    Vector512.StoreUnsafe(acc2_0, ref z2, 64);
                    Vector512.StoreUnsafe(acc2_1, ref z2, 80);
                    Vector512.StoreUnsafe(acc2_2, ref z2, 96);
                    Vector512.StoreUnsafe(acc2_3, ref z2, 112);
                    Vector512.StoreUnsafe(acc3_0, ref z3, 64);
                    Vector512.StoreUnsafe(acc3_1, ref z3, 80);
                    Vector512.StoreUnsafe(acc3_2, ref z3, 96);
                    Vector512.StoreUnsafe(acc3_3, ref z3, 112);
                }
                else
                {
                    Vector512.StoreUnsafe(acc0_0, ref z0, 64);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_0), ref a0, 64);
                    Vector512.StoreUnsafe(acc0_1, ref z0, 80);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_1), ref a0, 80);
                    Vector512.StoreUnsafe(acc0_2, ref z0, 96);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_2), ref a0, 96);
                    Vector512.StoreUnsafe(acc0_3, ref z0, 112);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc0_3), ref a0, 112);
                    Vector512.StoreUnsafe(acc1_0, ref z1, 64);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_0), ref a1, 64);
                    Vector512.StoreUnsafe(acc1_1, ref z1, 80);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_1), ref a1, 80);
                    Vector512.StoreUnsafe(acc1_2, ref z1, 96);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_2), ref a1, 96);
                    Vector512.StoreUnsafe(acc1_3, ref z1, 112);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc1_3), ref a1, 112);
                    Vector512.StoreUnsafe(acc2_0, ref z2, 64);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_0), ref a2, 64);
                    Vector512.StoreUnsafe(acc2_1, ref z2, 80);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_1), ref a2, 80);
                    Vector512.StoreUnsafe(acc2_2, ref z2, 96);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_2), ref a2, 96);
                    Vector512.StoreUnsafe(acc2_3, ref z2, 112);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc2_3), ref a2, 112);
                    Vector512.StoreUnsafe(acc3_0, ref z3, 64);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_0), ref a3, 64);
                    Vector512.StoreUnsafe(acc3_1, ref z3, 80);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_1), ref a3, 80);
                    Vector512.StoreUnsafe(acc3_2, ref z3, 96);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_2), ref a3, 96);
                    Vector512.StoreUnsafe(acc3_3, ref z3, 112);
                    Vector512.StoreUnsafe(ReLUOperator.Forward(acc3_3), ref a3, 112);
                }
            }
        }

            }
        }
    }

    [Benchmark]
    public void Generic512() => Generic<Float512>();

    [Benchmark]
    public void Generic256() => Generic<Float256>();

    private void Generic<TV>()
        where TV : struct, IFloatVector<TV>
    {
        ref float x = ref _x[_xo];
        ref float w = ref _w[_wo];
        ref float b = ref _b[_bo];
        ref float z = ref _z[_zo];
        ref float a = ref _a[_ao];
        for (int panel = 0; panel < Panels; panel++)
        {
            int i0 = panel * L1In / Panels, i1 = (panel + 1) * L1In / Panels;
            bool firstPanel = panel == 0, lastPanel = panel == Panels - 1;
            for (int s = 0; s < Batch; s += 4)
            {
                DenseKernels.ForwardTile<TV, ReLUActivation>(ref Unsafe.Add(ref x, s * L1In), L1In, ref w, L1Out, ref b,
                    ref Unsafe.Add(ref z, s * L1Out), ref Unsafe.Add(ref a, s * L1Out), i0, i1, firstPanel, lastPanel, default);
            }
        }
    }

    /// <summary>A pinned array with <paramref name="count"/> floats from a 64-byte boundary on (random ones, or zeros without <paramref name="random"/>).</summary>
    private static unsafe (float[] Values, int Offset) Aligned(SeededRandom? random, int count)
    {
        float[] values = GC.AllocateArray<float>(count + 16, pinned: true);
        fixed (float* start = values)
        {
            int offset = (int)((64 - (long)start % 64) % 64 / sizeof(float));
            for (int k = 0; k < count && random is not null; k++)
            {
                values[offset + k] = random.NextSingle() - 0.5f;
            }

            return (values, offset);
        }
    }
}
