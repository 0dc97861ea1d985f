using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>The sessions of a log (see <see cref="EventLog.Sessionize"/>).</summary>
public sealed class SessionTable
{
    private readonly int[] _starts;
    private readonly int[] _customers;

    internal SessionTable(EventLog log, int[] starts, int[] customers)
    {
        Log = log;
        _starts = starts;
        _customers = customers;
    }

    /// <summary>Gets the log.</summary>
    public EventLog Log { get; }

    /// <summary>Gets the number of sessions.</summary>
    public int Count => _customers.Length;

    /// <summary>Gets, per session, the index of its first event; one more entry than sessions, the last being the event count.</summary>
    public ReadOnlySpan<int> Starts => _starts;

    /// <summary>Gets, per session, the customer index.</summary>
    public ReadOnlySpan<int> Customers => _customers;

    /// <summary>Gets the number of events in a session.</summary>
    /// <param name="session">The session index. Range: 0 ≤ session &lt; <see cref="Count"/>.</param>
    /// <returns>The event count.</returns>
    public int EventCount(int session) => _starts[session + 1] - _starts[session];

    /// <summary>Gets the time from a session's first to its last event.</summary>
    /// <param name="session">The session index. Range: 0 ≤ session &lt; <see cref="Count"/>.</param>
    /// <returns>The duration; zero for a one-event session.</returns>
    public TimeSpan Duration(int session) =>
        TimeSpan.FromTicks(Log.UtcTicks[_starts[session + 1] - 1] - Log.UtcTicks[_starts[session]]);

    /// <inheritdoc/>
    public override string ToString() => $"{Show.Count(Count)} sessions of {Show.Count(Log.CustomerCount)} customers";
}
