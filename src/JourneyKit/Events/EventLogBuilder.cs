namespace JourneyKit.Events;

/// <summary>
/// Collects journey events — one by one, in batches or as columns of dense ids — and builds an immutable,
/// columnar <see cref="EventLog"/> grouped by customer and ordered by time.
/// </summary>
/// <remarks>
/// <para>
/// With a <see cref="JourneyMap"/>, touchpoints, channels and stages are pre-registered in map order (touchpoint id
/// <c>i</c> is <c>map.Touchpoints[i]</c>, stage id <c>i</c> is <c>map.Stages[i]</c>), each event's channel and stage
/// are resolved from its touchpoint, and unknown touchpoints are refused unless allowed. Without a map any label is a
/// touchpoint and channels/stages are only known where events give them.
/// </para>
/// <para>
/// Not thread-safe: a call that overlaps another call on the same builder throws <see cref="InvalidOperationException"/>
/// instead of losing events. <see cref="Build"/> can be called more than once. A call that throws adds and registers
/// nothing.
/// </para>
/// </remarks>
public sealed partial class EventLogBuilder
{
    private const int NoId = -1;

    private readonly StringTable _customers = new();
    private readonly StringTable _touchpoints = new();
    private readonly StringTable _channels = new();
    private readonly StringTable _stages = new();
    private readonly StringTable _sessions = new();
    private readonly StringTable _actors = new();
    private readonly int[] _mapTouchpointChannel = [];
    private readonly int[] _mapTouchpointStage = [];

    private int _count;
    private int _maxDegreeOfParallelism = 1;
    private int _busy;
    private int[] _customer = [];
    private long[] _ticks = [];
    private int[] _touchpoint = [];
    private int[]? _channelOverride;
    private int[]? _stageOverride;
    private EventOutcome[]? _outcome;
    private double[]? _value;
    private int[]? _session;
    private double[]? _feedback;
    private int[]? _actor;

    /// <summary>Creates a builder without a map: any label is a touchpoint.</summary>
    public EventLogBuilder()
    {
    }

    /// <summary>Creates a builder that resolves each touchpoint to its stage and channel through a map.</summary>
    /// <param name="map">The journey map.</param>
    /// <param name="allowUnknownTouchpoints">
    /// Whether touchpoints, channels and stages that the map does not have are accepted (with unknown stage and
    /// channel) instead of refused.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public EventLogBuilder(JourneyMap map, bool allowUnknownTouchpoints = false)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
        AllowsUnknownTouchpoints = allowUnknownTouchpoints;
        foreach (Stage stage in map.Stages)
        {
            _stages.Intern(stage.Id);
        }

        foreach (Channel channel in map.Channels)
        {
            _channels.Intern(channel.Id);
        }

        _mapTouchpointChannel = new int[map.Touchpoints.Count];
        _mapTouchpointStage = new int[map.Touchpoints.Count];
        foreach (Touchpoint tp in map.Touchpoints)
        {
            int id = _touchpoints.Intern(tp.Id);
            _mapTouchpointChannel[id] = _channels.Find(tp.ChannelId);
            _mapTouchpointStage[id] = _stages.Find(tp.StageId);
        }
    }

    /// <summary>Gets the map that resolves touchpoints, or <see langword="null"/>.</summary>
    public JourneyMap? Map { get; }

    /// <summary>Gets a value indicating whether labels unknown to the map are accepted.</summary>
    public bool AllowsUnknownTouchpoints { get; }

    /// <summary>Gets or sets how many threads <see cref="Build"/> may use on large inputs (64K events or more).</summary>
    /// <value>Default 1. Range: 1..64; the result does not depend on it.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>Gets the number of events added so far.</summary>
    public long Count => _count;

    /// <summary>Gets the number of distinct customers added so far.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>Gets the dense id of a customer, registering it when new. Customer ids are numbered in order of first appearance.</summary>
    /// <param name="customerId">The customer id; not blank.</param>
    /// <returns>The dense id (0, 1, 2…).</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is null or blank, has leading or trailing white space, or is not valid Unicode.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public int InternCustomer(string customerId)
    {
        Enter();
        try
        {
            RequireText(customerId, nameof(customerId), "customer id");
            return _customers.Intern(customerId);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Gets the dense id of a touchpoint, registering it when new (and allowed).</summary>
    /// <param name="touchpoint">The touchpoint id or label; not blank.</param>
    /// <returns>The dense id; with a map, ids below <c>map.Touchpoints.Count</c> are the map's touchpoints in order.</returns>
    /// <exception cref="ArgumentException">The label is blank, or the map does not have it and unknown touchpoints are not allowed.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public int InternTouchpoint(string touchpoint) => InternLabelGuarded(_touchpoints, touchpoint, nameof(touchpoint), "touchpoint");

    /// <summary>Gets the dense id of a channel, registering it when new (and allowed).</summary>
    /// <param name="channel">The channel id; not blank.</param>
    /// <returns>The dense id; with a map, ids below <c>map.Channels.Count</c> are the map's channels in order.</returns>
    /// <exception cref="ArgumentException">The id is blank, or the map does not have it and unknown labels are not allowed.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public int InternChannel(string channel) => InternLabelGuarded(_channels, channel, nameof(channel), "channel");

    /// <summary>Gets the dense id of a stage, registering it when new (and allowed).</summary>
    /// <param name="stage">The stage id; not blank.</param>
    /// <returns>The dense id; with a map, stage id <c>i</c> is <c>map.Stages[i]</c> (journey order).</returns>
    /// <exception cref="ArgumentException">The id is blank, or the map does not have it and unknown labels are not allowed.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public int InternStage(string stage) => InternLabelGuarded(_stages, stage, nameof(stage), "stage");

    /// <summary>Adds one event.</summary>
    /// <param name="customerId">The customer id; not blank.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="touchpoint">The touchpoint id (with a map) or any label (without); not blank.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An id is blank, has surrounding white space or is not valid Unicode; the touchpoint is a reserved label (in parentheses, or containing " &gt; "), or is unknown to the map and unknown touchpoints are not allowed.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public EventLogBuilder Add(string customerId, DateTimeOffset timestamp, string touchpoint)
    {
        Enter();
        try
        {
            // Everything is checked before anything is registered: a failed call leaves no customer or label behind.
            int customer = CheckCustomer(customerId, nameof(customerId));
            int tp = CheckLabel(_touchpoints, touchpoint, nameof(touchpoint), "touchpoint");
            customer = customer >= 0 ? customer : _customers.Intern(customerId);
            tp = tp >= 0 ? tp : _touchpoints.Intern(touchpoint);

            Append(customer, timestamp.UtcTicks, tp, NoId, NoId, EventOutcome.None, double.NaN, NoId, double.NaN, NoId);
            return this;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Adds one event stamped with a UTC <see cref="DateTime"/>.</summary>
    /// <param name="customerId">The customer id; not blank.</param>
    /// <param name="timestamp">When it happened; <see cref="DateTime.Kind"/> must be <see cref="DateTimeKind.Utc"/>.</param>
    /// <param name="touchpoint">The touchpoint id (with a map) or any label (without); not blank.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// Without this overload C# would convert a <see cref="DateTime"/> to <see cref="DateTimeOffset"/> silently, in the
    /// machine's time zone. A local or unspecified time is refused: convert it with the zone it was recorded in
    /// (<see cref="TimeZoneInfo.ConvertTimeToUtc(DateTime, TimeZoneInfo)"/>), or read files with
    /// <see cref="IngestOptions.NaiveTimestampZone"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The timestamp is not UTC, or as <see cref="Add(string, DateTimeOffset, string)"/>.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public EventLogBuilder Add(string customerId, DateTime timestamp, string touchpoint) =>
        Add(customerId, JourneyEvent.Utc(timestamp, nameof(timestamp)), touchpoint);

    /// <summary>Adds one event with all its optional fields.</summary>
    /// <param name="journeyEvent">The event.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// An id is blank; a label is unknown to the map and unknown labels are not allowed; the outcome is undefined;
    /// the value or feedback is NaN or infinite.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public EventLogBuilder Add(in JourneyEvent journeyEvent)
    {
        if (!Enum.IsDefined(journeyEvent.Outcome))
        {
            throw new ArgumentException($"Outcome {(int)journeyEvent.Outcome} of customer '{journeyEvent.CustomerId}' is not defined.", nameof(journeyEvent));
        }

        RequireFinite(journeyEvent.Value, "Value", journeyEvent.CustomerId, nameof(journeyEvent));
        RequireFinite(journeyEvent.Feedback, "Feedback", journeyEvent.CustomerId, nameof(journeyEvent));
        Enter();
        try
        {
            // Everything is checked before anything is registered: a failed call leaves no customer or label behind.
            int customer = CheckCustomer(journeyEvent.CustomerId, nameof(journeyEvent));
            int tp = CheckLabel(_touchpoints, journeyEvent.Touchpoint, nameof(journeyEvent), "touchpoint");
            int channel = journeyEvent.Channel is null ? NoId : CheckLabel(_channels, journeyEvent.Channel, nameof(journeyEvent), "channel");
            int stage = journeyEvent.Stage is null ? NoId : CheckLabel(_stages, journeyEvent.Stage, nameof(journeyEvent), "stage");
            if (journeyEvent.SessionId is not null)
            {
                RequireText(journeyEvent.SessionId, nameof(journeyEvent), "session id");
            }

            if (journeyEvent.Actor is not null)
            {
                RequireText(journeyEvent.Actor, nameof(journeyEvent), "actor");
            }

            customer = customer >= 0 ? customer : _customers.Intern(journeyEvent.CustomerId);
            tp = tp >= 0 ? tp : _touchpoints.Intern(journeyEvent.Touchpoint);
            channel = channel >= 0 || journeyEvent.Channel is null ? channel : _channels.Intern(journeyEvent.Channel);
            stage = stage >= 0 || journeyEvent.Stage is null ? stage : _stages.Intern(journeyEvent.Stage);
            int session = journeyEvent.SessionId is null ? NoId : _sessions.Intern(journeyEvent.SessionId);
            int actor = journeyEvent.Actor is null ? NoId : _actors.Intern(journeyEvent.Actor);
            Append(customer, journeyEvent.Timestamp.UtcTicks, tp, channel, stage, journeyEvent.Outcome,
                journeyEvent.Value ?? double.NaN, session, journeyEvent.Feedback ?? double.NaN, actor);
            return this;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Adds a batch of events in order.</summary>
    /// <param name="events">The events.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">An event is invalid (see <see cref="Add(in JourneyEvent)"/>); events before it are kept.</exception>
    public EventLogBuilder AddRange(IEnumerable<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (JourneyEvent e in events)
        {
            Add(e);
        }

        return this;
    }

    /// <summary>
    /// Adds events given as columns of dense ids (from <see cref="InternCustomer"/> and <see cref="InternTouchpoint"/>)
    /// and UTC ticks: the fastest way in.
    /// </summary>
    /// <param name="customerIds">Dense customer ids.</param>
    /// <param name="utcTicks">Timestamps as UTC ticks (<see cref="DateTimeOffset.UtcTicks"/>).</param>
    /// <param name="touchpointIds">Dense touchpoint ids.</param>
    /// <param name="outcomes">Outcomes, or empty for none.</param>
    /// <param name="values">Values (NaN for none), or empty for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, or an id was never registered, or a tick count is outside the <see cref="DateTime"/> range, or a value is infinite.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public EventLogBuilder AddColumns(
        ReadOnlySpan<int> customerIds,
        ReadOnlySpan<long> utcTicks,
        ReadOnlySpan<int> touchpointIds,
        ReadOnlySpan<EventOutcome> outcomes = default,
        ReadOnlySpan<double> values = default)
    {
        if ((long)_count + customerIds.Length > Array.MaxLength)
        {
            throw new ArgumentException(
                $"Adding {customerIds.Length:N0} events to the {_count:N0} held would exceed the {Array.MaxLength:N0} events an event log can hold.",
                nameof(customerIds));
        }

        Enter();
        try
        {
            return AddColumnsCore(customerIds, utcTicks, touchpointIds, outcomes, values);
        }
        finally
        {
            Exit();
        }
    }

    private EventLogBuilder AddColumnsCore(
        ReadOnlySpan<int> customerIds,
        ReadOnlySpan<long> utcTicks,
        ReadOnlySpan<int> touchpointIds,
        ReadOnlySpan<EventOutcome> outcomes,
        ReadOnlySpan<double> values)
    {
        int n = customerIds.Length;
        RequireLength(utcTicks.Length, n, nameof(utcTicks));
        RequireLength(touchpointIds.Length, n, nameof(touchpointIds));
        if (!outcomes.IsEmpty)
        {
            RequireLength(outcomes.Length, n, nameof(outcomes));
        }

        if (!values.IsEmpty)
        {
            RequireLength(values.Length, n, nameof(values));
        }

        RequireIds(customerIds, _customers.Count, nameof(customerIds), "customer");
        RequireIds(touchpointIds, _touchpoints.Count, nameof(touchpointIds), "touchpoint");
        for (int i = 0; i < n; i++)
        {
            if ((ulong)utcTicks[i] > (ulong)DateTime.MaxValue.Ticks)
            {
                throw new ArgumentException($"utcTicks[{i}] = {utcTicks[i]} is outside the DateTime range.", nameof(utcTicks));
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                throw new ArgumentException($"values[{i}] is infinite; use NaN for 'no value'.", nameof(values));
            }
        }

        for (int i = 0; i < outcomes.Length; i++)
        {
            if ((byte)outcomes[i] > (byte)EventOutcome.Churn)
            {
                throw new ArgumentException($"outcomes[{i}] = {(int)outcomes[i]} is not a defined outcome.", nameof(outcomes));
            }
        }

        EnsureCapacity(_count + n);
        customerIds.CopyTo(_customer.AsSpan(_count));
        utcTicks.CopyTo(_ticks.AsSpan(_count));
        touchpointIds.CopyTo(_touchpoint.AsSpan(_count));
        if (!outcomes.IsEmpty && outcomes.ContainsAnyExcept(EventOutcome.None))
        {
            outcomes.CopyTo(Column(ref _outcome, EventOutcome.None).AsSpan(_count));
        }
        else
        {
            _outcome?.AsSpan(_count, n).Clear();
        }

        if (!values.IsEmpty && values.ContainsAnyExcept(double.NaN))
        {
            values.CopyTo(Column(ref _value, double.NaN).AsSpan(_count));
        }
        else
        {
            _value?.AsSpan(_count, n).Fill(double.NaN);
        }

        _channelOverride?.AsSpan(_count, n).Fill(NoId);
        _stageOverride?.AsSpan(_count, n).Fill(NoId);
        _session?.AsSpan(_count, n).Fill(NoId);
        _feedback?.AsSpan(_count, n).Fill(double.NaN);
        _actor?.AsSpan(_count, n).Fill(NoId);
        _count += n;
        return this;
    }

    /// <summary>
    /// Builds the log: events grouped by customer (in order of first appearance) and, within a customer, ordered by
    /// time; events with equal timestamps keep the order in which they were added. Runs in linear time (a counting sort
    /// by customer, then a stable sort of each customer's events, which is linear for input already in time order).
    /// </summary>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The immutable log.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">Another call on this builder runs at the same time (it is not thread-safe).</exception>
    public EventLog Build(CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            return BuildCore(cancellationToken);
        }
        finally
        {
            Exit();
        }
    }

    private EventLog BuildCore(CancellationToken cancellationToken)
    {
        int n = _count;
        int customers = _customers.Count;

        // Parallel work pays only on large inputs; every part below writes disjoint ranges, so the result is the same.
        int parts = n >= 1 << 16 ? Math.Clamp(MaxDegreeOfParallelism, 1, 64) : 1;
        // 1–2. Counting sort by customer, then a stable sort of each customer's events by time (see EventSorter).
        var entries = EventSorter.Sort(_customer, _ticks, _touchpoint, n, customers, parts, cancellationToken, out int[] offsets);

        // 3. Unpack the columns and resolve channel and stage through the map.
        var ticks = GC.AllocateUninitializedArray<long>(n);
        var touchpoint = GC.AllocateUninitializedArray<int>(n);
        var channel = GC.AllocateUninitializedArray<int>(n);
        var stage = GC.AllocateUninitializedArray<int>(n);
        var outcome = new EventOutcome[n];
        var mapChannel = _mapTouchpointChannel;
        var mapStage = _mapTouchpointStage;
        EventSorter.ForRanges(n, parts, (_, lo, hi) => Unpack(entries, ticks, touchpoint, channel, stage, mapChannel, mapStage, lo, hi));

        int[]? source = _channelOverride is null && _stageOverride is null && _outcome is null && _value is null && _session is null && _feedback is null && _actor is null
            ? null
            : SourceIndexes(entries);
        entries = null;

        if (_channelOverride is not null)
        {
            Override(_channelOverride, source!, channel);
        }

        if (_stageOverride is not null)
        {
            Override(_stageOverride, source!, stage);
        }

        if (_outcome is not null)
        {
            Gather(_outcome, source!, outcome);
        }

        double[]? value = GatherOptional(_value, source);
        double[]? feedback = GatherOptional(_feedback, source);
        int[]? session = GatherOptional(_session, source);
        int[]? actor = GatherOptional(_actor, source);

        return new EventLog(
            Map,
            _customers.ToArray(),
            _touchpoints.ToArray(),
            _channels.ToArray(),
            _stages.ToArray(),
            _sessions.ToArray(),
            offsets,
            ticks,
            touchpoint,
            channel,
            stage,
            outcome,
            value,
            session,
            feedback,
            _actors.ToArray(),
            actor);
    }

    // Used by the readers after validation: no re-checks on the hot path.
    internal StringTable Customers => _customers;

    internal StringTable Touchpoints => _touchpoints;

    internal StringTable Channels => _channels;

    internal StringTable Stages => _stages;

    internal StringTable Sessions => _sessions;

    internal StringTable Actors => _actors;

    internal void Append(int customer, long ticks, int touchpoint, int channel, int stage, EventOutcome outcome, double value, int session, double feedback, int actor)
    {
        if (_count == _customer.Length)
        {
            EnsureCapacity(_count + 1);
        }

        int i = _count;
        _customer[i] = customer;
        _ticks[i] = ticks;
        _touchpoint[i] = touchpoint;
        SetOptional(ref _channelOverride, i, channel, NoId);
        SetOptional(ref _stageOverride, i, stage, NoId);
        if (_outcome is not null)
        {
            _outcome[i] = outcome;
        }
        else if (outcome != EventOutcome.None)
        {
            Column(ref _outcome, EventOutcome.None)[i] = outcome;
        }

        SetOptional(ref _value, i, value, double.NaN);
        SetOptional(ref _session, i, session, NoId);
        SetOptional(ref _feedback, i, feedback, double.NaN);
        SetOptional(ref _actor, i, actor, NoId);
        _count++;
    }
}
