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
/// run, not BenchmarkDotNet: each side first runs a warm-up pass of the same size on other customers, the cluster then
/// waits until the JIT has stopped compiling (a long-running silo runs tier-1 code; a first pass runs much of it
/// unoptimized while the JIT compiles beside it), and one pass is the figure — including the activation of each of its
/// customers, reported apart as day 1.
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

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

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

        // The measured stream, and a warm-up stream of the same shape: other customers, thirty days earlier (so that the
        // measured pass's watermarks are still ahead of everything the warm-up advanced).
        int customers = Math.Max(1, events / (10 * perBatch));
        var stream = Stream(events, customers, Start, "c");
        var warmStream = Stream(events, customers, Start.AddDays(-30), "w");

        // Single process, same events and watermarks: a warm-up pass, then the measured one.
        RunSingle(warmStream);
        var watch = Stopwatch.StartNew();
        long fired = RunSingle(stream);
        double single = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single-process monitor: {events:N0} events in {single:F2} s = {events / single:N0} events/s, {fired:N0} firings"));

        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Silo>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // A warm-up pass of the same size on other customers, then — once the JIT has stopped compiling (tiered
        // compilation optimizes hot methods in the background) — the measured pass, which activates its customers.
        var warm = new JourneyIngest(cluster.Client, "warm-up");
        foreach (var (chunk, end) in warmStream)
        {
            await warm.SendAsync(chunk);
            await warm.AdvanceToAsync(end);
        }

        // Episodes the warm-up left open come due now, not during the measured pass.
        await warm.AdvanceToAsync(Start);
        await SettleJitAsync();
        var ingest = new JourneyIngest(cluster.Client, "bench");
        var cpu = Environment.CpuUsage.TotalTime;
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long allocated = GC.GetTotalAllocatedBytes();
        long delivered = CountingSink.Count;
        long jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        double firstDay = 0;
        watch.Restart();
        foreach (var (chunk, end) in stream)
        {
            await ingest.SendAsync(chunk);
            await ingest.AdvanceToAsync(end);
            firstDay = firstDay == 0 ? watch.Elapsed.TotalSeconds : firstDay;
        }

        double clustered = watch.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        double cores = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / clustered;
        int laterEvents = events - stream[0].Events.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"2-silo cluster, persistence on ({Storage} storage): {events:N0} events in {clustered:F2} s = {events / clustered:N0} events/s ({clustered / single:F1}× the single process; {1e9 * (clustered - single) / events:F0} ns more per event), {CountingSink.Count - delivered:N0} firings delivered (the single process: {fired:N0}); {cores:F2} of {Environment.ProcessorCount} cores busy; garbage collections gen0/1/2: {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC), {allocated / (double)events:N0} bytes allocated per event (client and silos), {jitted:N0} methods compiled during the pass"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which: day 1 (activates all {customers:N0} customers) {firstDay:F2} s = {stream[0].Events.Count / firstDay:N0} events/s; days 2-10 (customers active) {clustered - firstDay:F2} s = {laterEvents / (clustered - firstDay):N0} events/s"));
        return 0;
    }

    private static long RunSingle(List<(List<JourneyEvent> Events, DateTimeOffset End)> stream)
    {
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

        return fired;
    }

    // Waits until no method has been compiled for a second (at most 30 s): what the measured pass then runs is the
    // optimized code a long-running silo runs, not the first tier.
    private static async Task SettleJitAsync()
    {
        long last = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        while (quiet.Elapsed < TimeSpan.FromSeconds(1) && total.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != last)
            {
                last = now;
                quiet.Restart();
            }
        }
    }

    // Customers with events spread over ten days, cut into chunks of one simulated day with the watermark at each end:
    // each chunk sends every active customer one batch (~EVENTS-PER-BATCH events).
    private static List<(List<JourneyEvent> Events, DateTimeOffset End)> Stream(int events, int customers, DateTimeOffset start, string prefix)
    {
        var random = new Random(11);
        var all = new List<JourneyEvent>(events);
        for (int i = 0; i < events; i++)
        {
            all.Add(new JourneyEvent(prefix + random.Next(customers).ToString(CultureInfo.InvariantCulture), start.AddSeconds(random.Next(0, 10 * 86400)), "t" + random.Next(10).ToString(CultureInfo.InvariantCulture)));
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
