using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Newcomer;

/// <summary>Answers that used to be wrong or empty with no error (issue #30): each is now an error, a warning the caller sees, or the right answer.</summary>
public class SilentlyWrongTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static EventLog WhitePaperLog()
    {
        var builder = new EventLogBuilder();
        for (int c = 0; c < 40; c++)
        {
            builder.Add("c" + c, T0.AddHours(c), "white_paper").Add("c" + c, T0.AddHours(c + 1), "demo_request");
            if (c % 4 == 0)
            {
                builder.Add(new JourneyEvent("c" + c, T0.AddHours(c + 2), "purchase") { Outcome = EventOutcome.Conversion });
            }
        }

        return builder.Build();
    }

    [Fact]
    public void Funnel_AStepNoEventHas_IsAnErrorNamingTheClosestLabels()
    {
        EventLog log = WhitePaperLog();
        var misspelled = new FunnelDefinition(FunnelStep.Touchpoint("white-paper"), FunnelStep.Touchpoint("purchase"));
        var ex = Assert.Throws<ArgumentException>(() => new PathAnalyzer().Funnel(log, misspelled));
        Assert.Contains("'white-paper'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("closest: 'white_paper'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PathAnalyzer().FunnelAudience(log, misspelled));

        // Spelled right it counts; asked to, an unknown step counts nobody.
        Assert.Equal(40, new PathAnalyzer().Funnel(log, new FunnelDefinition(FunnelStep.Touchpoint("white_paper"), FunnelStep.Touchpoint("purchase"))).Steps[0].Entered);
        Assert.Equal(0, new PathAnalyzer().Funnel(log, misspelled with { AllowUnknownSteps = true }).Steps[0].Entered);

        // A touchpoint of the log's map that no event has yet is a real zero, not an error.
        JourneyMap map = SampleMaps.ECommerce();
        var mapped = new EventLogBuilder(map).Add("c", T0, map.Touchpoints[0].Id).Build();
        var result = new PathAnalyzer().Funnel(mapped, new FunnelDefinition(FunnelStep.Touchpoint(map.Touchpoints[0].Id), FunnelStep.Touchpoint(map.Touchpoints[^1].Id)));
        Assert.Equal((1L, 0L), (result.Steps[0].Entered, result.Steps[1].Entered));
    }

    [Fact]
    public void RulesOnALogWithoutAMap_ListEveryLabelNoEventHas_AsWarnings()
    {
        EventLog log = WhitePaperLog();
        var rule = JourneyRule.Named("paper-no-demo").When("white-paper").NotFollowedBy("demo_request", TimeSpan.FromDays(7));
        RuleEvaluation result = new RuleEngine([rule]).Evaluate(log, T0.AddDays(30));
        Assert.Empty(result.Fired);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains("paper-no-demo", warning, StringComparison.Ordinal);
        Assert.Contains("closest: 'white_paper'", warning, StringComparison.Ordinal);
        Assert.Contains("warning", result.ToString(), StringComparison.Ordinal);
        Assert.Empty(new RuleEngine([JourneyRule.Named("ok").When("white_paper").NotFollowedBy("demo_request", TimeSpan.FromDays(7))]).Evaluate(log, T0.AddDays(30)).Warnings);
    }

    [Fact]
    public void MarkovChain_WithAConversionStateAndNoEndState_SendsUnconvertedJourneysToLost()
    {
        // 10 of 40 journeys convert after white_paper → demo_request: P(convert | white_paper) is 25 %, not 100 %.
        EventLog log = WhitePaperLog();
        MarkovChain chain = MarkovChain.Fit(log, PathLevel.Touchpoint, conversionState: "(converted)");
        Assert.Contains("(lost)", chain.States);
        Assert.Equal(0.25, chain.AbsorptionProbability("white_paper", "(converted)"), 12);
        Assert.Equal(0.75, chain.AbsorptionProbability("white_paper", "(lost)"), 12);

        // An end state given by the caller is kept.
        MarkovChain named = MarkovChain.Fit(log, PathLevel.Touchpoint, new MarkovEstimationOptions { EndState = "(gone)" }, "(converted)");
        Assert.Equal(0.75, named.AbsorptionProbability("white_paper", "(gone)"), 12);
    }

    [Theory]
    [InlineData("03/01/2026 14:05 +01:00", null, null)]
    [InlineData("03/01/2026 14:05 +01:00", DateOrder.DayMonthYear, "2026-01-03T13:05:00Z")]
    [InlineData("03/01/2026 14:05 +01:00", DateOrder.MonthDayYear, "2026-03-01T13:05:00Z")]
    [InlineData("25.12.2026", DateOrder.DayMonthYear, "2026-12-25T00:00:00Z")]
    [InlineData("13/01/2026 Z", DateOrder.MonthDayYear, null)]
    [InlineData("03/01/26 14:05Z", DateOrder.DayMonthYear, null)]
    [InlineData("2026-03-01T14:05:00+01:00", null, "2026-03-01T13:05:00Z")]
    [InlineData("2026/03/01 14:05Z", null, "2026-03-01T14:05:00Z")]
    public void DayMonthAmbiguousDates_AreReadOnlyWithADateOrder(string text, DateOrder? order, string? expected)
    {
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader($"customer_id,timestamp,touchpoint\nc1,{text},home\n"), builder,
            new IngestOptions { DateOrder = order, NaiveTimestampZone = TimeZoneInfo.Utc });
        if (expected is null)
        {
            RejectedRow rejection = Assert.Single(report.Rejections);
            Assert.Equal(RejectReason.BadTimestamp, rejection.Reason);
            Assert.Contains(order is null ? "IngestOptions.DateOrder" : text.Contains("/26 ", StringComparison.Ordinal) ? "two-digit year" : "DateOrder", rejection.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(report.Rejections);
            Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), builder.Build().GetEvent(0).Timestamp);
        }
    }

    [Fact]
    public void LiveMonitorFedOutOfTimeOrder_ThrowsByDefault_AndReplayFeedsHistoryInTimeOrder()
    {
        EventLog log = WhitePaperLog();
        var rule = JourneyRule.Named("paper-no-purchase").When("white_paper").NotFollowedBy("purchase", TimeSpan.FromDays(1));
        var monitor = new JourneyMonitor([rule]);
        var late = Assert.Throws<LateEventException>(() =>
        {
            foreach (JourneyEvent e in log.Events())
            {
                monitor.Observe(e); // customer by customer: c1's first event is before c0's last
            }
        });
        Assert.Contains("JourneyMonitor.Replay", late.Message, StringComparison.Ordinal);
        Assert.Contains("LateEventPolicy.Count", late.Message, StringComparison.Ordinal);
        Assert.Equal(0, monitor.LateEvents);

        // Replay: the batch engine's firings.
        DateTimeOffset asOf = T0.AddDays(10);
        var replayed = new JourneyMonitor([rule]).Replay(log, asOf);
        var batch = new RuleEngine([rule]).Evaluate(log, asOf);
        Assert.Equal(30, batch.Fired.Count);
        Assert.Equal(Rules.RuleHarness.Canonical(batch.Fired), Rules.RuleHarness.Canonical(replayed));

        // Counting instead: the first late event is logged once.
        var logger = new ListLogger();
        var counting = new JourneyMonitor([rule], new JourneyMonitorOptions { LateEvents = LateEventPolicy.Count, Logger = logger });
        foreach (JourneyEvent e in log.Events())
        {
            counting.Observe(e);
        }

        Assert.True(counting.LateEvents > 0);
        Assert.Single(logger.Messages);
        Assert.Contains("JourneyMonitor.LateEvents", logger.Messages[0], StringComparison.Ordinal);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
