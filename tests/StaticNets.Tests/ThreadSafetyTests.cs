using System;
using System.Threading;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests;

/// <summary>Predict only reads the parameters, so concurrent calls on one instance give single-threaded results.</summary>
public sealed class ThreadSafetyTests
{
    private const int Threads = 8;

    private const int CallsPerThread = 1000;

    /// <summary>Distinct inputs; thread t, call c uses input (t · 7 + c) mod this, so threads interleave different samples.</summary>
    private const int DistinctInputs = 64;

    public static TheoryData<string, int> Networks => new()
    {
        { nameof(MnistMlp), CallsPerThread },
        { nameof(WideSoftmax), CallsPerThread },
        { nameof(Widths43To49), CallsPerThread },
        // Too large for the stack: Predict uses a per-thread buffer; fewer calls, as each is ~100k multiply-adds.
        { nameof(HugeHidden), 100 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ConcurrentPredictGivesTheSingleThreadedResults(string name, int calls)
    {
        NetworkCase network = TestNetworks.Get(name);
        INetwork generated = network.Create(seed: 5, maxBatchSize: 1);
        float[] inputs = TestData.Uniform(new SeededRandom(9), DistinctInputs * network.InputSize);
        var expected = new float[DistinctInputs * network.OutputSize];
        for (int k = 0; k < DistinctInputs; k++)
        {
            generated.Predict(inputs.AsSpan(k * network.InputSize, network.InputSize), expected.AsSpan(k * network.OutputSize, network.OutputSize));
        }

        int[] expectedBits = TestData.Bits(expected);
        int mismatches = 0;
        Exception? failure = null;
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    var output = new float[network.OutputSize];
                    start.SignalAndWait();
                    for (int c = 0; c < calls; c++)
                    {
                        int k = (thread * 7 + c) % DistinctInputs;
                        generated.Predict(inputs.AsSpan(k * network.InputSize, network.InputSize), output);
                        if (!TestData.Bits(output).AsSpan().SequenceEqual(expectedBits.AsSpan(k * network.OutputSize, network.OutputSize)))
                        {
                            Interlocked.Increment(ref mismatches);
                        }
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Null(failure);
        Assert.True(mismatches == 0, $"{mismatches} of {Threads * calls} concurrent predictions differ from the single-threaded result");
    }
}
