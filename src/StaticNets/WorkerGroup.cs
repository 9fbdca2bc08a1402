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
/// once. Workers spin briefly for the next job, then block (see <see cref="Shared"/>).
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
    /// any part is rethrown here as the inner exception of an <see cref="AggregateException"/> (the caller's part's,
    /// or else the first worker's), whatever the number of threads.
    /// </summary>
    /// <param name="part">The work of one part, given its index.</param>
    public void Run(Action<int> part)
    {
        ArgumentNullException.ThrowIfNull(part);
        ObjectDisposedException.ThrowIf(_shared.Stopped, this);
        Shared shared = _shared;
        if (shared.Workers > 0)
        {
            shared.Publish(part);
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

        if (shared.Workers > 0)
        {
            shared.WaitForWorkers();
            shared.Job = null; // the workers keep no reference to the job (and what it captured) between jobs
        }

        // A group of one thread reports a failure as a larger group does, so callers handle one exception type.
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

    /// <summary>
    /// What the workers see: the job, the signals and nothing that refers back to the group.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A job is announced by incrementing <see cref="_generation"/>; each worker spins on it. A worker that has spun for
    /// <see cref="SpinLimit"/> rounds without news raises its sleeping flag, looks once more, and blocks on its
    /// semaphore; the caller, after announcing a job, clears each flag with an exchange and releases the semaphore only
    /// if the flag was up. Both sides use full fences, so either the worker sees the news or the caller sees the flag.
    /// Every release answers one raised flag and is taken by exactly one wait; a worker woken by a late release (one for
    /// a job it has already run) finds the generation unchanged and goes back to sleep.
    /// </para>
    /// <para>
    /// The caller spins on <see cref="_pending"/>, the count of workers still running the job. If it must block, it sets
    /// <see cref="CallerSleeping"/> in the same integer; the worker whose decrement leaves exactly that bit releases
    /// the caller. Decrement and test are one atomic operation, so a worker delayed after finishing one job can never
    /// wake the caller during the next.
    /// </para>
    /// </remarks>
    private sealed class Shared
    {
        // Rounds of Thread.SpinWait(1) (a few tens of nanoseconds each) before a thread blocks: in a training or inference
        // loop the next job follows within microseconds, and a kernel wake-up costs several; a thread left idle blocks
        // after some tens of microseconds and uses no processor time.
        private const int SpinLimit = 2000;

        // The bit of _pending that says the caller is blocked on _done; the low bits count the workers still running.
        private const int CallerSleeping = 1 << 30;

        private readonly SemaphoreSlim[] _wake;
        private readonly int[] _sleeping;
        private readonly SemaphoreSlim _done = new(0, 1);
        private int _generation;
        private int _pending;
        private Exception? _error;
        private volatile bool _stopped;

        public Shared(int workers)
        {
            Workers = workers;
            _wake = new SemaphoreSlim[workers];
            _sleeping = new int[workers];
            for (int w = 0; w < workers; w++)
            {
                _wake[w] = new SemaphoreSlim(0, 1);
            }
        }

        public int Workers { get; }

        public Action<int>? Job { get; set; }

        public Exception? Error => _error;

        public bool Stopped => _stopped;

        /// <summary>Announces <paramref name="job"/> to the workers.</summary>
        public void Publish(Action<int> job)
        {
            Job = job;
            _error = null;
            Volatile.Write(ref _pending, Workers);
            Interlocked.Increment(ref _generation);
            WakeWorkers();
        }

        /// <summary>Returns when every worker has finished the job announced last.</summary>
        public void WaitForWorkers()
        {
            for (int round = 0; round < SpinLimit; round++)
            {
                if (Volatile.Read(ref _pending) == 0)
                {
                    return;
                }

                Thread.SpinWait(1);
            }

            if (Interlocked.Or(ref _pending, CallerSleeping) != 0)
            {
                _done.Wait(); // the worker whose decrement leaves CallerSleeping alone releases it
            }

            Volatile.Write(ref _pending, 0);
        }

        public void Stop()
        {
            _stopped = true;
            Interlocked.Increment(ref _generation);
            WakeWorkers();
        }

        public void Work(object? state)
        {
            int w = (int)state!;
            int seen = 0;
            while (true)
            {
                seen = WaitForJob(w, seen);
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
                    Interlocked.CompareExchange(ref _error, e, null);
                }

                if (Interlocked.Decrement(ref _pending) == CallerSleeping)
                {
                    _done.Release();
                }
            }
        }

        private void WakeWorkers()
        {
            for (int w = 0; w < _sleeping.Length; w++)
            {
                if (Interlocked.Exchange(ref _sleeping[w], 0) == 1)
                {
                    _wake[w].Release();
                }
            }
        }

        /// <summary>Spins, then blocks, until the generation differs from <paramref name="seen"/>; returns the new one.</summary>
        private int WaitForJob(int w, int seen)
        {
            int generation;
            for (int round = 0; round < SpinLimit; round++)
            {
                generation = Volatile.Read(ref _generation);
                if (generation != seen)
                {
                    return generation;
                }

                Thread.SpinWait(1);
            }

            while (true)
            {
                Interlocked.Exchange(ref _sleeping[w], 1);
                generation = Volatile.Read(ref _generation);
                if (generation != seen)
                {
                    if (Interlocked.Exchange(ref _sleeping[w], 0) == 0)
                    {
                        _wake[w].Wait(); // the caller saw the flag and released (or is about to): take that release
                    }

                    return generation;
                }

                _wake[w].Wait(); // whoever released cleared the flag
                generation = Volatile.Read(ref _generation);
                if (generation != seen)
                {
                    return generation;
                }
            }
        }
    }
}
