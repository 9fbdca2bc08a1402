using System;

namespace StaticNets.Benchmarks;

/// <summary>One epoch as a bare loop of <c>TrainBatch</c> calls over the data in order (the last batch may be smaller).</summary>
internal static class Epoch
{
    /// <summary>Runs the epoch and returns the mean loss of its batches.</summary>
    public static float Run<TNetwork>(TNetwork network, float[] inputs, float[] targets, int batchSize)
        where TNetwork : INetwork
    {
        int samples = inputs.Length / TNetwork.InputSize;
        float loss = 0f;
        int batches = 0;
        for (int start = 0; start < samples; start += batchSize)
        {
            int count = Math.Min(batchSize, samples - start);
            loss += network.TrainBatch(
                inputs.AsSpan(start * TNetwork.InputSize, count * TNetwork.InputSize),
                targets.AsSpan(start * TNetwork.OutputSize, count * TNetwork.OutputSize));
            batches++;
        }

        return loss / batches;
    }
}
