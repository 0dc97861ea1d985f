// Live journey rules in a CRM back end: a hosted background service takes events from a channel, a JourneyMonitor turns
// them into follow-ups, and an outbox file receives each follow-up once — across a crash and restart in mid-stream.
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using JourneyKit.Events;
using JourneyKit.Experiments;
using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>The follow-ups the sales team wants, written by marketers (they could equally come from a JSON rule file).</summary>
internal static class FollowUpRules
{
    /// <summary>
    /// A 20 % holdout on the trial nudge, GrowthBook-compatible: a CRM running GrowthBook with experiment key
    /// "trial-nudge" holds out the same accounts. Their firings are listed (IsHoldout) but never sent, so the nudge's
    /// effect can be measured against them.
    /// </summary>
    public static HoldoutSplit TrialNudge { get; } = new("trial-nudge", controlShare: 0.2);

    public static JourneyRule[] All { get; } =
    [
        JourneyRule.Named("trial-without-demo").When("trial").NotFollowedBy("demo", TimeSpan.FromDays(7)).WithHoldout(TrialNudge),
        JourneyRule.Named("quote-unsigned").When("quote").NotFollowedBy("contract", TimeSpan.FromDays(14)).WithCooldown(TimeSpan.FromDays(30)),
        JourneyRule.Named("stuck-in-evaluation").Stalled("evaluate", TimeSpan.FromDays(21)),
    ];

    public static JourneyMonitorOptions Options { get; } = new() { Map = CrmJourney.Map, AllowedLateness = TimeSpan.FromHours(1) };
}

/// <summary>
/// Where follow-ups go: an append-only JSON-lines file a mailer or a CRM task queue reads. It knows every id it holds,
/// so a firing computed twice (after a restart replays events) is written once. Held-out firings (the control arm of a
/// rule's holdout) are never sent: they go to a file of their own, which only the measurement reads.
/// </summary>
internal sealed class FollowUpOutbox(string path)
{
    private readonly string _holdoutPath = Path.ChangeExtension(path, ".holdout.jsonl");
    private readonly HashSet<Guid> _ids = Load(path);
    private readonly HashSet<Guid> _heldOut = Load(Path.ChangeExtension(path, ".holdout.jsonl"));

    public int Duplicates { get; private set; }

    public IReadOnlyCollection<Guid> Ids => _ids;

    /// <summary>Gets the distinct firings held out: recorded, never sent.</summary>
    public IReadOnlyCollection<Guid> HeldOut => _heldOut;

    public void Append(IEnumerable<RuleFiring> firings)
    {
        using var sent = File.AppendText(path);
        using var held = File.AppendText(_holdoutPath);
        foreach (RuleFiring firing in firings)
        {
            if (!(firing.IsHoldout ? _heldOut : _ids).Add(firing.Id))
            {
                Duplicates++;
                continue;
            }

            (firing.IsHoldout ? held : sent).WriteLine(JsonSerializer.Serialize(new { id = firing.Id, rule = firing.RuleName, customer = firing.CustomerId, due = firing.DueAt }));
        }
    }

    private static HashSet<Guid> Load(string file) => File.Exists(file)
        ? [.. File.ReadLines(file).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetGuid())]
        : [];
}

/// <summary>
/// The background service: applies events as they arrive, sends firings to the outbox, and every few thousand events
/// saves a checkpoint — the monitor's state and how many events of the stream it has consumed — atomically.
/// </summary>
internal sealed class FollowUpService(ChannelReader<(long Offset, JourneyEvent Event)> events, FollowUpOutbox outbox, string checkpointPath) : BackgroundService
{
    public const int CheckpointEvery = 5_000;

    public long Consumed { get; private set; }

    /// <summary>Where the stream must resume: the offset saved with the last checkpoint (0 when there is none).</summary>
    public static long ResumeOffset(string checkpointPath)
    {
        if (!File.Exists(checkpointPath))
        {
            return 0;
        }

        using var reader = new BinaryReader(File.OpenRead(checkpointPath));
        return reader.ReadInt64();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        JourneyMonitor monitor;
        if (File.Exists(checkpointPath))
        {
            await using FileStream stream = File.OpenRead(checkpointPath);
            Consumed = new BinaryReader(stream).ReadInt64();
            monitor = JourneyMonitor.Load(stream, FollowUpRules.All, FollowUpRules.Options);
        }
        else
        {
            monitor = new JourneyMonitor(FollowUpRules.All, FollowUpRules.Options);
        }

        DateTimeOffset last = DateTimeOffset.MinValue;
        try
        {
            await foreach (var (offset, e) in events.ReadAllAsync(stoppingToken))
            {
                outbox.Append(monitor.Observe(e));
                Consumed = offset + 1;
                last = e.Timestamp > last ? e.Timestamp : last;
                if (Consumed % CheckpointEvery == 0)
                {
                    Checkpoint(monitor);
                }
            }

            // The stream has ended: every event has arrived, so time may run on to its end.
            outbox.Append(monitor.AdvanceTo(last));
            Checkpoint(monitor);
        }
        catch (OperationCanceledException)
        {
            // A crash: no final checkpoint. Events since the last one will be delivered again.
        }
    }

    private void Checkpoint(JourneyMonitor monitor)
    {
        string temp = checkpointPath + ".tmp";
        using (var stream = File.Create(temp))
        {
            new BinaryWriter(stream).Write(Consumed);
            monitor.Save(stream);
        }

        File.Move(temp, checkpointPath, overwrite: true);
    }
}

/// <summary>Runs the service in a host twice — stopped hard partway, then restarted — and checks the outbox against an uninterrupted run.</summary>
internal static class FollowUpDemo
{
    public static async Task RunAsync(IReadOnlyList<JourneyEvent> stream)
    {
        string folder = Path.Combine(Path.GetTempPath(), "journeykit-crm-followups");
        Directory.CreateDirectory(folder);
        string outboxPath = Path.Combine(folder, "outbox.jsonl");
        string checkpointPath = Path.Combine(folder, "monitor.checkpoint");
        File.Delete(outboxPath);
        File.Delete(Path.ChangeExtension(outboxPath, ".holdout.jsonl"));
        File.Delete(checkpointPath);

        long crashAt = stream.Count * 6 / 10 + 1_234; // not on a checkpoint: the events since the last one come again
        await RunHostAsync(stream, outboxPath, checkpointPath, stopAfter: crashAt);
        long resume = FollowUpService.ResumeOffset(checkpointPath);
        Console.WriteLine($"  crash after {crashAt:N0} of {stream.Count:N0} events; last checkpoint at {resume:N0}; restarting from there");
        var outbox = await RunHostAsync(stream, outboxPath, checkpointPath, stopAfter: null);

        // The check: an uninterrupted monitor over the same stream.
        var reference = new JourneyMonitor(FollowUpRules.All, FollowUpRules.Options);
        var expected = stream.SelectMany(reference.Observe).ToList();
        expected.AddRange(reference.AdvanceTo(stream.Max(e => e.Timestamp)));
        var expectedIds = expected.Where(f => !f.IsHoldout).Select(f => f.Id).ToHashSet();
        var expectedHeldOut = expected.Where(f => f.IsHoldout).Select(f => f.Id).ToHashSet();
        int missing = expectedIds.Count(id => !outbox.Ids.Contains(id)) + expectedHeldOut.Count(id => !outbox.HeldOut.Contains(id));
        int extra = outbox.Ids.Count(id => !expectedIds.Contains(id)) + outbox.HeldOut.Count(id => !expectedHeldOut.Contains(id));
        int lines = File.ReadLines(outboxPath).Count();
        foreach (var group in expected.GroupBy(f => f.RuleName))
        {
            int held = group.Count(f => f.IsHoldout);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-20} {group.Count() - held,6:N0} follow-ups{(held > 0 ? $", {held:N0} held out" : "")}"));
        }

        Console.WriteLine($"  outbox {outboxPath}: {lines:N0} follow-ups sent; {outbox.HeldOut.Count:N0} held out (recorded, never sent); replayed firings de-duplicated: {outbox.Duplicates:N0}");
        Console.WriteLine(missing == 0 && extra == 0 && lines == expectedIds.Count
            ? $"  restart check: PASSED — nothing lost, nothing sent twice, no held-out firing sent ({expectedIds.Count:N0} follow-ups and {expectedHeldOut.Count:N0} held out, as an uninterrupted run)"
            : $"  restart check: FAILED — {missing} missing, {extra} unexpected, {lines - outbox.Ids.Count} duplicated lines");
        MeasureTrialNudge(stream);
    }

    /// <summary>
    /// Did the nudge work? Treatment accounts (nudged) against held-out ones: the share that asked for a quote within 30
    /// days of the firing. This simulated feed does not react to nudges, so the honest answer here is an interval around
    /// 0; a real CRM runs the same call on its own history once the nudges have been sent.
    /// </summary>
    private static void MeasureTrialNudge(IReadOnlyList<JourneyEvent> stream)
    {
        EventLog log = new EventLogBuilder().AddRange(stream).Build();
        RuleEvaluation evaluation = new RuleEngine(FollowUpRules.All, CrmJourney.Map).Evaluate(log, stream.Max(e => e.Timestamp));
        RuleUpliftResult uplift = RuleUplift.Measure(log, evaluation, "trial-without-demo",
            new RuleUpliftOptions { Outcome = EventCondition.Touchpoint("quote"), Window = TimeSpan.FromDays(30), Difference = EffectScale.Absolute });
        Console.WriteLine($"  trial nudge ({FollowUpRules.TrialNudge}): nudged {uplift.Treatment}; held out {uplift.Control}");
        Console.WriteLine(uplift.Test.HasResult
            ? $"  quote rate lift {uplift.Test.Effect} (points), p = {uplift.Test.PValue:0.###}; sample ratio p = {uplift.SampleRatioMismatch:0.###}{(uplift.HasSampleRatioMismatch ? " — the split is broken" : "")}; {uplift.Incomplete:N0} firings still in their window"
            : $"  no lift yet: {uplift.Test.Problem}");
    }

    private static async Task<FollowUpOutbox> RunHostAsync(IReadOnlyList<JourneyEvent> stream, string outboxPath, string checkpointPath, long? stopAfter)
    {
        var channel = Channel.CreateBounded<(long, JourneyEvent)>(1_000);
        var outbox = new FollowUpOutbox(outboxPath);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(outbox);
        builder.Services.AddSingleton(channel.Reader);
        builder.Services.AddHostedService(sp => new FollowUpService(channel.Reader, outbox, checkpointPath));
        using IHost host = builder.Build();
        await host.StartAsync();

        // The event bus redelivers from the offset committed with the last checkpoint (at-least-once delivery).
        long from = FollowUpService.ResumeOffset(checkpointPath);
        for (long i = from; i < stream.Count && (stopAfter is null || i < stopAfter); i++)
        {
            await channel.Writer.WriteAsync((i, stream[(int)i]));
        }

        if (stopAfter is null)
        {
            channel.Writer.Complete();
            var service = host.Services.GetServices<IHostedService>().OfType<FollowUpService>().Single();
            await (service.ExecuteTask ?? Task.CompletedTask);
        }

        await host.StopAsync(); // with a stop in mid-stream, this is the crash: the service is cancelled
        return outbox;
    }
}
