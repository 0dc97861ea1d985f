// Live journey rules in a CRM back end: a hosted background service takes events from a channel, a JourneyMonitor turns
// them into follow-ups, and an outbox file receives each follow-up once — across a crash and restart in mid-stream.
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using JourneyKit.Events;
using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>The follow-ups the sales team wants, written by marketers (they could equally come from a JSON rule file).</summary>
internal static class FollowUpRules
{
    public static JourneyRule[] All { get; } =
    [
        JourneyRule.Named("trial-without-demo").When("trial").NotFollowedBy("demo", TimeSpan.FromDays(7)),
        JourneyRule.Named("quote-unsigned").When("quote").NotFollowedBy("contract", TimeSpan.FromDays(14)).WithCooldown(TimeSpan.FromDays(30)),
        JourneyRule.Named("stuck-in-evaluation").Stalled("evaluate", TimeSpan.FromDays(21)),
    ];

    public static JourneyMonitorOptions Options { get; } = new() { Map = CrmJourney.Map, AllowedLateness = TimeSpan.FromHours(1) };
}

/// <summary>
/// Where follow-ups go: an append-only JSON-lines file a mailer or a CRM task queue reads. It knows every id it holds,
/// so a firing computed twice (after a restart replays events) is written once.
/// </summary>
internal sealed class FollowUpOutbox(string path)
{
    private readonly HashSet<Guid> _ids = File.Exists(path)
        ? [.. File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetGuid())]
        : [];

    public int Duplicates { get; private set; }

    public IReadOnlyCollection<Guid> Ids => _ids;

    public void Append(IEnumerable<RuleFiring> firings)
    {
        using var writer = File.AppendText(path);
        foreach (RuleFiring firing in firings)
        {
            if (!_ids.Add(firing.Id))
            {
                Duplicates++;
                continue;
            }

            writer.WriteLine(JsonSerializer.Serialize(new { id = firing.Id, rule = firing.RuleName, customer = firing.CustomerId, due = firing.DueAt }));
        }
    }
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
        var expectedIds = expected.Select(f => f.Id).ToHashSet();
        int missing = expectedIds.Count(id => !outbox.Ids.Contains(id));
        int extra = outbox.Ids.Count(id => !expectedIds.Contains(id));
        int lines = File.ReadLines(outboxPath).Count();
        foreach (var group in expected.GroupBy(f => f.RuleName))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-20} {group.Count(),6:N0} follow-ups"));
        }

        Console.WriteLine($"  outbox {outboxPath}: {lines:N0} follow-ups; replayed firings de-duplicated: {outbox.Duplicates:N0}");
        Console.WriteLine(missing == 0 && extra == 0 && lines == expectedIds.Count
            ? $"  restart check: PASSED — nothing lost, nothing sent twice ({expectedIds.Count:N0} follow-ups, as an uninterrupted run)"
            : $"  restart check: FAILED — {missing} missing, {extra} unexpected, {lines - outbox.Ids.Count} duplicated lines");
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
