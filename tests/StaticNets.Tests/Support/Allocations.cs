using System;

namespace StaticNets.Tests.Support;

/// <summary>
/// Counts what a call allocates in a way that cannot flake. A call that allocates does so every time, so it shows in
/// every window of calls. What else can reach a window does not repeat: a method's tier-up or a type's initialisation
/// landing after the warm-up on this thread (4,200 bytes in one window of a CNN's <c>TrainBatch</c>, 2,160 once with
/// AVX disabled), and, in process-wide counts, the runtime's and the test host's own threads. So a count is the least
/// over up to <see cref="Windows"/> windows after <see cref="WarmUpCalls"/> calls (a window of 0 bytes ends the count), and
/// a test fails only when every window allocated.
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

    /// <summary>The smallest managed object, in bytes: one allocation per call adds at least this much per call.</summary>
    public const int SmallestObjectBytes = 24;

    /// <summary>The fewest bytes this thread allocated in any window of <paramref name="calls"/> calls, after the warm-up.</summary>
    /// <param name="call">The call to count.</param>
    /// <param name="calls">Calls per window.</param>
    /// <returns>Bytes; 0 for a call that allocates nothing.</returns>
    public static long OnThisThread(Action call, int calls = 200) => Least(call, calls, static () => GC.GetAllocatedBytesForCurrentThread());

    /// <summary>
    /// The fewest bytes the whole process allocated in any window of <paramref name="calls"/> calls, after the warm-up and
    /// after settling what earlier tests left to the finalizer: for calls that run on several threads. Compare the result
    /// with <see cref="ProcessWideAllowance"/>.
    /// </summary>
    /// <param name="call">The call to count.</param>
    /// <param name="calls">Calls per window.</param>
    /// <returns>Bytes.</returns>
    public static long InProcess(Action call, int calls = 1000) =>
        Least(call, calls, static () => GC.GetTotalAllocatedBytes(precise: true), settle: true);

    /// <summary>
    /// Asserts that a call running on several threads allocates nothing: 0 bytes on the calling thread, and in the whole
    /// process (which also counts the workers) less than <see cref="ProcessWideAllowance"/>.
    /// </summary>
    /// <param name="call">The call to count.</param>
    /// <param name="calls">Calls per window.</param>
    public static void AssertNoneOnAnyThread(Action call, int calls = 200)
    {
        long onThisThread = OnThisThread(call, calls);
        long inProcess = InProcess(call, calls);
        Xunit.Assert.True(onThisThread == 0, $"{onThisThread} bytes allocated on the calling thread by {calls} calls");
        Xunit.Assert.True(inProcess < ProcessWideAllowance(calls), $"{inProcess} bytes allocated in the process by {calls} calls");
    }

    /// <summary>
    /// The most bytes a process-wide window of <paramref name="calls"/> calls may show and still mean that the calls
    /// allocate nothing: less than one smallest object per call, which is the least one allocation per call would add.
    /// Other threads of the process allocate a little in every window, more the longer the window lasts: 168 bytes per
    /// 1,000 two-thread <c>PredictBatch</c> calls in a normal run, 1,032 to 1,056 with AVX disabled, and up to 2,016
    /// bytes in each of five windows of 200 two-thread CNN training steps. A bound of 0, or a third of one object per
    /// call, fails without a cause in the code under test.
    /// </summary>
    /// <param name="calls">Calls per window.</param>
    /// <returns>Bytes.</returns>
    public static long ProcessWideAllowance(int calls) => (long)SmallestObjectBytes * calls;

    private static long Least(Action call, int calls, Func<long> allocated, bool settle = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        for (int k = 0; k < WarmUpCalls; k++)
        {
            call();
        }

        if (settle)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
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
