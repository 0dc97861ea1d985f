using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>
/// An immutable, columnar log of journey events: events grouped by customer (customers in order of first appearance
/// in the input) and, within a customer, ordered by time, with events at equal timestamps in input order. Every
/// column is an array over dense integer ids; the strings behind the ids live in small interned tables.
/// </summary>
/// <remarks>
/// <para>
/// Event <c>k</c> has <c>UtcTicks[k]</c>, <c>TouchpointIds[k]</c>, <c>ChannelIds[k]</c>, <c>StageIds[k]</c> and
/// <c>Outcomes[k]</c>; customer <c>c</c> owns events <c>CustomerOffsets[c]</c> up to (excluding)
/// <c>CustomerOffsets[c + 1]</c>. Channel and stage ids are −1 where unknown. With a map, stage id <c>i</c> is
/// <c>Map.Stages[i]</c>, so stage ids compare in journey order.
/// </para>
/// <para>Core columns take 21 bytes per event (ticks 8, touchpoint 4, channel 4, stage 4, outcome 1) plus 4 bytes per customer.</para>
/// </remarks>
public sealed partial class EventLog
{
    private readonly string[] _customerIds;
    private readonly string[] _touchpoints;
    private readonly string[] _channels;
    private readonly string[] _stages;
    private readonly string[] _sessions;
    private readonly int[] _offsets;
    private readonly long[] _ticks;
    private readonly int[] _touchpoint;
    private readonly int[] _channel;
    private readonly int[] _stage;
    private readonly EventOutcome[] _outcome;
    private readonly double[]? _value;
    private readonly int[]? _session;
    private readonly double[]? _feedback;
    private readonly IReadOnlyList<string> _actors;
    private readonly int[]? _actor;
    private Dictionary<string, int>? _customerIndex;
    private Dictionary<string, int>? _touchpointIndex;
    private Dictionary<string, int>? _channelIndex;
    private Dictionary<string, int>? _stageIndex;

    internal EventLog(
        JourneyMap? map,
        string[] customerIds,
        string[] touchpoints,
        string[] channels,
        string[] stages,
        string[] sessions,
        int[] offsets,
        long[] ticks,
        int[] touchpoint,
        int[] channel,
        int[] stage,
        EventOutcome[] outcome,
        double[]? value,
        int[]? session,
        double[]? feedback,
        IReadOnlyList<string>? actors = null,
        int[]? actor = null)
    {
        Map = map;
        _customerIds = customerIds;
        _touchpoints = touchpoints;
        _channels = channels;
        _stages = stages;
        _sessions = sessions;
        _offsets = offsets;
        _ticks = ticks;
        _touchpoint = touchpoint;
        _channel = channel;
        _stage = stage;
        _outcome = outcome;
        _value = value;
        _session = session;
        _feedback = feedback;
        _actors = actors ?? [];
        _actor = actor;
    }

    /// <summary>Gets the map the events were resolved through, or <see langword="null"/>.</summary>
    public JourneyMap? Map { get; }

    /// <summary>Gets the number of customers (journeys).</summary>
    public int CustomerCount => _customerIds.Length;

    /// <summary>Gets the number of events.</summary>
    public long EventCount => _ticks.Length;

    /// <summary>Gets the customer ids, indexed by customer (dense id).</summary>
    public IReadOnlyList<string> CustomerIds => _customerIds;

    /// <summary>Gets the touchpoint names, indexed by touchpoint id.</summary>
    public IReadOnlyList<string> TouchpointNames => _touchpoints;

    /// <summary>Gets the channel names, indexed by channel id.</summary>
    public IReadOnlyList<string> ChannelNames => _channels;

    /// <summary>Gets the stage names, indexed by stage id (with a map: the map's stages in journey order first).</summary>
    public IReadOnlyList<string> StageNames => _stages;

    /// <summary>Gets the source-system session ids, indexed by session id.</summary>
    public IReadOnlyList<string> SessionNames => _sessions;

    /// <summary>Gets, per customer, where its events start; one more entry than customers, the last being <see cref="EventCount"/>.</summary>
    public ReadOnlySpan<int> CustomerOffsets => _offsets;

    /// <summary>Gets the timestamps as UTC ticks.</summary>
    public ReadOnlySpan<long> UtcTicks => _ticks;

    /// <summary>Gets the touchpoint ids.</summary>
    public ReadOnlySpan<int> TouchpointIds => _touchpoint;

    /// <summary>Gets the channel ids (−1 where unknown).</summary>
    public ReadOnlySpan<int> ChannelIds => _channel;

    /// <summary>Gets the stage ids (−1 where unknown).</summary>
    public ReadOnlySpan<int> StageIds => _stage;

    /// <summary>Gets the outcomes.</summary>
    public ReadOnlySpan<EventOutcome> Outcomes => _outcome;

    /// <summary>Gets the event values (NaN where none); empty when no event carries a value.</summary>
    public ReadOnlySpan<double> Values => _value;

    /// <summary>Gets the feedback scores (NaN where none); empty when no event carries feedback.</summary>
    public ReadOnlySpan<double> Feedback => _feedback;

    /// <summary>Gets the session ids (−1 where none); empty when no event carries a session id.</summary>
    public ReadOnlySpan<int> SessionIds => _session;

    /// <summary>
    /// Gets who did each event, where that differs from the journey's customer: the raw identifier an event was recorded
    /// under before identity stitching, or the participant of an account-level journey. Indexed by actor id.
    /// </summary>
    public IReadOnlyList<string> ActorNames => _actors;

    /// <summary>Gets the actor ids (−1 where the customer did it); empty when no event carries an actor.</summary>
    public ReadOnlySpan<int> ActorIds => _actor;

    // The arrays behind the spans, for analyses in this assembly that keep them in fields (never written to).
    internal int[] TouchpointArray => _touchpoint;

    internal int[] ChannelArray => _channel;

    internal int[] StageArray => _stage;

    internal int[] OffsetArray => _offsets;

    internal string[] CustomerIdArray => _customerIds;

    /// <summary>Gets the bytes held by the event columns (core and optional) and customer offsets, excluding the string tables.</summary>
    public long ColumnBytes =>
        (_ticks.LongLength * 8) + (_touchpoint.LongLength * 4) + (_channel.LongLength * 4) + (_stage.LongLength * 4) +
        _outcome.LongLength + (_offsets.LongLength * 4) + ((_value?.LongLength ?? 0) * 8) +
        ((_session?.LongLength ?? 0) * 4) + ((_feedback?.LongLength ?? 0) * 8) + ((_actor?.LongLength ?? 0) * 4);

    /// <summary>Gets one customer's journey: a view over the columns, not a copy.</summary>
    /// <param name="customer">The customer index. Range: 0 ≤ customer &lt; <see cref="CustomerCount"/>.</param>
    /// <returns>The journey.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customer"/> is out of range.</exception>
    public CustomerJourney this[int customer]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(customer);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(customer, CustomerCount);
            return new CustomerJourney(this, customer, _offsets[customer], _offsets[customer + 1] - _offsets[customer]);
        }
    }

    /// <summary>Gets every journey in customer order.</summary>
    public IEnumerable<CustomerJourney> Journeys
    {
        get
        {
            for (int c = 0; c < CustomerCount; c++)
            {
                yield return new CustomerJourney(this, c, _offsets[c], _offsets[c + 1] - _offsets[c]);
            }
        }
    }

    /// <summary>Finds a customer by id.</summary>
    /// <param name="customerId">The customer id (ordinal).</param>
    /// <returns>The customer index, or −1 when the log has no such customer.</returns>
    public int FindCustomer(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        _customerIndex ??= BuildCustomerIndex();
        return _customerIndex.TryGetValue(customerId, out int index) ? index : -1;
    }

    /// <summary>Finds a touchpoint by id or label.</summary>
    /// <param name="touchpoint">The touchpoint (ordinal).</param>
    /// <returns>Its dense id (an index into <see cref="TouchpointNames"/>), or −1 when the log has no such touchpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touchpoint"/> is null.</exception>
    public int FindTouchpoint(string touchpoint) => Find(_touchpoints, ref _touchpointIndex, touchpoint);

    /// <summary>Finds a channel by id.</summary>
    /// <param name="channel">The channel (ordinal).</param>
    /// <returns>Its dense id (an index into <see cref="ChannelNames"/>), or −1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channel"/> is null.</exception>
    public int FindChannel(string channel) => Find(_channels, ref _channelIndex, channel);

    /// <summary>Finds a stage by id.</summary>
    /// <param name="stage">The stage (ordinal).</param>
    /// <returns>Its dense id (an index into <see cref="StageNames"/>; with a map, the stage's position in map order), or −1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stage"/> is null.</exception>
    public int FindStage(string stage) => Find(_stages, ref _stageIndex, stage);

    private static int Find(string[] names, ref Dictionary<string, int>? index, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lookup = Volatile.Read(ref index);
        if (lookup is null)
        {
            lookup = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
            {
                lookup.TryAdd(names[i], i);
            }

            Volatile.Write(ref index, lookup);
        }

        return lookup.TryGetValue(name, out int id) ? id : -1;
    }

    /// <summary>Materialises one event (convenient, not for hot paths).</summary>
    /// <param name="index">The event index. Range: 0 ≤ index &lt; <see cref="EventCount"/>.</param>
    /// <returns>The event with its resolved channel and stage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public JourneyEvent GetEvent(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _ticks.Length);
        int customer = CustomerOf(index);
        return new JourneyEvent(_customerIds[customer], new DateTimeOffset(_ticks[index], TimeSpan.Zero), _touchpoints[_touchpoint[index]])
        {
            Channel = _channel[index] >= 0 ? _channels[_channel[index]] : null,
            Stage = _stage[index] >= 0 ? _stages[_stage[index]] : null,
            Outcome = _outcome[index],
            Value = _value is null || double.IsNaN(_value[index]) ? null : _value[index],
            SessionId = _session is null || _session[index] < 0 ? null : _sessions[_session[index]],
            Feedback = _feedback is null || double.IsNaN(_feedback[index]) ? null : _feedback[index],
            Actor = _actor is null || _actor[index] < 0 ? null : _actors[_actor[index]],
        };
    }

    /// <summary>Materialises every event in log order (customer, then time).</summary>
    /// <returns>The events.</returns>
    public IEnumerable<JourneyEvent> Events()
    {
        for (int k = 0; k < _ticks.Length; k++)
        {
            yield return GetEvent(k);
        }
    }

    /// <summary>Gets the customer index that owns an event.</summary>
    /// <param name="index">The event index. Range: 0 ≤ index &lt; <see cref="EventCount"/>.</param>
    /// <returns>The customer index.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public int CustomerOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _ticks.Length);
        int found = Array.BinarySearch(_offsets, index);
        if (found < 0)
        {
            return ~found - 1;
        }

        // Customers without events share an offset: take the last customer starting here.
        while (found + 1 < _offsets.Length - 1 && _offsets[found + 1] == index)
        {
            found++;
        }

        return found;
    }

    /// <summary>
    /// Splits each customer's events into sessions: a new session starts at a customer's first event, after an
    /// inactivity gap longer than <paramref name="inactivityGap"/>, and (when asked) where the source-system session id changes.
    /// </summary>
    /// <param name="inactivityGap">The longest pause within a session; default 30 minutes. Range: positive.</param>
    /// <param name="splitOnSessionIdChange">Whether a change of <see cref="JourneyEvent.SessionId"/> also starts a session.</param>
    /// <param name="cancellationToken">Cancels the split (checked between customers).</param>
    /// <returns>The sessions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inactivityGap"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public SessionTable Sessionize(TimeSpan? inactivityGap = null, bool splitOnSessionIdChange = true, CancellationToken cancellationToken = default)
    {
        TimeSpan gap = inactivityGap ?? TimeSpan.FromMinutes(30);
        if (gap <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(inactivityGap), gap, "The inactivity gap must be positive.");
        }

        var starts = new List<int>(Math.Max(CustomerCount, 4));
        var owners = new List<int>(Math.Max(CustomerCount, 4));
        long gapTicks = gap.Ticks;
        int[]? session = splitOnSessionIdChange ? _session : null;
        for (int c = 0; c < CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int start = _offsets[c], end = _offsets[c + 1];
            for (int k = start; k < end; k++)
            {
                if (k == start || _ticks[k] - _ticks[k - 1] > gapTicks || (session is not null && session[k] != session[k - 1]))
                {
                    starts.Add(k);
                    owners.Add(c);
                }
            }
        }

        starts.Add(_ticks.Length);
        return new SessionTable(this, [.. starts], [.. owners]);
    }

    /// <summary>
    /// Splits the log into at most <paramref name="partitionCount"/> logs of whole customers, contiguous in customer
    /// order and balanced by event count, for partition-parallel work. The partitions share this log's touchpoint,
    /// channel, stage and session tables, so ids mean the same in every partition. <see cref="Merge"/> of the
    /// partitions in order gives back a log equal to this one.
    /// </summary>
    /// <param name="partitionCount">The number of partitions wanted. Range: ≥ 1.</param>
    /// <returns>The partitions (fewer when there are fewer customers); each non-empty unless the log is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is less than 1.</exception>
    public IReadOnlyList<EventLog> Partition(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var parts = new List<EventLog>(partitionCount);
        int customerStart = 0;
        for (int p = 0; p < partitionCount && (customerStart < CustomerCount || parts.Count == 0); p++)
        {
            long target = EventCount * (p + 1) / partitionCount;
            int customerEnd = customerStart;
            while (customerEnd < CustomerCount && (_offsets[customerEnd] < target || customerEnd == customerStart || p == partitionCount - 1))
            {
                customerEnd++;
            }

            parts.Add(Slice(customerStart, customerEnd));
            customerStart = customerEnd;
        }

        return parts;
    }

    /// <summary>
    /// Merges logs into one: customers in order of first appearance across the logs, and a customer present in several
    /// logs gets all their events in time order (equal timestamps: earlier log first). Strings are re-interned, so logs
    /// built separately can be merged.
    /// </summary>
    /// <param name="logs">The logs; all resolved through the same map instance, or all without a map.</param>
    /// <param name="cancellationToken">Cancels the merge (checked between customers and during the build).</param>
    /// <returns>The merged log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logs"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">The logs use different maps.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static EventLog Merge(IEnumerable<EventLog> logs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var list = logs.ToList();
        if (list.Any(l => l is null))
        {
            throw new ArgumentNullException(nameof(logs), "A log to merge is null.");
        }

        JourneyMap? map = list.Count > 0 ? list[0].Map : null;
        if (list.Any(l => !ReferenceEquals(l.Map, map)))
        {
            throw new ArgumentException("Logs resolved through different journey maps cannot be merged.", nameof(logs));
        }

        var builder = map is null ? new EventLogBuilder() : new EventLogBuilder(map, allowUnknownTouchpoints: true);
        foreach (EventLog log in list)
        {
            log.CopyInto(builder, cancellationToken);
        }

        return builder.Build(cancellationToken);
    }

    /// <summary>
    /// Compares two logs by content: the same customers (by id, in any customer order) with the same events in the
    /// same order, comparing touchpoints, channels, stages, sessions and actors by name.
    /// </summary>
    /// <param name="other">The other log.</param>
    /// <returns><see langword="true"/> when both logs hold the same journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool ContentEquals(EventLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.CustomerCount != CustomerCount || other.EventCount != EventCount)
        {
            return false;
        }

        for (int c = 0; c < CustomerCount; c++)
        {
            int d = other.FindCustomer(_customerIds[c]);
            if (d < 0)
            {
                return false;
            }

            var mine = this[c];
            var theirs = other[d];
            if (mine.Count != theirs.Count)
            {
                return false;
            }

            for (int i = 0; i < mine.Count; i++)
            {
                if (GetEvent(mine.Start + i) != other.GetEvent(theirs.Start + i))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private Dictionary<string, int> BuildCustomerIndex()
    {
        var index = new Dictionary<string, int>(_customerIds.Length, StringComparer.Ordinal);
        for (int c = 0; c < _customerIds.Length; c++)
        {
            index[_customerIds[c]] = c;
        }

        return index;
    }

    private EventLog Slice(int customerStart, int customerEnd)
    {
        int start = _offsets[customerStart], end = _offsets[customerEnd];
        var offsets = new int[customerEnd - customerStart + 1];
        for (int c = customerStart; c <= customerEnd; c++)
        {
            offsets[c - customerStart] = _offsets[c] - start;
        }

        return new EventLog(
            Map,
            _customerIds[customerStart..customerEnd],
            _touchpoints,
            _channels,
            _stages,
            _sessions,
            offsets,
            _ticks[start..end],
            _touchpoint[start..end],
            _channel[start..end],
            _stage[start..end],
            _outcome[start..end],
            _value?[start..end],
            _session?[start..end],
            _feedback?[start..end],
            _actors,
            _actor?[start..end]);
    }

    /// <summary>A log of some of this log's customers (in the order given), sharing its label tables.</summary>
    internal EventLog Select(IReadOnlyList<int> customers)
    {
        var offsets = new int[customers.Count + 1];
        for (int i = 0; i < customers.Count; i++)
        {
            int c = customers[i];
            offsets[i + 1] = offsets[i] + (_offsets[c + 1] - _offsets[c]);
        }

        int n = offsets[^1];
        var ticks = new long[n];
        var touchpoint = new int[n];
        var channel = new int[n];
        var stage = new int[n];
        var outcome = new EventOutcome[n];
        var value = _value is null ? null : new double[n];
        var session = _session is null ? null : new int[n];
        var feedback = _feedback is null ? null : new double[n];
        var actor = _actor is null ? null : new int[n];
        var ids = new string[customers.Count];
        for (int i = 0; i < customers.Count; i++)
        {
            int c = customers[i];
            ids[i] = _customerIds[c];
            int from = _offsets[c], count = _offsets[c + 1] - from, to = offsets[i];
            Array.Copy(_ticks, from, ticks, to, count);
            Array.Copy(_touchpoint, from, touchpoint, to, count);
            Array.Copy(_channel, from, channel, to, count);
            Array.Copy(_stage, from, stage, to, count);
            Array.Copy(_outcome, from, outcome, to, count);
            if (value is not null)
            {
                Array.Copy(_value!, from, value, to, count);
            }

            if (session is not null)
            {
                Array.Copy(_session!, from, session, to, count);
            }

            if (feedback is not null)
            {
                Array.Copy(_feedback!, from, feedback, to, count);
            }

            if (actor is not null)
            {
                Array.Copy(_actor!, from, actor, to, count);
            }
        }

        return new EventLog(Map, ids, _touchpoints, _channels, _stages, _sessions, offsets, ticks, touchpoint, channel, stage, outcome, value, session, feedback, _actors, actor);
    }

    private void CopyInto(EventLogBuilder builder, CancellationToken cancellationToken)
    {
        int[] customers = Remap(_customerIds, builder.Customers);
        int[] touchpoints = Remap(_touchpoints, builder.Touchpoints);
        int[] channels = Remap(_channels, builder.Channels);
        int[] stages = Remap(_stages, builder.Stages);
        int[] sessions = Remap(_sessions, builder.Sessions);
        int[] actors = Remap(_actors, builder.Actors);
        for (int c = 0; c < CustomerCount; c++)
        {
            if ((c & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int k = _offsets[c]; k < _offsets[c + 1]; k++)
            {
                // Channel and stage are carried as overrides so that labels unknown to the map survive the merge.
                builder.Append(
                    customers[c],
                    _ticks[k],
                    touchpoints[_touchpoint[k]],
                    _channel[k] >= 0 ? channels[_channel[k]] : -1,
                    _stage[k] >= 0 ? stages[_stage[k]] : -1,
                    _outcome[k],
                    _value?[k] ?? double.NaN,
                    _session is not null && _session[k] >= 0 ? sessions[_session[k]] : -1,
                    _feedback?[k] ?? double.NaN,
                    _actor is not null && _actor[k] >= 0 ? actors[_actor[k]] : -1);
            }
        }
    }

    private static int[] Remap(IReadOnlyList<string> names, StringTable table)
    {
        var ids = new int[names.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = table.Intern(names[i]);
        }

        return ids;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Event log: {Show.Count(EventCount)} events of {Show.Count(CustomerCount)} customers; {Show.Count(_touchpoints.Length)} touchpoints, {Show.Count(_channels.Length)} channels, {Show.Count(_stages.Length)} stages";
}
