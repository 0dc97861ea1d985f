namespace JourneyKit.Events;

/// <summary>One customer's journey: a view over the log's columns (no copy).</summary>
public readonly struct CustomerJourney
{
    internal CustomerJourney(EventLog log, int customer, int start, int count)
    {
        Log = log;
        Customer = customer;
        Start = start;
        Count = count;
    }

    /// <summary>Gets the log the journey belongs to.</summary>
    public EventLog Log { get; }

    /// <summary>Gets the customer index in the log.</summary>
    public int Customer { get; }

    /// <summary>Gets the customer id.</summary>
    public string CustomerId => Log.CustomerIds[Customer];

    /// <summary>Gets the index of the journey's first event in the log's columns.</summary>
    public int Start { get; }

    /// <summary>Gets the number of events.</summary>
    public int Count { get; }

    /// <summary>Gets the timestamps as UTC ticks, in time order.</summary>
    public ReadOnlySpan<long> UtcTicks => Log.UtcTicks.Slice(Start, Count);

    /// <summary>Gets the touchpoint ids.</summary>
    public ReadOnlySpan<int> TouchpointIds => Log.TouchpointIds.Slice(Start, Count);

    /// <summary>Gets the channel ids (−1 where unknown).</summary>
    public ReadOnlySpan<int> ChannelIds => Log.ChannelIds.Slice(Start, Count);

    /// <summary>Gets the stage ids (−1 where unknown).</summary>
    public ReadOnlySpan<int> StageIds => Log.StageIds.Slice(Start, Count);

    /// <summary>Gets the outcomes.</summary>
    public ReadOnlySpan<EventOutcome> Outcomes => Log.Outcomes.Slice(Start, Count);

    /// <summary>Gets each event's value (a purchase amount), NaN where the event has none; all NaN when the log has no values.</summary>
    /// <returns>The values, in journey order.</returns>
    public double[] Values() => Column(Log.Values);

    /// <summary>Gets each event's feedback score, NaN where the event has none; all NaN when the log has no feedback.</summary>
    /// <returns>The scores, in journey order.</returns>
    public double[] Feedback() => Column(Log.Feedback);

    /// <summary>Gets the events themselves, with every field (a convenience: it allocates an event each).</summary>
    /// <returns>The events, in journey order.</returns>
    public IReadOnlyList<JourneyEvent> Events()
    {
        var events = new JourneyEvent[Count];
        for (int k = 0; k < Count; k++)
        {
            events[k] = Log.GetEvent(Start + k);
        }

        return events;
    }

    /// <summary>Gets the time from the first to the last event; zero for an empty or one-event journey.</summary>
    public TimeSpan Duration => Count < 2 ? TimeSpan.Zero : TimeSpan.FromTicks(UtcTicks[Count - 1] - UtcTicks[0]);

    /// <summary>Gets the touchpoint names in order (allocates; for display).</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> TouchpointNames()
    {
        var names = new string[Count];
        var ids = TouchpointIds;
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = Log.TouchpointNames[ids[i]];
        }

        return names;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{CustomerId}: {string.Join(" > ", TouchpointNames())}";

    private double[] Column(ReadOnlySpan<double> column)
    {
        var values = new double[Count];
        if (column.IsEmpty)
        {
            Array.Fill(values, double.NaN);
        }
        else
        {
            column.Slice(Start, Count).CopyTo(values);
        }

        return values;
    }
}
