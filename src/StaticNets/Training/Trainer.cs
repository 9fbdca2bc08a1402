using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace StaticNets.Training;

/// <summary>
/// Trains any generated network on an in-memory training set: full-batch, stochastic or mini-batch gradient descent,
/// reshuffled every epoch with a seeded generator, with an optional learning-rate schedule. A NaN or infinite loss or
/// parameter stops the run with a <see cref="Divergence"/> instead of an exception.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> and returns its history, or where it diverged.</summary>
    /// <typeparam name="TNetwork">A generated network.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="inputs">Row-major <c>(samples, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(samples, OutputSize)</c>.</param>
    /// <param name="options">Epochs, batch mode, shuffling, schedule; defaults when <see langword="null"/>.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentException">The data does not match the network, or the options do not fit it.</exception>
    public static TrainingResult Fit<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, TrainingOptions? options = null)
        where TNetwork : INetwork =>
        Fit(network, inputs, targets, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, options, CancellationToken.None);

    /// <summary>
    /// Trains <paramref name="network"/>, evaluating it on a validation set every
    /// <see cref="TrainingOptions.ValidationInterval"/> epochs, with optional early stopping and best-weights restore.
    /// </summary>
    /// <typeparam name="TNetwork">A generated network.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="inputs">Training inputs, row-major <c>(samples, InputSize)</c>.</param>
    /// <param name="targets">Training targets, row-major <c>(samples, OutputSize)</c>.</param>
    /// <param name="validationInputs">Validation inputs, or empty for none.</param>
    /// <param name="validationTargets">Validation targets, or empty for none.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run between batches; the result then says <see cref="StopReason.Cancelled"/>.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentException">The data does not match the network, or the options do not fit it.</exception>
    public static TrainingResult Fit<TNetwork>(
        TNetwork network,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        ReadOnlySpan<float> validationInputs,
        ReadOnlySpan<float> validationTargets,
        TrainingOptions? options = null,
        CancellationToken cancellationToken = default)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new TrainingOptions();
        int samples = CountSamples<TNetwork>(inputs, targets, nameof(inputs), nameof(targets), allowEmpty: false);
        int validationSamples = CountSamples<TNetwork>(validationInputs, validationTargets, nameof(validationInputs), nameof(validationTargets), allowEmpty: true);
        bool validate = validationSamples > 0;
        if (options.EarlyStoppingPatience > 0 && !validate)
        {
            throw new ArgumentException("EarlyStoppingPatience needs a validation set, but none was given.", nameof(options));
        }

        int batch = options.Validate(network.MaxBatchSize, samples);
        int threads = options.DegreeOfParallelism ?? Parallelism.For<TNetwork>(batch);
        int previousThreads = network.DegreeOfParallelism;
        network.DegreeOfParallelism = threads;
        try
        {
            return Train(network, inputs, targets, validationInputs, validationTargets, options, samples, validationSamples, batch, cancellationToken);
        }
        finally
        {
            network.DegreeOfParallelism = previousThreads;
        }
    }

    /// <summary>The run of <see cref="Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions?, CancellationToken)"/>, its arguments checked.</summary>
    private static TrainingResult Train<TNetwork>(
        TNetwork network,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        ReadOnlySpan<float> validationInputs,
        ReadOnlySpan<float> validationTargets,
        TrainingOptions options,
        int samples,
        int validationSamples,
        int batch,
        CancellationToken cancellationToken)
        where TNetwork : INetwork
    {
        bool validate = validationSamples > 0;

        // Everything a run needs is allocated here, once; the steps themselves allocate nothing.
        int[] order = new int[samples];
        for (int k = 0; k < samples; k++)
        {
            order[k] = k;
        }

        float[] batchInputs = new float[batch * TNetwork.InputSize];
        float[] batchTargets = new float[batch * TNetwork.OutputSize];
        int evaluationBatch = Math.Min(network.MaxBatchSize, Math.Max(validationSamples, 1));
        float[] evaluationOutputs = new float[evaluationBatch * TNetwork.OutputSize];
        float[]? bestParameters = validate && options.RestoreBestWeights ? new float[TNetwork.ParameterCount] : null;
        var random = new SeededRandom(options.Seed);
        var history = new List<EpochRecord>(options.Epochs);
        var clock = new Stopwatch();
        long step = 0;
        float bestValidationLoss = float.PositiveInfinity;
        int bestEpoch = 0;
        int evaluationsWithoutImprovement = 0;
        StopReason reason = StopReason.Completed;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            clock.Restart();
            if (options.Shuffle)
            {
                random.Shuffle(order.AsSpan());
            }

            double epochLoss = 0;
            int correct = 0;
            float rate = network.LearningRate;
            for (int start = 0; start < samples; start += batch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return Finish(network, history, step, StopReason.Cancelled, null, bestEpoch, bestParameters);
                }

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

                rate = network.LearningRate;
                ReadOnlySpan<float> batchTargetRows = batchTargets.AsSpan(0, count * TNetwork.OutputSize);
                float loss = network.TrainBatch(batchInputs.AsSpan(0, count * TNetwork.InputSize), batchTargetRows);
                step++;

                if (!float.IsFinite(loss))
                {
                    return Finish(network, history, step, StopReason.Diverged, new Divergence(epoch, step, rate, loss, "the loss is not finite"), bestEpoch, null);
                }

                if (!network.LastStepFinite)
                {
                    return Finish(network, history, step, StopReason.Diverged, new Divergence(epoch, step, rate, loss, "a parameter is not finite"), bestEpoch, null);
                }

                epochLoss += (double)loss * count;
                correct += CountCorrect(network.LastOutputs, batchTargetRows, TNetwork.OutputSize);
                options.OnBatchEnd?.Invoke(new BatchProgress(epoch, start + count, samples, loss));
            }

            clock.Stop();
            float validationLoss = float.NaN;
            float validationAccuracy = float.NaN;
            if (validate && (epoch % options.ValidationInterval == 0 || epoch == options.Epochs))
            {
                (validationLoss, validationAccuracy) = Evaluate(network, validationInputs, validationTargets, evaluationOutputs);
                if (validationLoss < bestValidationLoss)
                {
                    bestValidationLoss = validationLoss;
                    bestEpoch = epoch;
                    evaluationsWithoutImprovement = 0;
                    if (bestParameters is not null)
                    {
                        network.Parameters.CopyTo(bestParameters);
                    }
                }
                else
                {
                    evaluationsWithoutImprovement++;
                }
            }

            var record = new EpochRecord(epoch, (float)(epochLoss / samples), (float)correct / samples, validationLoss, validationAccuracy, rate, clock.Elapsed, samples);
            history.Add(record);
            options.OnEpochEnd?.Invoke(record);

            if (options.EarlyStoppingPatience > 0 && evaluationsWithoutImprovement >= options.EarlyStoppingPatience)
            {
                reason = StopReason.EarlyStopped;
                break;
            }
        }

        return Finish(network, history, step, reason, null, bestEpoch, bestParameters);
    }

    /// <summary>
    /// The mean data loss and the accuracy of <paramref name="network"/> on a data set, in inference mode, in batches of
    /// up to the network's <see cref="INetwork.MaxBatchSize"/>.
    /// </summary>
    /// <typeparam name="TNetwork">A generated network.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="inputs">Row-major <c>(samples, InputSize)</c>.</param>
    /// <param name="targets">Row-major <c>(samples, OutputSize)</c>.</param>
    /// <returns>The mean loss and the fraction classified correctly.</returns>
    public static (float Loss, float Accuracy) Evaluate<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        int samples = CountSamples<TNetwork>(inputs, targets, nameof(inputs), nameof(targets), allowEmpty: false);
        float[] outputs = new float[Math.Min(network.MaxBatchSize, samples) * TNetwork.OutputSize];
        return Evaluate(network, inputs, targets, outputs);
    }

    private static (float Loss, float Accuracy) Evaluate<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float[] outputs)
        where TNetwork : INetwork
    {
        int samples = inputs.Length / TNetwork.InputSize;
        int batch = outputs.Length / TNetwork.OutputSize;
        double loss = 0;
        int correct = 0;
        for (int start = 0; start < samples; start += batch)
        {
            int count = Math.Min(batch, samples - start);
            Span<float> rows = outputs.AsSpan(0, count * TNetwork.OutputSize);
            ReadOnlySpan<float> targetRows = targets.Slice(start * TNetwork.OutputSize, count * TNetwork.OutputSize);
            loss += (double)network.Evaluate(inputs.Slice(start * TNetwork.InputSize, count * TNetwork.InputSize), targetRows, rows) * count;
            correct += CountCorrect(rows, targetRows, TNetwork.OutputSize);
        }

        return ((float)(loss / samples), (float)correct / samples);
    }

    /// <summary>
    /// Counts rows whose output picks the target's class: the largest output and the largest target for several
    /// outputs (ties: the first), or both on the same side of 0.5 for a single output.
    /// </summary>
    /// <param name="outputs">Row-major outputs.</param>
    /// <param name="targets">Row-major targets, same shape.</param>
    /// <param name="width">Values per row.</param>
    /// <returns>The number of correct rows.</returns>
    public static int CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        NetworkGuard.Length(targets.Length, outputs.Length, nameof(targets));
        int correct = 0;
        for (int row = 0; row + width <= outputs.Length; row += width)
        {
            if (width == 1)
            {
                correct += (outputs[row] > 0.5f) == (targets[row] > 0.5f) ? 1 : 0;
            }
            else
            {
                correct += ArgMax(outputs.Slice(row, width)) == ArgMax(targets.Slice(row, width)) ? 1 : 0;
            }
        }

        return correct;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static int CountSamples<TNetwork>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, string inputsName, string targetsName, bool allowEmpty)
        where TNetwork : INetwork
    {
        if (inputs.Length == 0 && allowEmpty)
        {
            NetworkGuard.Length(targets.Length, 0, targetsName);
            return 0;
        }

        if (inputs.Length == 0 || inputs.Length % TNetwork.InputSize != 0)
        {
            throw new ArgumentException($"Expected a non-empty whole number of samples of {TNetwork.InputSize} values, but the length is {inputs.Length}.", inputsName);
        }

        int samples = inputs.Length / TNetwork.InputSize;
        NetworkGuard.Length(targets.Length, samples * TNetwork.OutputSize, targetsName);
        return samples;
    }

    private static TrainingResult Finish<TNetwork>(TNetwork network, List<EpochRecord> history, long step, StopReason reason, Divergence? divergence, int bestEpoch, float[]? bestParameters)
        where TNetwork : INetwork
    {
        bool restore = bestParameters is not null && bestEpoch > 0;
        if (restore)
        {
            bestParameters!.AsSpan().CopyTo(network.Parameters);
        }

        return new TrainingResult(history, step, reason, divergence, bestEpoch, restore);
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
            // Four independent sums, so the loop runs at the speed of the loads rather than of one chain of additions
            // (the trainer checks every parameter after every step).
            var sum0 = Vector256<float>.Zero;
            var sum1 = Vector256<float>.Zero;
            var sum2 = Vector256<float>.Zero;
            var sum3 = Vector256<float>.Zero;
            for (; k <= values.Length - 4 * Vector256<float>.Count; k += 4 * Vector256<float>.Count)
            {
                var v0 = Vector256.LoadUnsafe(ref start, (nuint)k);
                var v1 = Vector256.LoadUnsafe(ref start, (nuint)(k + Vector256<float>.Count));
                var v2 = Vector256.LoadUnsafe(ref start, (nuint)(k + 2 * Vector256<float>.Count));
                var v3 = Vector256.LoadUnsafe(ref start, (nuint)(k + 3 * Vector256<float>.Count));
                sum0 += v0 - v0;
                sum1 += v1 - v1;
                sum2 += v2 - v2;
                sum3 += v3 - v3;
            }

            for (; k <= values.Length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)k);
                sum0 += v - v;
            }

            if (!float.IsFinite(Vector256.Sum((sum0 + sum1) + (sum2 + sum3))))
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
