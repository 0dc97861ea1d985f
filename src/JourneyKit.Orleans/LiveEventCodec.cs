using System.Buffers;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Orleans;

/// <summary>
/// The compact form of a run of one customer's events, as batches travel and grain state is stored: each distinct
/// label once (a touchpoint, channel or stage becomes a small integer), timestamps as variable-length differences.
/// Orleans' generated codecs write each event as an object with a header per field; on this machine that was half of
/// the cost of a call of 100 events. Versioned (first byte); decoding checks every length and index, so a corrupt or
/// hostile payload is an <see cref="InvalidDataException"/>, never an index error.
/// </summary>
internal static class LiveEventCodec
{
    private const byte Version = 1;
    private const byte HasValue = 1;
    private const byte HasFeedback = 2;

    /// <summary>Encodes events of one customer (the customer id is not part of the encoding).</summary>
    public static byte[] Encode(IReadOnlyList<LiveEvent> events, string paramName)
    {
        var encoder = Encoder.ForThisThread();
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"Event {i} is null.", paramName);
            encoder.Add(e.Timestamp, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, i, null, paramName);
        }

        return encoder.ToArray();
    }

    /// <summary>Encodes journey events (their customer ids are left out: the grain key carries the customer).</summary>
    public static byte[] Encode(ReadOnlySpan<JourneyEvent> events, string paramName)
    {
        var encoder = Encoder.ForThisThread();
        for (int i = 0; i < events.Length; i++)
        {
            var e = events[i];
            encoder.Add(e.Timestamp, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, i, e.CustomerId, paramName);
        }

        return encoder.ToArray();
    }

    /// <summary>Encodes the journey events at the given places, in that order (the ingest's path: one customer's events of many).</summary>
    public static byte[] Encode(IReadOnlyList<JourneyEvent> events, List<int> places, string paramName)
    {
        var encoder = Encoder.ForThisThread();
        for (int i = 0; i < places.Count; i++)
        {
            var e = events[places[i]];
            encoder.Add(e.Timestamp, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, i, e.CustomerId, paramName);
        }

        return encoder.ToArray();
    }

    /// <summary>Decodes events; an empty payload is no events.</summary>
    /// <exception cref="InvalidDataException">The payload is not a valid encoding (truncated, unknown version, an index out of range).</exception>
    public static LiveEvent[] Decode(byte[] payload) =>
        Decode(payload, static (_, timestamp, touchpoint, channel, stage, outcome, value, feedback) => new LiveEvent(timestamp, touchpoint, channel, stage, outcome, value, feedback), null, static n => new LiveEvent[n], null).Events;

    /// <summary>Decodes events straight into the customer's journey events (no <see cref="LiveEvent"/> each).</summary>
    /// <exception cref="InvalidDataException">The payload is not a valid encoding.</exception>
    public static JourneyEvent[] DecodeJourney(byte[] payload, string customerId) =>
        Decode(payload, MakeJourneyEvent, customerId, static n => new JourneyEvent[n], null).Events;

    /// <summary>
    /// As <see cref="DecodeJourney"/>, into an array from <see cref="ArrayPool{T}.Shared"/> (longer than the count): the
    /// caller clears its first <c>Count</c> and returns it.
    /// </summary>
    /// <exception cref="InvalidDataException">The payload is not a valid encoding (nothing is then left rented).</exception>
    public static (JourneyEvent[] Events, int Count) DecodeJourneyPooled(byte[] payload, string customerId) =>
        Decode(payload, MakeJourneyEvent, customerId, ArrayPool<JourneyEvent>.Shared.Rent, static a => ArrayPool<JourneyEvent>.Shared.Return(a));

    /// <summary>Gives back an array from <see cref="DecodeJourneyPooled"/>, cleared (it holds the events' strings).</summary>
    public static void ReturnPooled(JourneyEvent[] events, int count)
    {
        if (events.Length > 0)
        {
            Array.Clear(events, 0, count);
            ArrayPool<JourneyEvent>.Shared.Return(events);
        }
    }

    private static JourneyEvent MakeJourneyEvent(string? customer, DateTimeOffset timestamp, string touchpoint, string? channel, string? stage, EventOutcome outcome, double? value, double? feedback) =>
        new(customer!, timestamp, touchpoint) { Channel = channel, Stage = stage, Outcome = outcome, Value = value, Feedback = feedback };

    private delegate T Make<T>(string? customer, DateTimeOffset timestamp, string touchpoint, string? channel, string? stage, EventOutcome outcome, double? value, double? feedback);

    private static (T[] Events, int Count) Decode<T>(byte[] payload, Make<T> make, string? customer, Func<int, T[]> allocate, Action<T[]>? release)
    {
        if (payload.Length == 0)
        {
            return ([], 0);
        }

        T[]? events = null;
        try
        {
            // The saved-state reader checks every length against the bytes left and every label as strict UTF-8.
            var reader = new SnapshotReader(payload, "The event payload");
            byte version = reader.Byte();
            if (version != Version)
            {
                throw Invalid($"has version {version}; this JourneyKit.Orleans reads version {Version}");
            }

            var labels = new string[reader.Count(reader.Unsigned(), 1, "labels")];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = reader.String();
            }

            int count = reader.Count(reader.Unsigned(), 1, "events");
            events = allocate(count);
            long ticks = 0;
            for (int i = 0; i < count; i++)
            {
                ticks += reader.Number();
                long offsetMinutes = reader.Number();
                string touchpoint = Label(labels, reader.Unsigned(), i, "touchpoint");
                long channel = reader.Unsigned();
                long stage = reader.Unsigned();
                var outcome = (EventOutcome)reader.Byte();
                if (!Enum.IsDefined(outcome))
                {
                    throw Invalid(string.Create(CultureInfo.InvariantCulture, $"has outcome {(int)outcome} at event {i}"));
                }

                byte flags = reader.Byte();
                double? value = (flags & HasValue) != 0 ? reader.Double() : null;
                double? feedback = (flags & HasFeedback) != 0 ? reader.Double() : null;
                DateTimeOffset timestamp;
                try
                {
                    timestamp = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
                }
                catch (Exception e) when (e is ArgumentException or OverflowException)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The event payload has an invalid timestamp at event {i}: {e.Message}"), e);
                }

                events[i] = make(customer, timestamp, touchpoint, Optional(labels, channel, i, "channel"), Optional(labels, stage, i, "stage"), outcome, value, feedback);
            }

            if (reader.Remaining != 0)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"has {reader.Remaining} bytes after its {count} events"));
            }

            return (events, count);
        }
        catch (InvalidDataException)
        {
            // A pooled array goes back, cleared (it may hold some events' strings).
            if (events is not null && release is not null)
            {
                Array.Clear(events);
                release(events);
            }

            throw;
        }
    }

    private static string Label(string[] labels, long index, int eventIndex, string field) =>
        index < labels.Length
            ? labels[index]
            : throw Invalid(string.Create(CultureInfo.InvariantCulture, $"refers to label {index} of {labels.Length} for the {field} of event {eventIndex}"));

    private static string? Optional(string[] labels, long indexPlusOne, int eventIndex, string field) =>
        indexPlusOne == 0 ? null : Label(labels, indexPlusOne - 1, eventIndex, field);

    private static InvalidDataException Invalid(string what) => new($"The event payload {what}.");

    // Labels first (so the decoder can allocate them once), then the events referring to them by index. One encoder per
    // thread, reset for each use: encoding is synchronous, and a grain encodes its recent events with every write. Its
    // two writers are its own (not SnapshotWriter.ForThisThread, which a monitor save on this thread may be using).
    private sealed class Encoder
    {
        [ThreadStatic]
        private static Encoder? t_current;

        private readonly StringTable _labels = new();
        private readonly SnapshotWriter _events = new();
        private readonly SnapshotWriter _output = new();
        private long _ticks;
        private int _count;

        // The writers grow by doubling; an encoder that grew past a megabyte is dropped below.
        public static Encoder ForThisThread()
        {
            var encoder = t_current ??= new Encoder();
            if (encoder._events.Capacity > 1 << 20 || encoder._output.Capacity > 1 << 20)
            {
                // One huge batch must not pin a megabyte per thread for good.
                t_current = encoder = new Encoder();
            }

            encoder._labels.TruncateTo(0);
            encoder._events.Clear();
            encoder._ticks = 0;
            encoder._count = 0;
            return encoder;
        }

        // The customer, when known, is named in the error (the index is then the event's place among that customer's).
        public void Add(DateTimeOffset timestamp, string touchpoint, string? channel, string? stage, EventOutcome outcome, double? value, double? feedback, int index, string? customer, string paramName)
        {
            if (touchpoint is null)
            {
                throw new ArgumentException(
                    customer is null
                        ? string.Create(CultureInfo.InvariantCulture, $"Event {index} has no touchpoint.")
                        : string.Create(CultureInfo.InvariantCulture, $"The event of customer '{Internal.Guard.Clip(customer)}' at {timestamp:O} has no touchpoint."),
                    paramName);
            }

            var w = _events;
            w.Number(timestamp.UtcTicks - _ticks);
            _ticks = timestamp.UtcTicks;
            w.Number((long)timestamp.Offset.TotalMinutes);
            w.Unsigned((uint)_labels.Intern(touchpoint));
            w.Unsigned(channel is null ? 0 : (uint)_labels.Intern(channel) + 1);
            w.Unsigned(stage is null ? 0 : (uint)_labels.Intern(stage) + 1);
            w.Byte((byte)outcome);
            w.Byte((byte)((value is null ? 0 : HasValue) | (feedback is null ? 0 : HasFeedback)));
            if (value is { } v)
            {
                w.Double(v);
            }

            if (feedback is { } f)
            {
                w.Double(f);
            }

            _count++;
        }

        public byte[] ToArray()
        {
            if (_count == 0)
            {
                return [];
            }

            var w = _output;
            w.Clear();
            w.Byte(Version);
            w.Unsigned((uint)_labels.Count);
            foreach (string label in _labels.Names)
            {
                w.String(label);
            }

            w.Unsigned((uint)_count);
            w.Bytes(_events.Written);
            byte[] payload = w.Written.ToArray();
            w.Clear();
            return payload;
        }
    }
}
