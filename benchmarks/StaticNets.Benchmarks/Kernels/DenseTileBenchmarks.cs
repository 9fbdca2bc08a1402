using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using StaticNets.Kernels;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>Layer 1 of the W1/W2 network alone, as the generator writes it today.</summary>
[Network(Loss.MeanSquaredError, Optimizer.Sgd, MaxBatchSize = 256)]
[Input(784)]
[Dense(128, Activation.ReLU)]
public partial class DenseLayer784x128;

/// <summary>
/// Layer 1 of the W1/W2 network (784 → 128, ReLU) over a batch of 256 on one thread, the kernel that dominates W2:
/// the generated network's <c>PredictBatch</c> (its unrolled register tile, plus a copy of the 128 KB of outputs)
/// against the same tile written once, width-generic, in <see cref="DenseKernels"/>, over the same 13 panels of
/// weight rows. The setup checks that both give the same bits.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DenseTileBenchmarks
{
    private const int L1In = 784, L1Out = 128, Batch = 256, Panels = 13;
    private readonly DenseLayer784x128 _network = new(seed: 1, maxBatchSize: Batch) { DegreeOfParallelism = 1 };
    private float[] _x = [], _w = [], _b = [], _z = [], _a = [], _outputs = [];
    private int _xo, _wo, _bo, _zo, _ao; // the offsets of each array's first 64-byte boundary, where its data starts

    [GlobalSetup]
    public void Setup()
    {
        // Aligned as the generated networks align their buffers: a misaligned 512-bit load touches two cache lines.
        var random = new SeededRandom(1);
        (_x, _xo) = Aligned(random, Batch * L1In);
        (_w, _wo) = Aligned(null, L1In * L1Out);
        (_b, _bo) = Aligned(null, L1Out);
        (_z, _zo) = Aligned(null, Batch * L1Out);
        (_a, _ao) = Aligned(null, Batch * L1Out);
        _network.Parameters[..(L1In * L1Out)].CopyTo(_w.AsSpan(_wo));
        _network.Parameters[(L1In * L1Out)..].CopyTo(_b.AsSpan(_bo));
        _outputs = new float[Batch * L1Out];
        Generated();
        Generic512();
        if (!_outputs.AsSpan().SequenceEqual(_a.AsSpan(_ao, Batch * L1Out)))
        {
            throw new InvalidOperationException("the generic tile does not give the generated network's bits");
        }
    }

    [Benchmark(Baseline = true)]
    public void Generated() => _network.PredictBatch(_x.AsMemory(_xo, Batch * L1In), _outputs);

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
            for (int s = 0; s < Batch; s += DenseKernels.SampleTile)
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
