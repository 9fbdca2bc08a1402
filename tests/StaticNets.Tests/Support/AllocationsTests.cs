using System;
using System.Reflection;
using StaticNets.Tests.Networks;
using Xunit;

namespace StaticNets.Tests.Support;

/// <summary>
/// The allocation counter the allocation tests rely on sees an allocation wherever it happens among the network's
/// threads, and nothing else: each of these runs the network's worker group once per call with a job that allocates
/// on one thread, or on none.
/// </summary>
public sealed class AllocationsTests
{
    private static object? s_sink;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AnAllocationOnAnyOfTheNetworksThreadsIsCounted(int allocatingPart)
    {
        var network = new ParallelNet(seed: 1) { DegreeOfParallelism = 2 };
        WorkerGroup workers = Workers(network);
        Action<int> job = part =>
        {
            if (part == allocatingPart)
            {
                s_sink = new object();
            }
        };

        long bytes = Allocations.OnNetworkThreads(network, () => workers.Run(job), calls: 100);
        network.DegreeOfParallelism = 1;

        Assert.True(bytes >= 100 * 24, $"{bytes} bytes counted for 100 allocations of an object on part {allocatingPart}");
        Assert.NotNull(s_sink);
    }

    [Fact]
    public void AJobThatAllocatesNothingCountsZero()
    {
        var network = new ParallelNet(seed: 1) { DegreeOfParallelism = 2 };
        WorkerGroup workers = Workers(network);
        var touched = new int[2];
        Action<int> job = part => touched[part]++;

        long bytes = Allocations.OnNetworkThreads(network, () => workers.Run(job), calls: 100);
        network.DegreeOfParallelism = 1;

        Assert.Equal(0, bytes);
        Assert.True(touched[0] > 0 && touched[1] > 0, "both threads ran the job");
    }

    [Fact]
    public void ANetworkWithoutWorkersIsRefused()
    {
        var network = new ParallelNet(seed: 1);

        Assert.Throws<InvalidOperationException>(() => Allocations.OnNetworkThreads(network, static () => { }));
    }

    private static WorkerGroup Workers(ParallelNet network) =>
        (WorkerGroup)typeof(ParallelNet).GetField("_workers", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(network)!;
}
