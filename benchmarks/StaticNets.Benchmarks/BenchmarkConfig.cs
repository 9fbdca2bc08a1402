using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;

namespace StaticNets.Benchmarks;

/// <summary>
/// The configuration every benchmark class uses: BenchmarkDotNet's defaults (so <c>--job</c>, <c>--filter</c> and the
/// other command-line options work) plus the Median and Ratio columns and the workload category.
/// Allocated bytes come from <c>[MemoryDiagnoser]</c> on each class.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        AddColumn(CategoriesColumn.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(BaselineRatioColumn.RatioMean);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
