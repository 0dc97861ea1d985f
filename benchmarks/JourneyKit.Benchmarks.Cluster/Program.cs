namespace JourneyKit.Benchmarks.Cluster;

public static class Program
{
    public static Task<int> Main(string[] args) => OrleansThroughput.Run(args);
}
