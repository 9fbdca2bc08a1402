using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace StaticNets.Benchmarks;

/// <summary>
/// A machine check, not a benchmark of StaticNets: the round trip of one cache line between two threads, printed every
/// half second. Two-thread training hands data between cores at every layer, so its speed follows this latency; on a
/// virtual machine whose host moves the virtual cores between physical ones, the latency, and with it the two-thread
/// figures, can change from one second to the next.
/// Run: <c>dotnet run -c Release --project benchmarks/StaticNets.Benchmarks -- --core-to-core 20</c>.
/// </summary>
internal static class CoreToCore
{
    /// <summary>The command-line switch that selects this check instead of BenchmarkDotNet.</summary>
    public const string Switch = "--core-to-core";

    /// <summary>Measures for <paramref name="seconds"/> seconds and prints the mean round trip of each half second, in ns.</summary>
    /// <param name="seconds">How long to measure.</param>
    public static void Run(double seconds)
    {
        if (!(seconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "The duration must be a positive number of seconds.");
        }

        var line = new PaddedTurn();
        var stop = new StopFlag();
        var partner = new Thread(() => Answer(line, stop)) { IsBackground = true, Name = "core-to-core partner" };
        partner.Start();
        Console.WriteLine($"Round trip of a cache line between two threads, ns, every 0.5 s for {seconds.ToString(CultureInfo.InvariantCulture)} s:");
        var total = Stopwatch.StartNew();
        int turn = 0;
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var window = Stopwatch.StartNew();
            long trips = 0;
            while (window.ElapsedMilliseconds < 500)
            {
                for (int k = 0; k < 1000; k++)
                {
                    // Hand the turn over (odd), wait for it to come back (even).
                    Volatile.Write(ref line.Turn, turn + 1);
                    while (Volatile.Read(ref line.Turn) != turn + 2)
                    {
                    }

                    turn += 2;
                }

                trips += 1000;
            }

            Console.Write((window.Elapsed.TotalNanoseconds / trips).ToString("F0", CultureInfo.InvariantCulture) + " ");
        }

        Volatile.Write(ref stop.Value, true);
        Console.WriteLine();
    }

    private static void Answer(PaddedTurn line, StopFlag stop)
    {
        int expected = 1;
        while (!Volatile.Read(ref stop.Value))
        {
            if (Volatile.Read(ref line.Turn) == expected)
            {
                Volatile.Write(ref line.Turn, expected + 1);
                expected += 2;
            }
        }
    }

    /// <summary>The shared counter, with a cache line of padding on either side so nothing else shares its line.</summary>
    private sealed class PaddedTurn
    {
#pragma warning disable CS0169 // padding, never read
        private readonly long _before0, _before1, _before2, _before3, _before4, _before5, _before6, _before7;
#pragma warning restore CS0169

        /// <summary>Odd: the partner's turn; even: the main thread's.</summary>
        public int Turn;

#pragma warning disable CS0169 // padding, never read
        private readonly long _after0, _after1, _after2, _after3, _after4, _after5, _after6, _after7;
#pragma warning restore CS0169
    }

    private sealed class StopFlag
    {
        public bool Value;
    }
}
