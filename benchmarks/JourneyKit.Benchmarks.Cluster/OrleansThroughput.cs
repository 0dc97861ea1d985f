using System.Diagnostics;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Orleans;
using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace JourneyKit.Benchmarks.Cluster;

/// <summary>
/// End-to-end throughput of the customer grains on a two-silo <see cref="TestCluster"/> (in this process, on this
/// machine), ten rules, events batched per customer, persistence on (every batch serialized and written: to Orleans'
/// memory grain storage, or with <c>outside</c> to <see cref="OutsideGrainStorage"/>, as a database provider keeps state
/// outside the grains), against the single-process <see cref="JourneyMonitor"/> on the same events. A measured
/// run, not BenchmarkDotNet: the cluster's start-up and warm-up are excluded, one pass is the figure.
/// <code>dotnet run -c Release --project benchmarks/JourneyKit.Benchmarks.Cluster -- [EVENTS] [EVENTS-PER-BATCH] [memory|outside]</code>
/// </summary>
public static class OrleansThroughput
{
    internal static readonly JourneyRule[] Rules =
    [
        JourneyRule.Named("cart").When("t2").NotFollowedBy("t3", TimeSpan.FromHours(24)),
        JourneyRule.Named("browse").When("t0").NotFollowedBy("t1", TimeSpan.FromHours(2)),
        JourneyRule.Named("support").When("t9"),
        JourneyRule.Named("seq-a").When("t1").FollowedBy("t2", TimeSpan.FromHours(6)),
        JourneyRule.Named("seq-b").When("t4").FollowedBy("t5", TimeSpan.FromHours(1)),
        JourneyRule.Named("abs-a").When("t5").NotFollowedBy("t6", TimeSpan.FromDays(2)),
        JourneyRule.Named("abs-b").When("t6").NotFollowedBy("t7", TimeSpan.FromDays(1)),
        JourneyRule.Named("occ-a").When("t8"),
        JourneyRule.Named("seq-c").When("t7").FollowedBy("t8", TimeSpan.FromHours(12)),
        JourneyRule.Named("abs-c").When("t3").NotFollowedBy("t4", TimeSpan.FromHours(48)),
    ];

    // Read by the silo configurator, which TestCluster constructs itself (in this process).
    private static string Storage = "memory";

    public static async Task<int> Run(string[] args)
    {
        int events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
        int perBatch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        Storage = args.Length > 2 ? args[2] : "memory";
        if (Storage is not ("memory" or "outside"))
        {
            throw new ArgumentException($"Unknown storage '{Storage}': memory (Orleans' memory grain storage) or outside (serialized into a table outside the grains).", nameof(args));
        }

        var stream = Stream(events, customers: Math.Max(1, events / (10 * perBatch)));

        // Single process, same events and watermarks.
        var watch = Stopwatch.StartNew();
        var monitor = new JourneyMonitor(Rules, new JourneyMonitorOptions { WatermarkFollowsEvents = false });
        long fired = 0;
        foreach (var (chunk, end) in stream)
        {
            foreach (var e in chunk)
            {
                fired += monitor.Observe(e).Count;
            }

            fired += monitor.AdvanceTo(end).Count;
        }

        double single = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single-process monitor: {events:N0} events in {single:F2} s = {events / single:N0} events/s, {fired:N0} firings"));

        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Silo>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // Warm-up on other customers, then the measured pass.
        var warm = new JourneyIngest(cluster.Client, "warm-up");
        await warm.SendAsync(Stream(20_000, 200).SelectMany(c => c.Events).Select(e => e with { CustomerId = "w" + e.CustomerId }));
        var ingest = new JourneyIngest(cluster.Client, "bench");
        var cpu = Environment.CpuUsage.TotalTime;
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long allocated = GC.GetTotalAllocatedBytes();
        watch.Restart();
        foreach (var (chunk, end) in stream)
        {
            await ingest.SendAsync(chunk);
            await ingest.AdvanceToAsync(end);
        }

        double clustered = watch.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        double cores = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / clustered;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"2-silo cluster, persistence on ({Storage} storage): {events:N0} events in {clustered:F2} s = {events / clustered:N0} events/s ({clustered / single:F1}× the single process; {1e9 * (clustered - single) / events:F0} ns more per event), {CountingSink.Count:N0} firings delivered; {cores:F2} of {Environment.ProcessorCount} cores busy; garbage collections gen0/1/2: {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC), {allocated / (double)events:N0} bytes allocated per event (client and silos)"));
        return 0;
    }

    // Customers with events spread over ten days, cut into chunks of one simulated day with the watermark at each end:
    // each chunk sends every active customer one batch (~EVENTS-PER-BATCH events).
    private static List<(List<JourneyEvent> Events, DateTimeOffset End)> Stream(int events, int customers)
    {
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var all = new List<JourneyEvent>(events);
        for (int i = 0; i < events; i++)
        {
            all.Add(new JourneyEvent("c" + random.Next(customers).ToString(CultureInfo.InvariantCulture), start.AddSeconds(random.Next(0, 10 * 86400)), "t" + random.Next(10).ToString(CultureInfo.InvariantCulture)));
        }

        return [.. all.GroupBy(e => (e.Timestamp - start).Ticks / TimeSpan.TicksPerDay).OrderBy(g => g.Key)
            .Select(g => (g.ToList(), start.AddDays(g.Key + 1)))];
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            if (Storage == "outside")
            {
                siloBuilder.Services.AddKeyedSingleton<global::Orleans.Storage.IGrainStorage>(JourneyKitOrleansOptions.StorageName, (sp, _) => new OutsideGrainStorage(sp.GetRequiredService<global::Orleans.Serialization.Serializer>()));
            }
            else
            {
                // Orleans' memory storage, with Orleans' binary serializer instead of its default JSON (as a host would
                // configure a production provider): every write still serializes the whole grain state.
                siloBuilder.AddMemoryGrainStorage(JourneyKitOrleansOptions.StorageName);
                siloBuilder.Services.AddOptions<global::Orleans.Configuration.MemoryGrainStorageOptions>(JourneyKitOrleansOptions.StorageName)
                    .Configure<global::Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new global::Orleans.Storage.OrleansGrainStorageSerializer(serializer));
            }

            siloBuilder.Services.AddSingleton<IRuleFiringSink, CountingSink>();
            siloBuilder.AddJourneyKit(options =>
            {
                foreach (var rule in Rules)
                {
                    options.Rules.Add(rule);
                }
            });
        }
    }

    private sealed class CountingSink : IRuleFiringSink
    {
        private static long _count;

        public static long Count => Interlocked.Read(ref _count);

        public Task DeliverAsync(IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _count, firings.Count);
            return Task.CompletedTask;
        }
    }
}
