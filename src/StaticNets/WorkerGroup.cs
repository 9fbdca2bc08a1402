using System;
using System.Threading;

namespace StaticNets;

/// <summary>
/// A fixed set of dedicated threads that run the parts of one job together with the calling thread: part 0 on the
/// caller, parts 1 .. <see cref="DegreeOfParallelism"/> - 1 on the workers. Generated networks use it to split a batch
/// across cores.
/// </summary>
/// <remarks>
/// <para>
/// The workers are dedicated background threads, not thread-pool work items, so a busy or starved thread pool never
/// delays them and they never take threads from it. A job allocates nothing: the caller passes a delegate it created
/// once. Workers spin briefly for the next job, then block.
/// </para>
/// <para>
/// The workers hold no reference to the group or to the last job's delegate between jobs, so a group that is no
/// longer referenced is finalized and its threads end; <see cref="Dispose"/> ends them at once.
/// </para>
/// <para>One job at a time: <see cref="Run"/> must not be called from two threads at once.</para>
/// </remarks>
public sealed class WorkerGroup : IDisposable
{
    private readonly Shared _shared;

    /// <summary>Starts <paramref name="degreeOfParallelism"/> - 1 worker threads.</summary>
    /// <param name="degreeOfParallelism">Threads per job, the caller's included; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreeOfParallelism"/> is below 1.</exception>
    public WorkerGroup(int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        DegreeOfParallelism = degreeOfParallelism;
        _shared = new Shared(degreeOfParallelism - 1);
        for (int w = 0; w < degreeOfParallelism - 1; w++)
        {
            var thread = new Thread(_shared.Work) { IsBackground = true, Name = $"StaticNets worker {w + 1}" };
            thread.Start(w);
        }
    }

    /// <summary>Finalizer: ends the worker threads of a group nobody references any more.</summary>
    ~WorkerGroup() => _shared.Stop();

    /// <summary>Threads per job, the caller's included.</summary>
    public int DegreeOfParallelism { get; }

    /// <summary>
    /// Runs <paramref name="part"/>(0) on the calling thread and <paramref name="part"/>(1 ..
    /// <see cref="DegreeOfParallelism"/> - 1) on the workers, and returns when all have finished. An exception thrown by
    /// any part is rethrown here (the first one, if several threw).
    /// </summary>
    /// <param name="part">The work of one part, given its index.</param>
    public void Run(Action<int> part)
    {
        ArgumentNullException.ThrowIfNull(part);
        ObjectDisposedException.ThrowIf(_shared.Stopped, this);
        Shared shared = _shared;
        if (shared.Workers == 0)
        {
            part(0);
            return;
        }

        shared.Job = part;
        shared.Error = null;
        shared.Pending = shared.Workers;
        shared.Done.Reset();
        foreach (ManualResetEventSlim start in shared.Start)
        {
            start.Set();
        }

        Exception? callerError = null;
        try
        {
            part(0);
        }
        catch (Exception e)
        {
            callerError = e;
        }

        shared.Done.Wait();
        shared.Job = null; // the workers keep no reference to the job (and what it captured) between jobs
        Exception? error = callerError ?? shared.Error;
        if (error is not null)
        {
            throw new AggregateException("A part of a parallel job failed.", error);
        }
    }

    /// <summary>Ends the worker threads. Further <see cref="Run"/> calls throw.</summary>
    public void Dispose()
    {
        _shared.Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the workers see: the job, the signals and nothing that refers back to the group.</summary>
    private sealed class Shared
    {
        // Spins of ManualResetEventSlim before blocking: a job follows the previous one within microseconds in a
        // training or inference loop, so a short spin avoids the cost of a kernel wake-up.
        private const int SpinCount = 2000;

        private volatile bool _stopped;

        public Shared(int workers)
        {
            Workers = workers;
            Start = new ManualResetEventSlim[workers];
            for (int w = 0; w < workers; w++)
            {
                Start[w] = new ManualResetEventSlim(false, SpinCount);
            }

            Done = new ManualResetEventSlim(false, SpinCount);

            // An event creates its kernel object the first time a wait outlasts the spinning: create them now, so that a
            // job never allocates, however late that first long wait comes.
            foreach (ManualResetEventSlim start in Start)
            {
                _ = start.WaitHandle;
            }

            _ = Done.WaitHandle;
        }

        public int Workers { get; }

        public ManualResetEventSlim[] Start { get; }

        public ManualResetEventSlim Done { get; }

        public Action<int>? Job { get; set; }

        public Exception? Error { get; set; }

        public int Pending;

        public bool Stopped => _stopped;

        public void Stop()
        {
            _stopped = true;
            foreach (ManualResetEventSlim start in Start)
            {
                start.Set();
            }
        }

        public void Work(object? state)
        {
            int w = (int)state!;
            ManualResetEventSlim start = Start[w];
            while (true)
            {
                start.Wait();
                start.Reset();
                if (_stopped)
                {
                    return;
                }

                try
                {
                    Job!(w + 1);
                }
                catch (Exception e)
                {
                    Error ??= e;
                }

                if (Interlocked.Decrement(ref Pending) == 0)
                {
                    Done.Set();
                }
            }
        }
    }
}
