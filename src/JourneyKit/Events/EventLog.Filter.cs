using JourneyKit.Internal;

namespace JourneyKit.Events;

public sealed partial class EventLog
{
    /// <summary>
    /// Keeps the events for which <paramref name="keep"/> holds (it receives the log and the event index): a log of the
    /// same label tables and map, journeys in the same order, customers left with no event dropped.
    /// </summary>
    /// <param name="keep">The test.</param>
    /// <returns>The filtered log (this log is unchanged).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keep"/> is null.</exception>
    /// <example><code>EventLog web = log.Where((l, e) => l.ChannelIds[e] == l.FindChannel("web"));</code></example>
    public EventLog Where(Func<EventLog, int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var kept = new List<int>();
        var offsets = new List<int> { 0 };
        var customers = new List<string>();
        for (int c = 0; c < CustomerCount; c++)
        {
            int before = kept.Count;
            for (int e = _offsets[c]; e < _offsets[c + 1]; e++)
            {
                if (keep(this, e))
                {
                    kept.Add(e);
                }
            }

            if (kept.Count > before)
            {
                customers.Add(_customerIds[c]);
                offsets.Add(kept.Count);
            }
        }

        T[] Take<T>(T[] column) => [.. kept.Select(e => column[e])];
        return new EventLog(Map, [.. customers], _touchpoints, _channels, _stages, _sessions, [.. offsets], Take(_ticks), Take(_touchpoint), Take(_channel),
            Take(_stage), Take(_outcome), _value is null ? null : Take(_value), _session is null ? null : Take(_session), _feedback is null ? null : Take(_feedback),
            _actors, _actor is null ? null : Take(_actor));
    }

    /// <summary>Keeps the whole journeys for which <paramref name="keep"/> holds (customers who converted, journeys longer than a week…).</summary>
    /// <param name="keep">The test.</param>
    /// <returns>The filtered log, sharing this log's label tables and map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keep"/> is null.</exception>
    public EventLog WhereJourneys(Func<CustomerJourney, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var customers = new List<int>();
        for (int c = 0; c < CustomerCount; c++)
        {
            if (keep(this[c]))
            {
                customers.Add(c);
            }
        }

        return Select(customers);
    }

    /// <summary>
    /// The same events resolved through a journey map: each event without a stage or channel takes its touchpoint's, so
    /// stage funnels, conformance, stall rules and the HTML report work on a log that was read without one (a CRM export,
    /// a draft map discovered from it). Events keep the channel and stage they carry (for a log resolved through another
    /// map, that map's).
    /// </summary>
    /// <param name="map">The map; it must hold every touchpoint, channel and stage the log's events name.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A log with <see cref="Map"/> set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">A label of the log is not in the map; the message lists them with the closest map ids.</exception>
    public EventLog WithMap(JourneyMap map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var missing = new List<string>();
        void Check(string[] labels, IEnumerable<string> known, string what)
        {
            var ids = known.ToHashSet(StringComparer.Ordinal);
            foreach (string label in labels.Where(l => !ids.Contains(l)).Take(5))
            {
                missing.Add($"{what} '{Guard.Clip(label)}' ({Closest.Describe(label, ids, what, "the map")})");
            }
        }

        Check(_touchpoints, map.Touchpoints.Select(t => t.Id), "touchpoint");
        Check(UsedLabels(_channels, _channel), map.Channels.Select(c => c.Id), "channel");
        Check(UsedLabels(_stages, _stage), map.Stages.Select(s => s.Id), "stage");
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The log names labels journey map '{Guard.Clip(map.Id)}' lacks: {string.Join("; ", missing)}.", nameof(map));
        }

        var builder = new EventLogBuilder(map);
        CopyInto(builder, cancellationToken);
        return builder.Build(cancellationToken);
    }

    private static string[] UsedLabels(string[] names, int[] ids)
    {
        var used = new bool[names.Length];
        foreach (int id in ids)
        {
            if (id >= 0)
            {
                used[id] = true;
            }
        }

        return [.. names.Where((_, i) => used[i])];
    }
}
