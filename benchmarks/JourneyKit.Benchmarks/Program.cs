using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace JourneyKit.Benchmarks;

public static class Program
{
    // Medians are reported next to means: runs on a shared 2-core machine are noisy.
    // "warehouse-scale …" runs the out-of-core DuckDB measurement (see WarehouseScale) instead of BenchmarkDotNet.
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "warehouse-scale")
        {
            return WarehouseScale.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.AddColumn(StatisticColumn.Median));
        return 0;
    }
}
