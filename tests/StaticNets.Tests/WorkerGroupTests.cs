using System;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace StaticNets.Tests;

/// <summary>
/// <see cref="WorkerGroup"/>: every part runs once and failures are rethrown, for jobs that follow each other at once
/// (the workers still spinning), jobs that come after the workers have blocked, parts that keep the caller waiting long
/// enough to block, and every gap in between, so each side of the spin-then-block hand-off meets each timing of the other.
/// </summary>
public sealed class WorkerGroupTests
{
    /// <summary>Long enough for any spinning thread to have given up and blocked (the spin lasts tens of microseconds).</summary>
    private const int BlockedMilliseconds = 20;

    [Fact]
    public void GroupOfOneThreadRunsTheOnlyPartOnTheCallerAndRethrowsItsFailure()
    {
        using var group = new WorkerGroup(1);
        var parts = new System.Collections.Generic.List<(int Part, int Thread)>();

        group.Run(part => parts.Add((part, Environment.CurrentManagedThreadId)));
        group.Run(part => parts.Add((part, Environment.CurrentManagedThreadId)));

        Assert.Equal(1, group.DegreeOfParallelism);
        int caller = Environment.CurrentManagedThreadId;
        Assert.Equal([(0, caller), (0, caller)], parts);
        var error = Assert.Throws<AggregateException>(() => group.Run(_ => throw new InvalidOperationException("the only part")));
        Assert.Equal("the only part", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        group.Run(part => parts.Add((part, caller)));
        Assert.Equal(3, parts.Count);
    }

    [Fact]
    public void WorkerGroupRunsEveryPartOnceAndRethrowsAFailure()
    {
        using var group = new WorkerGroup(3);
        int[] runs = new int[3];
        for (int k = 0; k < 100; k++)
        {
            group.Run(part => Interlocked.Increment(ref runs[part]));
        }

        Assert.Equal([100, 100, 100], runs);
        var error = Assert.Throws<AggregateException>(() => group.Run(part =>
        {
            if (part == 2)
            {
                throw new InvalidOperationException("part 2");
            }
        }));
        Assert.IsType<InvalidOperationException>(error.InnerException);

        group.Run(part => runs[part] = -1); // still usable after a failed job
        Assert.Equal([-1, -1, -1], runs);
    }

    [Fact]
    public void DisposedWorkerGroupRefusesJobs()
    {
        var group = new WorkerGroup(2);
        group.Dispose();
        Assert.Throws<ObjectDisposedException>(() => group.Run(static _ => { }));
    }

    [Fact]
    public void JobsAfterTheWorkersHaveBlockedStillRunEveryPart()
    {
        using var group = new WorkerGroup(3);
        int[] runs = new int[3];
        for (int k = 0; k < 5; k++)
        {
            Thread.Sleep(BlockedMilliseconds);
            group.Run(part => runs[part]++);
        }

        Assert.Equal([5, 5, 5], runs);
    }

    [Fact]
    public void CallerWaitsForAWorkerThatOutlastsItsSpinning()
    {
        using var group = new WorkerGroup(2);
        long[] finished = new long[2];
        for (int k = 0; k < 3; k++)
        {
            group.Run(part =>
            {
                if (part == 1)
                {
                    Thread.Sleep(BlockedMilliseconds);
                }

                finished[part] = Stopwatch.GetTimestamp();
            });
            long returned = Stopwatch.GetTimestamp();
            Assert.True(finished[1] != 0 && finished[1] <= returned, "Run returned before the worker's part finished");
            Assert.True(finished[0] != 0 && finished[0] <= returned, "Run returned before the caller's part finished");
            finished[0] = finished[1] = 0;
        }
    }

    [Fact]
    public void EveryGapBetweenJobsHandsOffEveryPartExactlyOnce()
    {
        // Gaps from none to beyond the spin limit, on both sides, in a fixed pseudo-random order; each part writes plain
        // (non-interlocked) values that the caller must see once Run returns.
        using var group = new WorkerGroup(2);
        var random = new SeededRandom(11);
        int[] written = new int[2 * 16]; // each part in its own cache line
        for (int job = 1; job <= 3000; job++)
        {
            int callerGap = Gap(random);
            int workerGap = Gap(random);
            Spin(callerGap);
            int expected = job;
            group.Run(part =>
            {
                Spin(part == 1 ? workerGap : 0);
                written[part * 16] = expected;
            });
            Assert.Equal(job, written[0]);
            Assert.Equal(job, written[16]);
        }
    }

    [Fact]
    public void WorkerFailureAfterBlockingIsRethrown()
    {
        using var group = new WorkerGroup(2);
        Thread.Sleep(BlockedMilliseconds);
        var error = Assert.Throws<AggregateException>(() => group.Run(part =>
        {
            if (part == 1)
            {
                Thread.Sleep(BlockedMilliseconds);
                throw new InvalidOperationException("worker");
            }
        }));
        Assert.Equal("worker", error.InnerException!.Message);
    }

    [Fact]
    public void DisposingAGroupWhoseWorkersHaveBlockedRefusesFurtherJobs()
    {
        var group = new WorkerGroup(3);
        group.Run(static _ => { });
        Thread.Sleep(BlockedMilliseconds);
        group.Dispose();
        Assert.Throws<ObjectDisposedException>(() => group.Run(static _ => { }));
    }

    /// <summary>Mostly short gaps, some around the spin limit, a few well past it.</summary>
    private static int Gap(SeededRandom random) => random.NextInt32(10) switch
    {
        < 5 => 0,
        < 8 => random.NextInt32(200),
        < 9 => random.NextInt32(5000),
        _ => 20_000 + random.NextInt32(20_000),
    };

    private static void Spin(int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            Thread.SpinWait(1);
        }
    }
}
