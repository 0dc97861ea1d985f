using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Ten rules of every kind over 10M events of 1M customers (12 touchpoints, 5 % with feedback, 60 days), one core:
/// batch evaluation over a built log, and the live monitor fed the same events in time order (5 minutes of allowed
/// lateness, an explicit <c>AdvanceTo</c> every 100,000 events). Issue #12's targets: batch ≤ 0.5 s, live ≥ 2M events/s.
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private EventLog _log = null!;
    private string[] _customers = null!;
    private long[] _ticks = null!;
    private string[] _touchpoints = null!;
    private sbyte[] _feedback = null!;
    private DateTimeOffset _asOf;

    public int Events { get; set; } = BenchmarkSizes.Scale(10_000_000);

    /// <summary>
    /// "uniform": the ten rules below, whose X touchpoints are an eighth of the events each and whose absence windows
    /// outlast the 6-day mean gap, so about half the events fire a rule. "realistic": ten rules that fire on a few
    /// percent of events, as a CRM's follow-ups do (issue #36: the batch cost grows with firings).
    /// </summary>
    [Params("uniform", "realistic")]
    public string RuleSet { get; set; } = "uniform";

    private JourneyRule[] Current => RuleSet == "realistic" ? Realistic : Rules;

    internal static JourneyRule[] Realistic { get; } =
    [
        JourneyRule.Named("quick-confirmation").When("checkout").FollowedBy("confirmation", TimeSpan.FromHours(1)),
        JourneyRule.Named("ad-to-checkout").When("ad").FollowedBy("checkout", TimeSpan.FromHours(12)),
        JourneyRule.Named("compare-to-till").When("compare").FollowedBy("store-till", TimeSpan.FromHours(6)),
        JourneyRule.Named("review-then-referral").When("review-request").FollowedBy("referral", TimeSpan.FromHours(24)).WithMaxFirings(1),
        JourneyRule.Named("angry-detractor").When(EventCondition.Feedback(atMost: 2)).WithCooldown(TimeSpan.FromDays(7)),
        JourneyRule.Named("silent-after-checkout").When("checkout").NotFollowedBy(EventCondition.Touchpoint("confirmation") | EventCondition.Touchpoint("delivery") | EventCondition.Touchpoint("app-usage") | EventCondition.Touchpoint("reviews") | EventCondition.Touchpoint("ad"), TimeSpan.FromDays(45)),
        JourneyRule.Named("try-on-lost").When("try-on").NotFollowedBy(EventCondition.Touchpoint("store-till") | EventCondition.Touchpoint("checkout") | EventCondition.Touchpoint("compare") | EventCondition.Touchpoint("reviews") | EventCondition.Touchpoint("search-ad"), TimeSpan.FromDays(50)),
        JourneyRule.Named("stuck-in-consideration").Stalled("consideration", TimeSpan.FromDays(40)),
        JourneyRule.Named("web-checkout-unconverted").When(EventCondition.Touchpoint("checkout") & EventCondition.Channel("web"))
            .NotFollowedBy(EventCondition.Outcome(EventOutcome.Conversion), TimeSpan.FromMinutes(10)).WithMaxFirings(1),
        JourneyRule.Named("promoter").When(EventCondition.Feedback(atLeast: 10)).WithMaxFirings(1),
    ];

    internal static JourneyRule[] Rules { get; } =
    [
        JourneyRule.Named("cart-abandoned").When("checkout").NotFollowedBy("confirmation", TimeSpan.FromHours(24)),
        JourneyRule.Named("compare-no-checkout").When("compare").NotFollowedBy("checkout", TimeSpan.FromDays(7)),
        JourneyRule.Named("ad-no-visit").When("ad").NotFollowedBy(EventCondition.Touchpoint("reviews") | EventCondition.Touchpoint("compare"), TimeSpan.FromDays(3)),
        JourneyRule.Named("delivery-no-review").When("delivery").NotFollowedBy("review-request", TimeSpan.FromDays(14)).WithCooldown(TimeSpan.FromDays(30)),
        JourneyRule.Named("try-on-no-till").When("try-on").NotFollowedBy("store-till", TimeSpan.FromHours(2)).WithRearm(RearmPolicy.Restart),
        JourneyRule.Named("fast-buyer").When("ad").FollowedBy("checkout", TimeSpan.FromDays(1)),
        JourneyRule.Named("referral-after-review").When("review-request").FollowedBy("referral", TimeSpan.FromDays(7)).WithMaxFirings(1),
        JourneyRule.Named("detractor").When(EventCondition.Feedback(atMost: 6)).WithCooldown(TimeSpan.FromDays(7)),
        JourneyRule.Named("stuck-in-consideration").Stalled("consideration", TimeSpan.FromDays(5)),
        JourneyRule.Named("web-checkout-unconverted").When(EventCondition.Touchpoint("checkout") & EventCondition.Channel("web"))
            .NotFollowedBy(EventCondition.Outcome(EventOutcome.Conversion), TimeSpan.FromHours(1)),
    ];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(12);
        int customers = Math.Max(1, Events / 10);
        string[] ids = [.. Enumerable.Range(0, customers).Select(i => "cust-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))];
        string[] labels = [.. BenchmarkData.Map.Touchpoints.Select(t => t.Id)];
        long span = TimeSpan.FromDays(60).Ticks;
        var ticks = new long[Events];
        for (int i = 0; i < Events; i++)
        {
            ticks[i] = T0.UtcTicks + rng.NextInt64(span);
        }

        Array.Sort(ticks); // the live stream arrives in time order
        _ticks = ticks;
        _customers = new string[Events];
        _touchpoints = new string[Events];
        _feedback = new sbyte[Events];
        var builder = new EventLogBuilder(BenchmarkData.Map);
        for (int i = 0; i < Events; i++)
        {
            _customers[i] = ids[rng.Next(customers)];
            _touchpoints[i] = labels[rng.Next(labels.Length)];
            _feedback[i] = (sbyte)(rng.Next(20) == 0 ? rng.Next(11) : -1);
            builder.Add(Event(i));
        }

        _log = builder.Build();
        _asOf = new DateTimeOffset(ticks[^1], TimeSpan.Zero);
    }

    [Benchmark]
    public int BatchOneCore() => new RuleEngine(Current) { MaxDegreeOfParallelism = 1 }.Evaluate(_log, _asOf).Fired.Count;

    [Benchmark]
    public int BatchAllCores() => new RuleEngine(Current).Evaluate(_log, _asOf).Fired.Count;

    /// <summary>Per event (OperationsPerInvoke): Observe every event, AdvanceTo every 100,000.</summary>
    [Benchmark(OperationsPerInvoke = 10_000_000)]
    public long LivePerEvent()
    {
        var monitor = new JourneyMonitor(Current, new JourneyMonitorOptions { Map = BenchmarkData.Map, AllowedLateness = TimeSpan.FromMinutes(5) });
        long fired = 0;
        for (int i = 0; i < _ticks.Length; i++)
        {
            fired += monitor.Observe(Event(i)).Count;
            if (i % 100_000 == 99_999)
            {
                fired += monitor.AdvanceTo(new DateTimeOffset(_ticks[i], TimeSpan.Zero).AddMinutes(-5)).Count;
            }
        }

        return fired + monitor.AdvanceTo(_asOf).Count;
    }

    /// <summary>
    /// Per event (OperationsPerInvoke): each day's events arrive shuffled (a host that batches a day and sends it in no
    /// particular order), the watermark held back (<c>WatermarkFollowsEvents = false</c>) and advanced at each day's end,
    /// so a whole day waits unsorted — up to ~170,000 events. Waiting events used to be inserted in place (O(waiting) per
    /// event); they are appended and sorted once per advance.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 10_000_000)]
    public long LiveShuffledDaysPerEvent()
    {
        _shuffled ??= ShuffledDays();
        var monitor = new JourneyMonitor(Current, new JourneyMonitorOptions { Map = BenchmarkData.Map, WatermarkFollowsEvents = false });
        long fired = 0;
        long day = TimeSpan.TicksPerDay;
        long end = T0.UtcTicks + day;
        foreach (int i in _shuffled)
        {
            while (_ticks[i] >= end)
            {
                fired += monitor.AdvanceTo(new DateTimeOffset(end, TimeSpan.Zero)).Count;
                end += day;
            }

            fired += monitor.Observe(Event(i)).Count;
        }

        return fired + monitor.AdvanceTo(_asOf).Count;
    }

    private int[]? _shuffled;

    // Event indexes day by day, each day in a fixed random order.
    private int[] ShuffledDays()
    {
        var rng = new Random(13);
        var order = new int[_ticks.Length];
        int start = 0;
        while (start < order.Length)
        {
            long dayEnd = T0.UtcTicks + ((((_ticks[start] - T0.UtcTicks) / TimeSpan.TicksPerDay) + 1) * TimeSpan.TicksPerDay);
            int stop = start;
            while (stop < order.Length && _ticks[stop] < dayEnd)
            {
                order[stop] = stop;
                stop++;
            }

            rng.Shuffle(order.AsSpan(start, stop - start));
            start = stop;
        }

        return order;
    }

    /// <summary>
    /// The floor of any live per-customer engine, per event: find the customer's dense id in a dictionary (adding it when
    /// new) and touch that customer's state (one slot of an array) — what the monitor does before any rule runs.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 10_000_000)]
    public long LiveFloorDictionaryAndState()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var state = new List<long>();
        long sum = 0;
        for (int i = 0; i < _ticks.Length; i++)
        {
            ref int id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ids, _customers[i], out bool exists);
            if (!exists)
            {
                id = ids.Count - 1;
                state.Add(0);
            }

            sum += state[id];
            state[id] = _ticks[i];
        }

        return sum;
    }

    private JourneyEvent Event(int i) =>
        new(_customers[i], new DateTimeOffset(_ticks[i], TimeSpan.Zero), _touchpoints[i])
        {
            Feedback = _feedback[i] >= 0 ? _feedback[i] : null,
            Outcome = _touchpoints[i] == "confirmation" ? EventOutcome.Conversion : EventOutcome.None,
        };
}

/// <summary>
/// A monitor holding 1M open episodes (1M customers, one 365-day absence episode each): the retained memory per open
/// episode (printed by the setup: a full-GC measurement after the customers are known and again after each has opened an
/// episode), and saving and restoring the state. Issue #12's targets: ≤ 64 bytes per open episode, a snapshot of 1M open
/// episodes ≤ 1 s.
/// </summary>
[MemoryDiagnoser]
public class RuleSnapshotBenchmarks
{
    private static readonly JourneyRule[] Rules = [JourneyRule.Named("compare-no-checkout").When("compare").NotFollowedBy("checkout", TimeSpan.FromDays(365))];
    private JourneyMonitor _monitor = null!;
    private byte[] _snapshot = [];

    public int OpenEpisodes { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] ids = [.. Enumerable.Range(0, OpenEpisodes).Select(i => "cust-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))];
        var monitor = new JourneyMonitor(Rules, new JourneyMonitorOptions { Map = BenchmarkData.Map });
        for (int i = 0; i < ids.Length; i++)
        {
            monitor.Observe(ids[i], t0.AddSeconds(i), "ad"); // known customers, no episode
        }

        monitor.AdvanceTo(t0.AddSeconds(ids.Length));
        long customersOnly = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < ids.Length; i++)
        {
            monitor.Observe(ids[i], t0.AddSeconds(ids.Length + 1 + i), "compare"); // one open episode each
        }

        monitor.AdvanceTo(t0.AddSeconds((2 * ids.Length) + 1));
        long withEpisodes = GC.GetTotalMemory(forceFullCollection: true);
        _monitor = monitor;
        using var stream = new MemoryStream();
        monitor.Save(stream);
        _snapshot = stream.ToArray();
        Console.WriteLine($"// {monitor.OpenEpisodes:N0} open episodes of {monitor.Customers:N0} customers: {withEpisodes - customersOnly:N0} bytes more than the customers alone " +
                          $"= {(double)(withEpisodes - customersOnly) / monitor.OpenEpisodes:F1} bytes per open episode; StateBytes {monitor.StateBytes:N0}; snapshot {_snapshot.Length:N0} bytes");
        GC.KeepAlive(ids);
    }

    [Benchmark]
    public long Save()
    {
        using var stream = new MemoryStream(_snapshot.Length);
        _monitor.Save(stream);
        return stream.Length;
    }

    [Benchmark]
    public int Restore() => JourneyMonitor.Load(new MemoryStream(_snapshot), Rules, new JourneyMonitorOptions { Map = BenchmarkData.Map }).OpenEpisodes;
}
