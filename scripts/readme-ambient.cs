// The context README fragments assume — a log, a map, an open connection… — as typed stand-ins, so that
// scripts/check-readme can compile every block. Never run.
#pragma warning disable
using System.Data.Common;
using JourneyKit;
using JourneyKit.Events;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Rules;

internal static class ReadmeAmbient
{
    private static T Stand<T>() => throw new NotSupportedException("A README stand-in is only compiled.");

    public static JourneyMap map => Stand<JourneyMap>();
    public static JourneyMap futureMap => Stand<JourneyMap>();
    public static EventLog log => Stand<EventLog>();
    public static EventLog webLog => Stand<EventLog>();
    public static EventLog crmLog => Stand<EventLog>();
    public static IngestReport webIngest => Stand<IngestReport>();
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection services => Stand<Microsoft.Extensions.DependencyInjection.IServiceCollection>();
    public static IEnumerable<string> segmentMembers => Stand<IEnumerable<string>>();
    public static DateTimeOffset from => default;
    public static DateTimeOffset to => default;
    public static DateTimeOffset asOf => default;
    public static DateTimeOffset timestamp => default;
    public static DateTimeOffset watermark => default;
    public static IReadOnlyList<IReadOnlyList<string>> journeys => Stand<IReadOnlyList<IReadOnlyList<string>>>();
    public static IReadOnlyDictionary<string, double> todayPopulations => Stand<IReadOnlyDictionary<string, double>>();
    public static IEnumerable<int> ratings => Stand<IEnumerable<int>>();
    public static NpsResult thisQuarter => Stand<NpsResult>();
    public static NpsResult lastQuarter => Stand<NpsResult>();
    public static IEnumerable<int> csatAnswers => Stand<IEnumerable<int>>();
    public static IEnumerable<SurvivalObservation> observations => Stand<IEnumerable<SurvivalObservation>>();
    public static IEnumerable<SurvivalObservation> groupA => Stand<IEnumerable<SurvivalObservation>>();
    public static IEnumerable<SurvivalObservation> groupB => Stand<IEnumerable<SurvivalObservation>>();
    public static IEnumerable<(string Customer, DateOnly Date)> transactions => Stand<IEnumerable<(string, DateOnly)>>();
    public static IEnumerable<(double Frequency, double MeanSpend)> frequencyAndMeanSpend => Stand<IEnumerable<(double, double)>>();
    public static Outbox outbox => Stand<Outbox>();
    public static Stream stream => Stand<Stream>();
    public static DbConnection connection => Stand<DbConnection>();
    public static DbConnection duckConnection => Stand<DbConnection>();
    public static CancellationToken cancellationToken => default;
    public static PathAnalyzer analyzer => Stand<PathAnalyzer>();
    public static FunnelDefinition definition => Stand<FunnelDefinition>();
    public static FunnelResult myFunnel => Stand<FunnelResult>();
    public static JourneyKit.Markov.MarkovChain chain => Stand<JourneyKit.Markov.MarkovChain>();
    public static JourneyRule cartRule => Stand<JourneyRule>();
    public static IReadOnlyList<JourneyEvent> events => Stand<IReadOnlyList<JourneyEvent>>();
    public static Orleans.Hosting.ISiloBuilder siloBuilder => Stand<Orleans.Hosting.ISiloBuilder>();
    public static Orleans.IClusterClient clusterClient => Stand<Orleans.IClusterClient>();

    /// <summary>Where a host sends firings.</summary>
    public sealed class Outbox
    {
        public void Send(RuleFiring firing) => throw new NotSupportedException();
    }

    /// <summary>A host's firing sink, as the Orleans example registers it.</summary>
    public sealed class MyOutbox : JourneyKit.Orleans.IRuleFiringSink
    {
        public Task DeliverAsync(IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
