using JourneyKit.Discovery;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Experiments;
using JourneyKit.Forecasting;
using JourneyKit.Internal;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Personas;
using JourneyKit.Rules;
using JourneyKit.Voice;

namespace JourneyKit.Rendering;

/// <summary>
/// The results a journey report shows. Fill it from your own analyses (any filter, level, conversion state or model) and
/// hand it to <see cref="HtmlReport.Render"/>; sections whose result is <see langword="null"/> are left out. Or let
/// <see cref="Analyze"/> compute everything with the stated defaults.
/// </summary>
public sealed record JourneyReportData
{
    /// <summary>The conversion state <see cref="Analyze"/> uses for stage chains; reserved, so no stage can take it.</summary>
    public const string ConvertedState = "(converted)";

    /// <summary>The end state <see cref="Analyze"/> uses for journeys that stop without converting.</summary>
    public const string LostState = "(lost)";

    /// <summary>Gets the number of customers.</summary>
    public long Customers { get; init; }

    /// <summary>Gets the number of events.</summary>
    public long Events { get; init; }

    /// <summary>Gets the share of customers with a conversion; NaN when unknown.</summary>
    public double ConvertedShare { get; init; } = double.NaN;

    /// <summary>Gets journey durations (first to last event).</summary>
    public DurationSummary? JourneyDurations { get; init; }

    /// <summary>Gets backtracks, skips and loops at stage level.</summary>
    public NonLinearitySummary? NonLinearity { get; init; }

    /// <summary>Gets conformance to the map's stage order (also the "entered" line per stage).</summary>
    public ConformanceResult? Conformance { get; init; }

    /// <summary>Gets NPS per stage.</summary>
    public IReadOnlyDictionary<string, NpsResult>? StageNps { get; init; }

    /// <summary>Gets the continuous-time stage chain (for mean dwell times per stage).</summary>
    public ContinuousTimeMarkovChain? StageDwell { get; init; }

    /// <summary>Gets the observed emotion per touchpoint next to the designed one.</summary>
    public IReadOnlyList<EmotionGap>? ObservedEmotions { get; init; }

    /// <summary>Gets the funnel through the designed stages.</summary>
    public FunnelResult? Funnel { get; init; }

    /// <summary>Gets the flows after the first stage (Sankey).</summary>
    public FlowGraph? Flows { get; init; }

    /// <summary>Gets the most common stage paths.</summary>
    public IReadOnlyList<PathVariant>? Variants { get; init; }

    /// <summary>Gets five representative journeys (<see cref="MapDiscovery.RepresentativeJourneys"/>): real touchpoint paths that stand for all, each with the customers it stands for.</summary>
    public IReadOnlyList<RepresentativeJourney>? RepresentativeJourneys { get; init; }

    /// <summary>Gets the stage transition chain (heatmap).</summary>
    public MarkovChain? StageChain { get; init; }

    /// <summary>Gets Markov attribution by channel.</summary>
    public MarkovAttributionResult? MarkovAttribution { get; init; }

    /// <summary>Gets last-touch attribution by channel (a column beside Markov).</summary>
    public AttributionResult? LastTouchAttribution { get; init; }

    /// <summary>Gets Shapley attribution by channel (a column beside Markov).</summary>
    public AttributionResult? ShapleyAttribution { get; init; }

    /// <summary>Gets time to conversion as a survival curve (in days).</summary>
    public KaplanMeierCurve? TimeToConversion { get; init; }

    /// <summary>Gets the stage-level directly-follows graph.</summary>
    public DirectlyFollowsGraph? DirectlyFollows { get; init; }

    /// <summary>Gets the back-test of journey rules, or <see langword="null"/>.</summary>
    public RuleEvaluation? Rules { get; init; }

    /// <summary>Gets the uplift of each rule of <see cref="Rules"/> that has a holdout, in rule order, or <see langword="null"/> when none has.</summary>
    public IReadOnlyList<RuleUpliftResult>? Experiments { get; init; }

    /// <summary>Gets the behavioural personas discovered in the log, or <see langword="null"/>.</summary>
    public PersonaDiscoveryResult? Personas { get; init; }

    /// <summary>Gets the forecasts of <see cref="HtmlReportOptions.Scenarios"/> against today's journeys, or <see langword="null"/> when none were asked for (or no journey converts).</summary>
    public IReadOnlyList<ScenarioForecast>? WhatIf { get; init; }

    /// <summary>Gets the transitions worth investing in (raising each by 5 points), largest gain first, alongside <see cref="WhatIf"/>.</summary>
    public IReadOnlyList<TransitionLeverage>? Levers { get; init; }

    /// <summary>Gets the analysis of <see cref="HtmlReportOptions.Comments"/>, or <see langword="null"/> when none were given.</summary>
    public VoiceAnalysis? Voice { get; init; }

    /// <summary>Gets the steps whose losses matter most (their loss share lowered by 5 points), largest gain first, alongside <see cref="WhatIf"/>.</summary>
    public IReadOnlyList<StepLeverage>? LossLevers { get; init; }

    /// <summary>
    /// Analyses a log with the report's stated defaults: stage level with repeats collapsed; the funnel through the map's
    /// stages; flows 4 steps after the first stage (top 5); stage chains with <see cref="ConvertedState"/> and
    /// <see cref="LostState"/>; attribution by channel (Markov order 1, last touch, Shapley) when anything converted; time
    /// to conversion with never-converting journeys censored at the end of the data; NPS and observed emotions when the
    /// log has feedback (scale from <paramref name="options"/>).
    /// </summary>
    /// <param name="map">The map the log was built with.</param>
    /// <param name="log">The log.</param>
    /// <param name="options">Feedback scale and number of variants.</param>
    /// <param name="cancellationToken">Cancels the analyses.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The log names a touchpoint or channel the map lacks (or, read without a map, a stage).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static JourneyReportData Analyze(JourneyMap map, EventLog log, HtmlReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(log);
        options ??= new HtmlReportOptions();
        options.Validate();
        if (log.Map is null && log.StageNames.All(s => map.FindStage(s) is not null))
        {
            // A log read without a map (a CRM export, the log a draft map was discovered from) is resolved through it.
            log = log.WithMap(map, cancellationToken);
        }
        else if (!ReferenceEquals(log.Map, map))
        {
            // A log built with another map (the designed one, when reporting through a discovered draft), or whose stage
            // labels this map does not have: its events are resolved again through this map — touchpoints and channels
            // kept, stages taken from this map.
            var builder = new EventLogBuilder(map);
            foreach (JourneyEvent e in log.Events())
            {
                builder.Add(e with { Stage = null });
            }

            log = builder.Build(cancellationToken);
        }

        var stages = new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Stage, CollapseRepeats = true });
        bool hasFeedback = !log.Feedback.IsEmpty;
        int converted = log.Journeys.Count(j => j.Outcomes.Contains(EventOutcome.Conversion));
        var paths = PathDataSet.FromEventLog(log, PathLevel.Channel, cancellationToken: cancellationToken);
        bool anyConversion = paths.TotalConversions > 0;

        // Time to conversion as survival: journeys that never convert were still unconverted when the data ends, so they
        // are censored at the end of the log (censoring them at their last event would let the curve fall to 0).
        long dataEnd = log.EventCount == 0 ? 0 : log.UtcTicks.ToArray().Max();
        var observations = log.Journeys.Where(j => j.Count > 0).Select(j =>
        {
            int k = j.Outcomes.IndexOf(EventOutcome.Conversion);
            long end = k >= 0 ? j.UtcTicks[k] : dataEnd;
            return new SurvivalObservation(TimeSpan.FromTicks(end - j.UtcTicks[0]).TotalDays, k >= 0);
        }).ToList();

        JourneyModel? model = options.Scenarios is not null && converted > 0
            ? JourneyModel.Fit(log, new JourneyModelOptions { Level = PathLevel.Touchpoint }, cancellationToken)
            : null;
        RuleEvaluation? ruleResults = options.Rules is { Count: > 0 } rules
            ? new RuleEngine(rules, map).Evaluate(log, new DateTimeOffset(dataEnd, TimeSpan.Zero), cancellationToken)
            : null;
        List<RuleUpliftResult>? experiments = ruleResults is null ? null
            : [.. options.Rules!.Where(r => r.Holdout is not null).Select(r => RuleUplift.Measure(log, ruleResults, r.Name, options.Uplift, cancellationToken))];
        return new JourneyReportData
        {
            Customers = log.CustomerCount,
            Events = log.EventCount,
            ConvertedShare = log.CustomerCount == 0 ? double.NaN : (double)converted / log.CustomerCount,
            JourneyDurations = stages.JourneyDurations(log, cancellationToken),
            NonLinearity = stages.NonLinearity(log, cancellationToken),
            Conformance = stages.Conformance(log, cancellationToken),
            StageNps = hasFeedback ? NetPromoterScore.ByStep(log, PathLevel.Stage, cancellationToken: cancellationToken) : null,
            StageDwell = ContinuousTimeMarkovChain.Fit(log, PathLevel.Stage, ConvertedState, cancellationToken),
            ObservedEmotions = hasFeedback ? Metrics.ObservedEmotions.Gaps(log, options.FeedbackScale.Minimum, options.FeedbackScale.Maximum, cancellationToken) : null,
            Funnel = stages.Funnel(log, new FunnelDefinition(map.Stages.Select((s, i) => FunnelStep.Where(s.Name, (l, e) => l.StageIds[e] == i)).ToList()), cancellationToken),
            Flows = log.StageIds.Contains(0) ? stages.Flows(log, map.Stages[0].Id, FlowDirection.Forward, 4, 5, cancellationToken) : null,
            Variants = stages.Variants(log, Math.Clamp(options.TopVariants, 1, 100), cancellationToken),
            RepresentativeJourneys = MapDiscovery.RepresentativeJourneys(log, 5, cancellationToken),
            StageChain = MarkovChain.Fit(log, PathLevel.Stage, new MarkovEstimationOptions { EndState = LostState }, ConvertedState, cancellationToken),
            MarkovAttribution = anyConversion ? Attribution.MarkovAttribution.Compute(paths, new MarkovAttributionOptions(), cancellationToken) : null,
            LastTouchAttribution = anyConversion ? HeuristicAttribution.Compute(paths, HeuristicModel.LastTouch, new HeuristicOptions(), cancellationToken) : null,
            ShapleyAttribution = anyConversion ? Attribution.ShapleyAttribution.Compute(paths, cancellationToken) : null,
            TimeToConversion = observations.Count == 0 ? null : KaplanMeier.Fit(observations, cancellationToken),
            DirectlyFollows = stages.DirectlyFollows(log, true, cancellationToken),
            Rules = ruleResults,
            Experiments = experiments is { Count: > 0 } ? experiments : null,
            Personas = options.Personas is { } personaOptions ? PersonaDiscovery.MarkovMixture(log, personaOptions, cancellationToken) : null,
            WhatIf = model is null ? null : [.. options.Scenarios!.Select(s => model.Forecast(s, options.Forecast, cancellationToken))],
            Levers = model?.Leverage(LeverDelta, options.Forecast, cancellationToken),
            LossLevers = model?.LossLeverage(LeverDelta, options.Forecast, cancellationToken),
            Voice = options.Comments is null ? null : VoiceOfCustomer.Analyze(log, options.Comments, options.Voice, cancellationToken),
        };
    }

    /// <summary>The rise in probability the report's levers are priced at: 5 percentage points.</summary>
    public const double LeverDelta = 0.05;

    /// <inheritdoc/>
    public override string ToString() => $"Report data of {Show.Count(Customers)} customers, {Show.Count(Events)} events";
}
