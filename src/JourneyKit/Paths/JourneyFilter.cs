using JourneyKit.Events;

namespace JourneyKit.Paths;

/// <summary>
/// Chooses the journeys an analysis looks at: by customer (for example the members of a persona's segment), by time
/// range (events outside it are ignored), and by whether the journey contains a step. Immutable; combine with the
/// <c>With…</c>/<c>Between</c>/<c>Containing</c> methods (all conditions must hold).
/// </summary>
public sealed class JourneyFilter
{
    private JourneyFilter(Func<string, bool>? customers, long? fromTicks, long? toTicks, IReadOnlyList<(PathLevel Level, string Step, bool Present)> steps, Func<CustomerJourney, bool>? journeys = null)
    {
        Journeys = journeys;
        Customers = customers;
        FromTicks = fromTicks;
        ToTicks = toTicks;
        Steps = steps;
    }

    /// <summary>Gets the filter that keeps every journey whole.</summary>
    public static JourneyFilter All { get; } = new(null, null, null, []);

    internal Func<string, bool>? Customers { get; }

    internal Func<CustomerJourney, bool>? Journeys { get; }

    internal long? FromTicks { get; }

    internal long? ToTicks { get; }

    internal IReadOnlyList<(PathLevel Level, string Step, bool Present)> Steps { get; }

    internal bool IsAll => Customers is null && Journeys is null && FromTicks is null && ToTicks is null && Steps.Count == 0;

    /// <summary>Keeps only customers for whom <paramref name="predicate"/> holds (for example membership of a segment).</summary>
    /// <param name="predicate">A test on the customer id.</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public JourneyFilter WithCustomers(Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var previous = Customers;
        return new(previous is null ? predicate : id => previous(id) && predicate(id), FromTicks, ToTicks, Steps, Journeys);
    }

    /// <summary>
    /// Keeps only journeys for which <paramref name="predicate"/> holds — any test on the whole journey (its events,
    /// outcomes, values, durations), for example "converted with a value over 100" or "has feedback".
    /// </summary>
    /// <param name="predicate">A test on the customer's whole journey (before any time range is applied).</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public JourneyFilter WithJourneys(Func<CustomerJourney, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var previous = Journeys;
        return new(Customers, FromTicks, ToTicks, Steps, previous is null ? predicate : j => previous(j) && predicate(j));
    }

    /// <summary>Keeps only customers whose attribute has a value (segment "smb", plan "pro", region "eu"…).</summary>
    /// <param name="attributes">The customer attribute table.</param>
    /// <param name="name">The attribute.</param>
    /// <param name="value">The value (text as written; numbers in invariant form).</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table has no attribute of that name.</exception>
    public JourneyFilter WithAttribute(CustomerAttributes attributes, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(value);
        return WithCustomers(attributes.Is(name, value));
    }

    /// <summary>Keeps only customers in a set (for example a persona's segment).</summary>
    /// <param name="customerIds">The customer ids.</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerIds"/> is null.</exception>
    public JourneyFilter WithCustomers(IEnumerable<string> customerIds)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var set = customerIds.ToHashSet(StringComparer.Ordinal);
        return WithCustomers(set.Contains);
    }

    /// <summary>Ignores events outside [<paramref name="from"/>, <paramref name="to"/>); journeys with no event left are dropped.</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded; after <paramref name="from"/>.</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public JourneyFilter Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The end of the time range must be after its start.");
        }

        return new(Customers, Math.Max(FromTicks ?? long.MinValue, from.UtcTicks), Math.Min(ToTicks ?? long.MaxValue, to.UtcTicks), Steps, Journeys);
    }

    /// <summary>Keeps only journeys that contain a step (within the time range, if one is set).</summary>
    /// <param name="level">The level of the step.</param>
    /// <param name="step">The touchpoint, stage or channel id.</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is null.</exception>
    public JourneyFilter Containing(PathLevel level, string step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(Customers, FromTicks, ToTicks, [.. Steps, (level, step, true)], Journeys);
    }

    /// <summary>Keeps only journeys that do not contain a step (within the time range, if one is set).</summary>
    /// <param name="level">The level of the step.</param>
    /// <param name="step">The touchpoint, stage or channel id.</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is null.</exception>
    public JourneyFilter NotContaining(PathLevel level, string step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(Customers, FromTicks, ToTicks, [.. Steps, (level, step, false)], Journeys);
    }
}
