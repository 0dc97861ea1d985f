namespace JourneyKit.Benchmarks;

/// <summary>
/// Event-set sizes. A default run uses 100K and 1M events; set JOURNEYKIT_BENCH_10M=1 to add 10M, and
/// JOURNEYKIT_BENCH_SMOKE=1 (used by CI with --job dry) to run only the smallest size.
/// </summary>
public static class BenchmarkSizes
{
    public static bool Smoke => Environment.GetEnvironmentVariable("JOURNEYKIT_BENCH_SMOKE") == "1";

    public static IEnumerable<int> Events =>
        Smoke ? [100_000]
        : Environment.GetEnvironmentVariable("JOURNEYKIT_BENCH_10M") == "1" ? [100_000, 1_000_000, 10_000_000]
        : [100_000, 1_000_000];

    /// <summary>Sizes of the in-database benchmarks: one size a run (loading a table dominates the setup).</summary>
    public static IEnumerable<int> SqlEvents =>
        Smoke ? [100_000]
        : Environment.GetEnvironmentVariable("JOURNEYKIT_BENCH_10M") == "1" ? [10_000_000]
        : [1_000_000];

    /// <summary>Scales a fixed workload down for smoke runs.</summary>
    public static int Scale(int size) => Smoke ? Math.Max(1000, size / 100) : size;
}
