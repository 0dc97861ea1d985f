using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Benchmarks;

/// <summary>Seeded data shared by the benchmarks.</summary>
internal static class BenchmarkData
{
    /// <summary>The e-commerce map used for synthetic journeys (five stages, twelve touchpoints, five channels).</summary>
    public static JourneyMap Map { get; } = JourneyMap.CreateBuilder("bench", "Benchmark journey")
        .AddStages(JourneyTemplates.FiveStage)
        .AddChannel("social", "Social", ChannelKind.Social)
        .AddChannel("search", "Search", ChannelKind.Advertising)
        .AddChannel("web", "Web", ChannelKind.Web)
        .AddChannel("email", "E-mail", ChannelKind.Email)
        .AddChannel("store", "Store", ChannelKind.Store)
        .AddTouchpoint("ad", "Ad", "awareness", "social", emotion: Emotion.From(0.5))
        .AddTouchpoint("search-ad", "Search ad", "awareness", "search")
        .AddTouchpoint("reviews", "Reviews", "consideration", "web", emotion: Emotion.From(1))
        .AddTouchpoint("compare", "Compare", "consideration", "web", emotion: Emotion.From(-0.5))
        .AddTouchpoint("try-on", "Try on", "consideration", "store", emotion: Emotion.From(1.5))
        .AddTouchpoint("checkout", "Checkout", "purchase", "web", emotion: Emotion.From(-1.5))
        .AddTouchpoint("store-till", "Store till", "purchase", "store", emotion: Emotion.From(0.5))
        .AddTouchpoint("confirmation", "Confirmation", "purchase", "email", emotion: Emotion.From(1))
        .AddTouchpoint("delivery", "Delivery mail", "retention", "email")
        .AddTouchpoint("app-usage", "Account page", "retention", "web")
        .AddTouchpoint("review-request", "Review request", "advocacy", "email")
        .AddTouchpoint("referral", "Referral", "advocacy", "web", emotion: Emotion.From(1))
        .Build();

    /// <summary>Options for about <paramref name="events"/> synthetic events: journeys average about 5.5 events.</summary>
    public static SyntheticJourneyOptions JourneysFor(int events) => new() { Customers = events * 2 / 11 };

    /// <summary>A seeded synthetic log of about <paramref name="events"/> events through <see cref="Map"/>.</summary>
    public static EventLog SyntheticLog(int events) => new SyntheticJourneyGenerator(Map, JourneysFor(events)).Generate();

    /// <summary>The closed four-stage funnel used by the path and DuckDB benchmarks.</summary>
    public static FunnelDefinition StageFunnel { get; } = new(
        FunnelStep.Stage("awareness"), FunnelStep.Stage("consideration"), FunnelStep.Stage("purchase"), FunnelStep.Stage("advocacy"));

    /// <summary>Shuffled event columns: about ten events per customer over a year, touchpoints uniform.</summary>
    public static (int[] Customers, long[] Ticks, int[] Touchpoints, int CustomerCount) ShuffledColumns(int events, int seed = 42)
    {
        var random = new Random(seed);
        int customerCount = Math.Max(1, events / 10);
        var customers = new int[events];
        var ticks = new long[events];
        var touchpoints = new int[events];
        long start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        for (int i = 0; i < events; i++)
        {
            customers[i] = random.Next(customerCount);
            ticks[i] = start + random.NextInt64(TimeSpan.TicksPerDay * 365);
            touchpoints[i] = random.Next(Map.Touchpoints.Count);
        }

        return (customers, ticks, touchpoints, customerCount);
    }
}
