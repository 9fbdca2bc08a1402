using System;
using System.Reflection;

namespace StaticNets.Tests.Support;

/// <summary>
/// Counts what a call allocates in a way that cannot flake. A call that allocates does so every time, so it shows in
/// every window of calls. What else can reach a window does not repeat: a method's tier-up or a type's initialisation
/// landing after the warm-up on this thread (4,200 bytes in one window of a CNN's <c>TrainBatch</c>, 2,160 once with
/// AVX disabled). So a count is the least over up to <see cref="Windows"/> windows after <see cref="WarmUpCalls"/> calls
/// (a window of 0 bytes ends the count), and a test fails only when every window allocated. Only the threads that run the
/// call are counted, never the whole process: the test host's and the runtime's other threads allocate in every window,
/// more the longer it lasts (5,208 bytes in 200 two-thread CNN steps on a machine busy with other work), which no bound
/// separates from an allocation per call.
/// </summary>
public static class Allocations
{
    /// <summary>
    /// Calls before counting: tiered compilation promotes a method after 30 calls, and every per-thread buffer and lazily
    /// created worker exists after the first call.
    /// </summary>
    public const int WarmUpCalls = 100;

    /// <summary>Windows counted at most; the least of them is the result.</summary>
    public const int Windows = 5;

    /// <summary>The fewest bytes this thread allocated in any window of <paramref name="calls"/> calls, after the warm-up.</summary>
    /// <param name="call">The call to count.</param>
    /// <param name="calls">Calls per window.</param>
    /// <returns>Bytes; 0 for a call that allocates nothing.</returns>
    public static long OnThisThread(Action call, int calls = 200) => Least(call, calls, static () => GC.GetAllocatedBytesForCurrentThread());

    /// <summary>
    /// The fewest bytes the calling thread and the worker threads of <paramref name="network"/> allocated together in any
    /// window of <paramref name="calls"/> calls, after the warm-up: for calls a network shares out between its threads.
    /// Each thread reads its own allocation counter (<c>GC.GetAllocatedBytesForCurrentThread</c>) in a probe job run on
    /// the network's worker group before and after a window, so the test host's and the runtime's other threads, which
    /// allocate a little in every window and more the longer it lasts, are not counted.
    /// </summary>
    /// <param name="network">A generated network with <c>DegreeOfParallelism</c> above 1 (its <c>_workers</c> group exists).</param>
    /// <param name="call">The call to count.</param>
    /// <param name="calls">Calls per window.</param>
    /// <returns>Bytes; 0 for a call that allocates nothing on any of the network's threads.</returns>
    public static long OnNetworkThreads(object network, Action call, int calls = 200)
    {
        var workers = (WorkerGroup?)network.GetType().GetField("_workers", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(network)
            ?? throw new InvalidOperationException("The network has no worker group: set DegreeOfParallelism above 1 first.");
        var counters = new long[workers.DegreeOfParallelism];
        Action<int> probe = part => counters[part] = GC.GetAllocatedBytesForCurrentThread(); // made once: the probe itself allocates nothing
        long Total()
        {
            workers.Run(probe);
            long sum = 0;
            foreach (long counter in counters)
            {
                sum += counter;
            }

            return sum;
        }

        return Least(call, calls, Total);
    }

    /// <summary>
    /// Asserts that a call a network shares out between its threads allocates nothing: 0 bytes on the calling thread
    /// and on the network's worker threads together (see <see cref="OnNetworkThreads"/>).
    /// </summary>
    /// <param name="network">The network, with <c>DegreeOfParallelism</c> above 1.</param>
    /// <param name="call">The call to count.</param>
    /// <param name="calls">Calls per window.</param>
    public static void AssertNoneOnAnyThread(object network, Action call, int calls = 200)
    {
        long bytes = OnNetworkThreads(network, call, calls);
        Xunit.Assert.True(bytes == 0, $"{bytes} bytes allocated on the network's threads by {calls} calls");
    }

    private static long Least(Action call, int calls, Func<long> allocated)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        for (int k = 0; k < WarmUpCalls; k++)
        {
            call();
        }

        long least = long.MaxValue;
        for (int window = 0; window < Windows && least > 0; window++)
        {
            long before = allocated();
            for (int k = 0; k < calls; k++)
            {
                call();
            }

            least = Math.Min(least, allocated() - before);
        }

        return least;
    }
}
