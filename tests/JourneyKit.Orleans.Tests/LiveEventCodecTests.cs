using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JourneyKit.Orleans.Tests;

public sealed class LiveEventCodecTests
{
    private static readonly string[] Labels = ["home", "cart", "", " ", "a,b", "\"quoted\"", "naïve", "🛒", "x\0y", new string('z', 300)];

    [Property(MaxTest = 200)]
    public bool Decode_OfEncode_IsTheEvents(DoNotSize<int> unsized)
    {
        int seed = unsized.Item; // a sized int gives only a few hundred distinct seeds
        var events = Events(new Random(seed));
        return LiveEventCodec.Decode(LiveEventCodec.Encode(events, "events")).SequenceEqual(events);
    }

    [Property(MaxTest = 200)]
    public bool JourneyEvents_EncodeAsTheirLiveForm(DoNotSize<int> unsized)
    {
        int seed = unsized.Item; // a sized int gives only a few hundred distinct seeds
        var events = Events(new Random(seed));
        JourneyEvent[] journey = [.. events.Select(e => e.ToJourneyEvent("c1"))];
        byte[] live = LiveEventCodec.Encode(events, "events");

        // The grain's path (a span of journey events) and the ingest's (the places of one customer's events among many).
        var mixed = journey.SelectMany(e => new[] { e, e with { CustomerId = "other" } }).ToArray();
        return LiveEventCodec.Encode(journey, "events").SequenceEqual(live)
            && LiveEventCodec.Encode(mixed, [.. Enumerable.Range(0, journey.Length).Select(i => 2 * i)], "events").SequenceEqual(live);
    }

    [Fact]
    public void Decode_ALabelOfNegativeLength_IsInvalidData()
    {
        // Version 1, one label, whose length reads as -1: the codec's refusal, an InvalidDataException, never an I/O error
        // (a retrying sender must not take it for a passing failure). CI found it with seed 1662232108. Since #31 the
        // codec reads through the core's SnapshotReader, which names the bad length.
        byte[] payload = [1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        Assert.Contains("The event payload is corrupt: a string of -1 bytes", Assert.Throws<InvalidDataException>(() => LiveEventCodec.Decode(payload)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => LiveEventCodec.DecodeJourneyPooled(payload, "c"));
    }

    [Fact]
    public void Batch_RoundTripsThroughOrleansSerializer()
    {
        using var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(LiveEventBatch).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var events = Events(new Random(5));
        var batch = new LiveEventBatch("ingest-1", 3, events, DateTimeOffset.UnixEpoch.AddDays(2));
        var copy = serializer.Deserialize<LiveEventBatch>(serializer.SerializeToArray(batch))!;
        Assert.Equal((batch.Sender, batch.Sequence, batch.Watermark, batch.EncodedLength), (copy.Sender, copy.Sequence, copy.Watermark, copy.EncodedLength));
        Assert.Equal(events, copy.Events);
    }

    [Fact]
    public void Encode_RepeatedLabels_AreWrittenOnce()
    {
        // 100 events a minute apart over three labels: the labels once (3 × 5 bytes at most), then 11 bytes an event — a
        // minute's 600,000,000 ticks zigzagged in 5 bytes, offset, touchpoint, channel and stage (1 each), outcome, flags —
        // 9 for the first (its time difference from 0); header 3 bytes.
        var start = DateTimeOffset.UnixEpoch;
        LiveEvent[] events = [.. Enumerable.Range(0, 100).Select(i => new LiveEvent(start.AddMinutes(i), i % 2 == 0 ? "home" : "cart", "web"))];
        Assert.InRange(LiveEventCodec.Encode(events, "events").Length, 3 + (100 * 11) + 4 + 9, 3 + (100 * 11) + 4 + 15);
    }

    [Fact]
    public void Batch_NullEventOrTouchpoint_NamesTheEvent()
    {
        var good = new LiveEvent(DateTimeOffset.UnixEpoch, "home");
        var error = Assert.Throws<ArgumentException>(() => new LiveEventBatch("s", 1, [good, null!]));
        Assert.Equal("events", error.ParamName);
        Assert.Contains("Event 1", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => new LiveEventBatch("s", 1, [good, good with { Touchpoint = null! }]));
        Assert.Contains("Event 1 has no touchpoint", error.Message, StringComparison.Ordinal);
        Assert.Equal("sequence", Assert.Throws<ArgumentOutOfRangeException>(() => new LiveEventBatch("s", 0, [good])).ParamName);
        Assert.Equal("sender", Assert.Throws<ArgumentException>(() => new LiveEventBatch(" ", 1, [good])).ParamName);
    }

    [Fact]
    public void Decode_EveryTruncation_IsInvalidData()
    {
        var payload = LiveEventCodec.Encode(Events(new Random(1), minimum: 3), "events");
        for (int length = 1; length < payload.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => LiveEventCodec.Decode(payload[..length]));
        }
    }

    [Property(MaxTest = 300)]
    public bool Decode_CorruptBytes_DecodeOrAreInvalidData(DoNotSize<int> unsized)
    {
        // A flipped byte may still be a valid encoding (another time, another label): either outcome is fine, but
        // nothing else — no index error, no huge allocation, no overflow. The grain's path (journey events in a pooled
        // array) agrees: the same events, or the same refusal.
        int seed = unsized.Item; // a sized int gives only a few hundred distinct seeds
        var random = new Random(seed);
        var payload = LiveEventCodec.Encode(Events(random, minimum: 1), "events");
        for (int flips = random.Next(1, 4); flips > 0; flips--)
        {
            payload[random.Next(payload.Length)] = (byte)random.Next(256);
        }

        LiveEvent[]? decoded = null;
        try
        {
            decoded = LiveEventCodec.Decode(payload);
        }
        catch (InvalidDataException)
        {
        }

        try
        {
            var (events, count) = LiveEventCodec.DecodeJourneyPooled(payload, "c");
            bool same = decoded is not null && events.AsSpan(0, count).ToArray().Select(e => LiveEvent.From(e)).SequenceEqual(decoded);
            LiveEventCodec.ReturnPooled(events, count);

            return same;
        }
        catch (InvalidDataException)
        {
            return decoded is null;
        }
    }

    [Fact]
    public void Decode_UnknownVersion_SaysSo()
    {
        var payload = LiveEventCodec.Encode([new LiveEvent(DateTimeOffset.UnixEpoch, "home")], "events");
        payload[0] = 9;
        var error = Assert.Throws<InvalidDataException>(() => LiveEventCodec.Decode(payload));
        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    private static LiveEvent[] Events(Random random, int minimum = 0)
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        double[] numbers = [0, -1.5, 10, double.NaN, double.PositiveInfinity, double.Epsilon, 1e300];
        return [.. Enumerable.Range(0, random.Next(minimum, 40)).Select(_ =>
        {
            // Any order, any offset (whole minutes, as DateTimeOffset keeps them), extremes of the calendar now and then.
            var at = random.Next(20) == 0
                ? (random.Next(2) == 0 ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue)
                : start.AddTicks(random.NextInt64(-TimeSpan.TicksPerDay * 400, TimeSpan.TicksPerDay * 400)).ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));
            string? Label() => random.Next(3) == 0 ? null : Labels[random.Next(Labels.Length)];
            double? Number() => random.Next(2) == 0 ? null : numbers[random.Next(numbers.Length)];
            return new LiveEvent(at, Labels[random.Next(Labels.Length)], Label(), Label(), (EventOutcome)random.Next(3), Number(), Number());
        })];
    }
}
