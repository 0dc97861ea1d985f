using System.Collections.Concurrent;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Orleans;
using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// The same follow-up rules on an Orleans silo co-hosted in this process (localhost clustering): a grain per account
/// holds its live journey, events flow in daily batches, the watermark wakes the accounts with follow-ups due, and the
/// live funnel is read from the cluster's aggregates.
/// </summary>
internal static class ClusterDemo
{
    public static async Task RunAsync(IReadOnlyList<JourneyEvent> stream)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);   // start-up advice (server GC) is noise here
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddMemoryGrainStorage(JourneyKitOrleansOptions.StorageName);   // a real host names its database provider here
            silo.AddJourneyKit(options =>
            {
                foreach (var rule in FollowUpRules.All)
                {
                    options.Rules.Add(rule);
                }

                foreach (var stage in CrmJourney.Map.Stages)
                {
                    options.FunnelStages.Add(stage.Id);
                }

                options.Monitor = FollowUpRules.Options;
                options.FlushInterval = TimeSpan.FromMilliseconds(250);
                options.AdvanceWriteDelay = TimeSpan.FromMilliseconds(250);
            });
            silo.Services.AddSingleton<IRuleFiringSink, ConsoleFollowUps>();
        });
        using IHost host = builder.Build();
        await host.StartAsync();

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var ingest = new JourneyIngest(grains, "crm-webhooks");
        var days = stream.GroupBy(e => e.Timestamp.UtcDateTime.Date).OrderBy(g => g.Key).ToList();
        foreach (var day in days)
        {
            await ingest.SendAsync(day);
            await ingest.AdvanceToAsync(new DateTimeOffset(day.Key.AddDays(1), TimeSpan.Zero) - FollowUpRules.Options.AllowedLateness);
        }

        await ingest.AdvanceToAsync(new DateTimeOffset(days[^1].Key.AddDays(60), TimeSpan.Zero));
        await Task.Delay(TimeSpan.FromSeconds(1));   // a write delay and a flush interval, and more: the grains have written what the last advance changed and the silo's combiner has flushed

        var live = await grains.GetGrain<ILiveAggregatesGrain>(0).GetAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  co-hosted silo: {stream.Count:N0} events of {ingest.Customers.Count:N0} accounts in {days.Count} daily batches; {ConsoleFollowUps.Count:N0} follow-ups delivered, {ConsoleFollowUps.After(stream[^1].Timestamp):N0} of them due after the last event (the watermark went 60 days past it)"));
        Console.WriteLine($"  live funnel: {live.Funnel([.. CrmJourney.Map.Stages.Select(s => s.Id)])}");
        var someone = await grains.GetGrain<IJourneyGrain>(ingest.Customers.First()).StatusAsync();
        Console.WriteLine($"  {someone.CustomerId}: stage {someone.CurrentStage}, {someone.RecentEvents.Count} recent events, {someone.OpenEpisodes} open episodes");
        await host.StopAsync();
    }

    private sealed class ConsoleFollowUps : IRuleFiringSink
    {
        private static readonly ConcurrentDictionary<Guid, RuleFiring> Seen = new();

        public static int Count => Seen.Count;

        public static int After(DateTimeOffset moment) => Seen.Values.Count(f => f.FiredAt > moment);

        public Task DeliverAsync(IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken)
        {
            foreach (var firing in firings.Where(f => !f.IsHoldout)) // held-out firings are measured, never sent
            {
                if (Seen.TryAdd(firing.Id, firing) && Seen.Count <= 3)
                {
                    Console.WriteLine($"  follow-up: {firing}");
                }
            }

            return Task.CompletedTask;
        }
    }
}
