namespace JourneyKit.Rules;

/// <summary>A firing by dense ids and ticks, before names are attached.</summary>
internal struct RawFiring(int customer, int rule, long start, long due, long firedAt)
{
    public readonly int Customer = customer;
    public readonly int Rule = rule;
    public readonly long Start = start;
    public readonly long Due = due;
    public readonly long FiredAt = firedAt;
    public bool Recovered;

    public readonly RuleFiring ToFiring(JourneyRule[] rules, IReadOnlyList<string> customers) =>
        new(rules[Rule].Name, customers[Customer], Utc(Start), Utc(Due), Utc(FiredAt));

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
