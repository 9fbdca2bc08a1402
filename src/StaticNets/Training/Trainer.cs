using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Training;

/// <summary>
/// Trains any generated network on an in-memory training set: full-batch, stochastic or mini-batch gradient descent,
/// reshuffled every epoch with a seeded generator, with an optional learning-rate schedule. A NaN or infinite loss or
/// parameter stops the run with a <see cref="Divergence"/> instead of an exception.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> and returns the per-epoch losses, or where it diverged.</summary>
    /// <typeparam name="TNetwork">A generated network.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="inputs">Row-major <c>(samples, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(samples, OutputSize)</c>.</param>
    /// <param name="options">Epochs, batch mode, shuffling, schedule; defaults when <see langword="null"/>.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentException">The data does not match the network, or the options do not fit it.</exception>
    public static TrainingResult Fit<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, TrainingOptions? options = null)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new TrainingOptions();
        if (inputs.Length == 0 || inputs.Length % TNetwork.InputSize != 0)
        {
            throw new ArgumentException($"Expected a non-empty whole number of samples of {TNetwork.InputSize} values, but the length is {inputs.Length}.", nameof(inputs));
        }

        int samples = inputs.Length / TNetwork.InputSize;
        NetworkGuard.Length(targets.Length, samples * TNetwork.OutputSize, nameof(targets));
        int batch = options.Validate(network.MaxBatchSize, samples);

        // Everything a run needs is allocated here, once; the steps themselves allocate nothing.
        int[] order = new int[samples];
        for (int k = 0; k < samples; k++)
        {
            order[k] = k;
        }

        float[] batchInputs = new float[batch * TNetwork.InputSize];
        float[] batchTargets = new float[batch * TNetwork.OutputSize];
        var random = new SeededRandom(options.Seed);
        var losses = new List<float>(options.Epochs);
        long step = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Shuffle)
            {
                random.Shuffle(order.AsSpan());
            }

            double epochLoss = 0;
            for (int start = 0; start < samples; start += batch)
            {
                int count = Math.Min(batch, samples - start);
                for (int k = 0; k < count; k++)
                {
                    int sample = order[start + k];
                    inputs.Slice(sample * TNetwork.InputSize, TNetwork.InputSize).CopyTo(batchInputs.AsSpan(k * TNetwork.InputSize));
                    targets.Slice(sample * TNetwork.OutputSize, TNetwork.OutputSize).CopyTo(batchTargets.AsSpan(k * TNetwork.OutputSize));
                }

                if (options.Schedule is { } schedule)
                {
                    network.LearningRate = schedule.At(checked((int)step));
                }

                float rate = network.LearningRate;
                float loss = network.TrainBatch(
                    batchInputs.AsSpan(0, count * TNetwork.InputSize),
                    batchTargets.AsSpan(0, count * TNetwork.OutputSize));
                step++;

                if (!float.IsFinite(loss))
                {
                    return new TrainingResult(losses, step, new Divergence(epoch, step, rate, loss, "the loss is not finite"));
                }

                if (!AllFinite(network.Parameters))
                {
                    return new TrainingResult(losses, step, new Divergence(epoch, step, rate, loss, "a parameter is not finite"));
                }

                epochLoss += (double)loss * count;
            }

            losses.Add((float)(epochLoss / samples));
        }

        return new TrainingResult(losses, step, null);
    }

    /// <summary>Whether every value is finite (no NaN, no infinity).</summary>
    /// <param name="values">The values to check.</param>
    /// <returns><see langword="true"/> if all are finite.</returns>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        // x - x is 0 for finite x and NaN for NaN or ±infinity, so one sum of differences tells all.
        ref float start = ref MemoryMarshal.GetReference(values);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sum = Vector256<float>.Zero;
            for (; k <= values.Length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)k);
                sum += v - v;
            }

            if (!float.IsFinite(Vector256.Sum(sum)))
            {
                return false;
            }
        }

        for (; k < values.Length; k++)
        {
            if (!float.IsFinite(values[k]))
            {
                return false;
            }
        }

        return true;
    }
}
