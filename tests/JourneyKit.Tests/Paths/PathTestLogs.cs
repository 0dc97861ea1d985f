using JourneyKit.Events;

namespace JourneyKit.Tests.Paths;

/// <summary>Small hand-made logs whose analyses are worked out by hand in the tests.</summary>
public static class PathTestLogs
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// c1: A(0) B(10m) C(30m, converts) · c2: A(0) B(5m) B(6m) C(26m) · c3: A(0) C(60m, converts) · c4: B(0).
    /// </summary>
    public static EventLog Letters()
    {
        var b = new EventLogBuilder();
        b.Add("c1", T0, "A").Add("c1", T0.AddMinutes(10), "B").Add(new JourneyEvent("c1", T0.AddMinutes(30), "C") { Outcome = EventOutcome.Conversion });
        b.Add("c2", T0, "A").Add("c2", T0.AddMinutes(5), "B").Add("c2", T0.AddMinutes(6), "B").Add("c2", T0.AddMinutes(26), "C");
        b.Add("c3", T0, "A").Add(new JourneyEvent("c3", T0.AddMinutes(60), "C") { Outcome = EventOutcome.Conversion });
        b.Add("c4", T0, "B");
        return b.Build();
    }

    /// <summary>
    /// Through the sample e-commerce map (stages awareness 0, consideration 1, purchase 2, retention 3, advocacy 4):
    /// j1: ad, compare, checkout, review (0,1,2,4) · j2: ad, compare, ad, compare, checkout (0,1,0,1,2) ·
    /// j3: ad, compare, checkout, confirmation (0,1,2,2; web, web, web, email).
    /// </summary>
    public static EventLog Shop()
    {
        var b = new EventLogBuilder(SampleMaps.ECommerce());
        Add(b, "j1", "ad", "compare", "checkout", "review");
        Add(b, "j2", "ad", "compare", "ad", "compare", "checkout");
        Add(b, "j3", "ad", "compare", "checkout", "confirmation");
        return b.Build();
    }

    public static void Add(EventLogBuilder builder, string customer, params string[] touchpoints)
    {
        for (int i = 0; i < touchpoints.Length; i++)
        {
            builder.Add(customer, T0.AddHours(i), touchpoints[i]);
        }
    }
}
