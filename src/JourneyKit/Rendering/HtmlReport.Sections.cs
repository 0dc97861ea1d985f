using System.Globalization;
using System.Text;
using JourneyKit.Attribution;
using JourneyKit.Experiments;
using JourneyKit.Forecasting;
using JourneyKit.Internal;
using JourneyKit.Paths;
using JourneyKit.Personas;
using JourneyKit.Rules;
using JourneyKit.Voice;

namespace JourneyKit.Rendering;

public static partial class HtmlReport
{
    private static void DesignedPersonas(StringBuilder html, JourneyMap map)
    {
        if (map.Personas.Count == 0)
        {
            return;
        }

        // A card per persona, as journey-mapping tools show them: who, and what they want, need and hate.
        html.Append("<div class=\"cards personas\">");
        foreach (Persona persona in map.Personas)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"card persona\"><h3>{Svg.Escape(persona.Name)}</h3>");
            if (persona.Segment is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"segment\">Segment: {Svg.Escape(persona.Segment)}</p>");
            }

            if (persona.Description is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(persona.Description)}</p>");
            }

            foreach (var (heading, items) in new[] { ("Goals", persona.Goals), ("Needs", persona.Needs), ("Frustrations", persona.Frustrations) })
            {
                if (items.Count > 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p><b>{heading}</b></p><ul>").Append(string.Concat(items.Select(i => $"<li>{Svg.Escape(i)}</li>"))).Append("</ul>");
                }
            }

            html.Append("</div>");
        }

        html.Append("</div>");
    }

    private static void MapSection(StringBuilder html, JourneyMap map, JourneyReportData data)
    {
        // The map with observed emotions and per-stage metrics.
        var metrics = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var row in data.Conformance?.Stages ?? [])
        {
            var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"Reached by {row.Entered:N0} ({(double)row.Entered / Math.Max(1, data.Conformance!.Journeys):P0})") };
            if (data.StageNps is { } nps && nps.TryGetValue(row.StageId, out var stageNps) && stageNps.Responses > 0)
            {
                var (lo, hi) = stageNps.ConfidenceInterval();
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"NPS {stageNps.Score:F0} [{lo:F0}, {hi:F0}]"));
            }

            if (data.StageDwell is { } timed && timed.States.Contains(row.StageId) && timed.MeanDwellTime(row.StageId) != TimeSpan.MaxValue)
            {
                lines.Add($"Mean dwell {Show.Hours(timed.MeanDwellTime(row.StageId))}");
            }

            metrics[row.StageId] = lines;
        }

        bool observed = data.ObservedEmotions is { Count: > 0 };
        bool designed = map.Touchpoints.Any(t => t.Emotion is not null);
        string emotions = designed || observed
            ? "On the emotion row " + (designed ? "the solid line is the emotion the team designed for each touchpoint (numbered as its card)" : "no emotion is designed yet") +
              (observed ? "; the dashed line is what customers reported — their mean rating at the touchpoint mapped to −2..+2 — so the gap between the lines is where practice parts from design." : ".")
            : "The map has no emotions yet, designed or observed, so it has no emotion row.";
        Section(html, "Journey map",
            "The designed journey with what customers did. Each stage's metrics count the journeys that reached it in any order, its NPS with a 95 % interval and the mean time spent in it. " + emotions);
        var renderOptions = new JourneyMapRenderOptions { StageMetrics = metrics, ObservedEmotions = data.ObservedEmotions };
        html.Append("<div class=\"scroll\">").Append(JourneyMapRenderer.RenderSvg(map, renderOptions)).Append("</div>");
    }

    private static void FunnelSection(StringBuilder html, JourneyReportData data)
    {
        if (data.Funnel is not { } funnel)
        {
            return;
        }

        Section(html, "Funnel through the designed stages",
            "Each bar counts the journeys that reached a stage after every stage before it, in map order, with the share that went on and its 95 % interval. " +
            "The map's \"Reached by\" counts the journeys that entered a stage at all, in any order; \"Converted\" counts journeys with a conversion event, wherever it happened.");
        html.Append(Charts.Funnel(funnel));
    }

    private static void FlowSection(StringBuilder html, JourneyReportData data)
    {
        if (data.Flows is not { } flows)
        {
            return;
        }

        Section(html, "Where journeys go",
            "Where journeys go from their first stage, step by step: each column is one more step, each band the journeys that moved between two steps. " +
            "(end) is where journeys stop; a colour stands for the same step in every column. Only the largest flows are drawn.");
        html.Append("<div class=\"scroll\">").Append(Charts.Sankey(flows)).Append("</div>");
    }

    private static void VariantSection(StringBuilder html, JourneyReportData data, HtmlReportOptions options)
    {
        if (data.Variants is not { } variants)
        {
            return;
        }

        Section(html, "Most common stage paths",
            "The stage sequences journeys actually followed, most frequent first. \"Converts\" is the share of those journeys with a conversion event; the median duration runs from a journey's first event to its last.");
        var table = new ReportTable("stage-paths", "Path", "Journeys", "Share", "Converts", "Median duration|Median duration (hours)");
        foreach (PathVariant v in variants.Take(Math.Clamp(options.TopVariants, 1, 100)))
        {
            table.Row(ReportTable.Cell.Text(string.Join(" → ", v.Steps) + (v.IsTruncated ? " → …" : "")), ReportTable.Cell.Count(v.Count), ReportTable.Cell.Share(v.Share),
                ReportTable.Cell.Share(v.ConversionRate), ReportTable.Cell.Duration(v.MedianDuration));
        }

        table.AppendTo(html);
    }

    private static void RepresentativeSection(StringBuilder html, JourneyReportData data)
    {
        if (data.RepresentativeJourneys is not { Count: > 0 } representatives)
        {
            return;
        }

        Section(html, "Representative journeys",
            "A handful of real journeys that stand for all (k-medoids over the touchpoint paths): every customer counts once, under the representative nearest to their own path. " +
            "\"Distance\" is the customers' mean normalised edit distance to it (0 = the same path, 1 = nothing in common).");
        var table = new ReportTable("representative-journeys", "Journey", "Customers", "Share", "Distance|Mean distance");
        foreach (var r in representatives)
        {
            table.Row(ReportTable.Cell.Text(string.Join(" → ", r.Steps)), ReportTable.Cell.Count(r.Customers), ReportTable.Cell.Share(r.Share), ReportTable.Cell.Number(r.MeanDistance, "0.00"));
        }

        table.AppendTo(html);
    }

    private static void WhatIfSection(StringBuilder html, JourneyReportData data)
    {
        if (data.WhatIf is not { } forecasts)
        {
            return;
        }

        double level = forecasts.Count > 0 ? forecasts[0].Baseline.Interval.Level : data.Levers is { Count: > 0 } first ? first[0].ConversionGain.Interval.Level : 0.95;
        Section(html, "What if",
            "Today's journeys as an absorbing chain at touchpoint level — where journeys start, how they move, where they convert or are lost — with a Dirichlet posterior over every row. " +
            $"Each scenario's changes are applied to every posterior draw, so baseline, scenario and lift come from the same draws; values are the fitted model's, intervals {level * 100:0.#} % credible. " +
            "Conversion is the probability that a journey converts; a lift's interval is the lift's own, narrower than the two intervals side by side.");
        if (forecasts.Count > 0)
        {
            var table = new ReportTable("what-if", "Scenario", "Changes", "Today", "Scenario|Under the scenario", "Lift", "Conversions|Expected conversions, lift", "Days|Days to convert, lift");
            foreach (ScenarioForecast f in forecasts)
            {
                table.Row(
                    ReportTable.Cell.Text(f.Scenario),
                    ReportTable.Cell.Text(f.Changes.Count == 0 ? "none" : string.Join("; ", f.Changes)),
                    Estimate(f.Baseline, share: true),
                    Estimate(f.Conversion, share: true),
                    Estimate(f.Lift, share: true),
                    Estimate(f.ExpectedConversions.Lift, share: false),
                    f.DaysToConvert is { } days ? Estimate(days.Lift, share: false) : ReportTable.Cell.Text("–"));
            }

            table.AppendTo(html);
        }

        if (data.Levers is { Count: > 0 } levers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Where to invest: transitions</h3><p>The rise in conversion if one transition became {JourneyReportData.LeverDelta * 100:0} points more likely (the rest of its row scaled down), exact for each transition; the ten largest.</p>");
            var table = new ReportTable("levers", "From", "To", "Probability|Probability today", "Gain|Conversion gain");
            foreach (TransitionLeverage lever in levers.Take(10))
            {
                table.Row(ReportTable.Cell.Text(lever.From), ReportTable.Cell.Text(lever.To), ReportTable.Cell.Share(lever.Probability), Estimate(lever.ConversionGain, share: true));
            }

            table.AppendTo(html);
        }

        if (data.LossLevers is { Count: > 0 } losses)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Where to invest: losses</h3><p>The rise in conversion if {JourneyReportData.LeverDelta * 100:0} points fewer of a step's journeys ended there unconverted; the five largest.</p>");
            var table = new ReportTable("loss-levers", "Step", "Loss|Loss share today", "Gain|Conversion gain");
            foreach (StepLeverage lever in losses.Take(5))
            {
                table.Row(ReportTable.Cell.Text(lever.Step), ReportTable.Cell.Share(lever.LossShare), Estimate(lever.ConversionGain, share: true));
            }

            table.AppendTo(html);
        }
    }

    private static void VoiceSection(StringBuilder html, JourneyMap map, JourneyReportData data)
    {
        if (data.Voice is not { } voice)
        {
            return;
        }

        var unplaced = voice.Unplaced;
        Section(html, "Voice of the customer",
            string.Create(CultureInfo.InvariantCulture, $"What customers wrote, scored by VADER (compound sentiment from −1 to +1; a comment counts as negative at −0.05 or below, positive at 0.05 or above). ") +
            string.Create(CultureInfo.InvariantCulture, $"{voice.Comments.Count:N0} comments: {voice.Placed:N0} placed on the journey — on the touchpoint they name, or on the customer's latest event before them — and {voice.Comments.Count - voice.Placed:N0} not") +
            (unplaced.Count == 0 ? "." : $" ({string.Join(", ", unplaced.Select(u => $"{u.Key}: {u.Value:N0}"))}).") +
            " The emotion from words is twice the mean compound on the map's −2..+2 scale; its labels come from cue words, a heuristic.");
        if (voice.ByStage.Count > 0)
        {
            var stages = new ReportTable("voice-stages", "Stage", "Comments", "Sentiment|Mean sentiment [95 % interval]", "Negative", "Positive", "Emotion|Emotion from words");
            foreach (SentimentSummary s in voice.ByStage)
            {
                stages.Row(ReportTable.Cell.Text(map.FindStage(s.Name)?.Name ?? s.Name), ReportTable.Cell.Count(s.Comments), Mean(s), ReportTable.Cell.Share(s.NegativeShare), ReportTable.Cell.Share(s.PositiveShare), ReportTable.Cell.Text(s.Emotion.ToString()));
            }

            stages.AppendTo(html);
        }

        var designed = voice.ByTouchpoint.Where(s => map.FindTouchpoint(s.Name)?.Emotion is not null).ToList();
        if (designed.Count > 0)
        {
            html.Append("<h3>Emotion curve: words against design</h3><p>Per touchpoint of the map, the emotion the team designed and the one customers' words show, on the same −2..+2 scale.</p>");
            var curve = new ReportTable("voice-emotions", "Touchpoint", "Designed", "Words|From words", "Gap", "Comments");
            foreach (Touchpoint tp in map.Touchpoints.Where(t => designed.Any(d => d.Name == t.Id)))
            {
                SentimentSummary s = designed.First(d => d.Name == tp.Id);
                curve.Row(ReportTable.Cell.Text(tp.Name), ReportTable.Cell.Number(tp.Emotion!.Value.Value, "+0.0;-0.0;0"), ReportTable.Cell.Number(s.Emotion.Value, "+0.0;-0.0;0"),
                    ReportTable.Cell.Number(s.Emotion.Value - tp.Emotion!.Value.Value, "+0.0;-0.0;0"), ReportTable.Cell.Count(s.Comments));
            }

            curve.AppendTo(html);
        }

        var negative = voice.TouchpointPhrases.Where(p => p.MeanCompound < 0).OrderBy(p => p.MeanCompound).Take(10).ToList();
        if (negative.Count > 0)
        {
            html.Append("<h3>What customers complain about</h3><p>Phrases a touchpoint's comments use much more than others do (log-odds with an informative prior), the most negative first, with a quote.</p>");
            var topics = new ReportTable("voice-topics", "Touchpoint", "Phrase", "Comments", "Sentiment|Mean sentiment", "Quote");
            foreach (KeyPhrase p in negative)
            {
                topics.Row(ReportTable.Cell.Text(map.FindTouchpoint(p.Group)?.Name ?? p.Group), ReportTable.Cell.Text(p.Phrase), ReportTable.Cell.Count(p.Comments),
                    ReportTable.Cell.Number(p.MeanCompound, "+0.00;-0.00;0"), ReportTable.Cell.Text(p.Examples.Count > 0 ? Internal.Guard.Clip(p.Examples[0]) : ""));
            }

            topics.AppendTo(html);
        }
    }

    private static ReportTable.Cell Mean(SentimentSummary s) =>
        new(s.Interval.IsDefined
                ? string.Create(CultureInfo.InvariantCulture, $"{s.MeanCompound:+0.00;-0.00;0} [{s.Interval.Lower:+0.00;-0.00;0}, {s.Interval.Upper:+0.00;-0.00;0}]")
                : string.Create(CultureInfo.InvariantCulture, $"{s.MeanCompound:+0.00;-0.00;0}"),
            string.Create(CultureInfo.InvariantCulture, $"{s.MeanCompound:R}"));

    // A value with its interval: shares in percentage points (signed for lifts), counts and days with one decimal.
    private static ReportTable.Cell Estimate(ForecastValue value, bool share)
    {
        string format = share ? "0.0 %" : "#,0.0";
        string display = string.Create(CultureInfo.InvariantCulture, $"{value.Value.ToString(format, CultureInfo.InvariantCulture)} [{value.Lower.ToString(format, CultureInfo.InvariantCulture)}, {value.Upper.ToString(format, CultureInfo.InvariantCulture)}]");
        string csv = string.Create(CultureInfo.InvariantCulture, $"{value.Value:R} [{value.Lower:R}, {value.Upper:R}]");
        return new ReportTable.Cell(display, csv);
    }

    private static void BacktrackSection(StringBuilder html, JourneyMap map, JourneyReportData data)
    {
        if (data.NonLinearity is not { } routes)
        {
            return;
        }

        Section(html, "Where customers double back",
            "A backtrack is a step from a stage back to an earlier stage of the map (counted each time it happens, several per journey). Many backtracks into a stage say customers did not find there what they needed to move on.");
        if (routes.BacktrackRoutes.Count == 0)
        {
            html.Append("<p class=\"note\">No journey went back to an earlier stage.</p>");
            return;
        }

        var table = new ReportTable("backtracks", "From", "Back to", "Times");
        foreach (StageRoute r in routes.BacktrackRoutes.Take(10))
        {
            table.Row(ReportTable.Cell.Text(map.FindStage(r.From)?.Name ?? r.From), ReportTable.Cell.Text(map.FindStage(r.To)?.Name ?? r.To), ReportTable.Cell.Count(r.Count));
        }

        table.AppendTo(html);
    }

    private static void TransitionSection(StringBuilder html, JourneyReportData data)
    {
        if (data.StageChain is not { } chain)
        {
            return;
        }

        Section(html, "Stage transitions",
            $"The chance that a journey in one stage (row) goes next to another (column), estimated from every step. {JourneyReportData.ConvertedState} is the first conversion, " +
            $"{JourneyReportData.LostState} the end of a journey that never converted: both are absorbing. Each row sums to 1.");
        html.Append("<div class=\"scroll\">").Append(Charts.Heatmap(chain)).Append("</div>");
    }

    private static void AttributionSection(StringBuilder html, JourneyMap map, JourneyReportData data)
    {
        if (data.MarkovAttribution is not { } markov)
        {
            return;
        }

        Section(html, "Which channels earn the conversions",
            "Three ways to share the conversions among channels. Markov: a channel's removal effect — the share of conversions lost if journeys could not pass through it — rescaled to the conversions. " +
            "Shapley: a channel's average marginal contribution over every order of the channels journeys used. Last touch: all credit to the channel of the step before the conversion — " +
            "so it gives 0 to channels that never come last, typically the awareness channels that start journeys.");
        var table = new ReportTable("channel-attribution", "Channel", "Markov", "Removal effect", "Last touch", "Shapley");
        foreach (ChannelCredit c in markov.Channels)
        {
            double lastTouch = data.LastTouchAttribution?.Channels.FirstOrDefault(x => x.Channel == c.Channel)?.Conversions ?? double.NaN;
            double shapley = data.ShapleyAttribution?.Channels.FirstOrDefault(x => x.Channel == c.Channel)?.Conversions ?? double.NaN;
            table.Row(ReportTable.Cell.Text(map.FindChannel(c.Channel)?.Name ?? c.Channel), ReportTable.Cell.Number(c.Conversions, "N1"), ReportTable.Cell.Share(markov.RemovalEffects[c.Channel]),
                ReportTable.Cell.Number(lastTouch, "N1"), ReportTable.Cell.Number(shapley, "N1"));
        }

        table.AppendTo(html);
    }

    private static void TimeToConversionSection(StringBuilder html, JourneyReportData data)
    {
        if (data.TimeToConversion is not { } survival)
        {
            return;
        }

        Section(html, "Time to conversion",
            "The share of journeys not yet converted after each number of days since their first event (Kaplan–Meier). Journeys that never converted count until the end of the data " +
            "(right-censored), so the curve levels off at the share that had not converted by then. The shaded band is the 95 % confidence interval.");
        html.Append(Charts.Survival(survival, "Share of journeys not yet converted", "days since the first event"));
    }

    private static void PersonaSection(StringBuilder html, JourneyMap map, JourneyReportData data)
    {
        if (data.Personas is not { } personas)
        {
            return;
        }

        Section(html, $"Personas from behaviour ({personas.Personas.Count} by {(personas.Candidates.Count > 1 ? "BIC" : "choice")}, {personas.Level.ToString().ToLowerInvariant()} level)",
            "Groups of customers who move through the journey alike, found by a mixture of Markov chains (the number of groups chosen by BIC when not given). Each card says how its customers start, " +
            "the steps they take more often than everyone (coloured bar: the persona; grey: everyone; the lift in brackets), how they convert and rate, and the designed persona nearest to them.");
        html.Append("<div class=\"cards\">");
        IReadOnlyList<PersonaMatch> matches = personas.MatchDesigned(map);
        foreach (DiscoveredPersona p in personas.Personas)
        {
            string starts = string.Join(", ", p.Starts.Select(s => string.Create(CultureInfo.InvariantCulture, $"{Svg.Escape(s.State)} {s.Probability:P0}")));
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"card persona-card\"><h3>Persona {p.Index} · {p.Size:N0} customers ({p.Share:P0})</h3>");
            html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(p.Description)}</p><p>Starts: {starts}</p>");
            html.Append(CultureInfo.InvariantCulture, $"<p>Converts {(double.IsNaN(p.ConversionRate) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{p.ConversionRate:P1} [{p.ConversionInterval.Lower:P1}, {p.ConversionInterval.Upper:P1}]"))}; mean membership {p.MeanMembership:P0}</p>");
            if (p.NpsResponses > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>NPS {p.Nps:F0} [{p.NpsInterval.Lower:F0}, {p.NpsInterval.Upper:F0}] (n = {p.NpsResponses:N0})</p>");
            }

            html.Append("<p>Channels: ").Append(Svg.Escape(string.Join(", ", p.ChannelMix.Take(4).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {c.Share:P0}"))))).Append("</p>");
            html.Append("<p>Typical paths:<br>").Append(string.Join("<br>", p.TopPaths.Take(3).Select(x => Svg.Escape(x.ToString())))).Append("</p>");
            if (matches[p.Index].DesignedPersonaId is { } designed)
            {
                string name = map.FindPersona(designed)?.Name ?? designed;
                html.Append(CultureInfo.InvariantCulture, $"<p>{(matches[p.Index].IsCovered ? "Nearest designed persona" : "<b>Not covered</b> by a designed persona; nearest")}: {Svg.Escape(name)} ({matches[p.Index].Similarity:P0})</p>");
            }

            html.Append(Charts.PersonaSteps(personas, p.Index)).Append("</div>");
        }

        html.Append("</div>");
    }

    private static void RuleSection(StringBuilder html, JourneyReportData data)
    {
        if (data.Rules is not { } ruleResults)
        {
            return;
        }

        Section(html, $"Journey rules, back-tested as of {ruleResults.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
            "Each rule run over history as if it had been live: a firing is a follow-up the rule would have sent. \"Recovered anyway\" are firings after which the customer did the awaited step later anyway — " +
            "follow-ups that were not needed. Episodes that started within a rule's window before the as-of moment are still pending (not yet due): they are not counted as fired, so each chart's last bars, " +
            "in the shaded part, are low.");
        foreach (string warning in ruleResults.Warnings)
        {
            html.Append("<p class=\"warning\">").Append(Svg.Escape(warning)).Append("</p>");
        }

        var table = new ReportTable("rules", "Rule", "Fired", "Customers", "Pending", "Recovered anyway");
        foreach (RuleSummary s in ruleResults.Summaries)
        {
            table.Row(ReportTable.Cell.Text(s.RuleName), ReportTable.Cell.Count(s.Fired), ReportTable.Cell.Count(s.FiredCustomers), ReportTable.Cell.Count(s.Pending), ReportTable.Cell.Share(s.RecoveredShare));
        }

        table.AppendTo(html);
        foreach (RuleSummary s in ruleResults.Summaries)
        {
            html.Append("<div class=\"scroll\">").Append(Charts.RuleFirings(ruleResults, s.RuleName)).Append("</div>");
        }
    }

    private static void ExperimentSection(StringBuilder html, JourneyReportData data)
    {
        if (data.Experiments is not { Count: > 0 } experiments)
        {
            return;
        }

        RuleUpliftResult first = experiments[0];
        Section(html, "Experiments",
            "Each rule with a holdout: its firings for customers in the control arm were held out (listed, never sent), so the control arm shows what happens without the follow-up. " +
            string.Create(CultureInfo.InvariantCulture, $"A firing counts as converted when the outcome follows within {Show.Hours(first.Window)}; firings whose window had not ended by the end of the data are left out of both arms. ") +
            string.Create(CultureInfo.InvariantCulture, $"Rates carry {(1 - first.Test.Alpha) * 100:0.#} % Wilson intervals; the lift is the treatment against the control with GrowthBook's statistics") +
            (first.Test.Sequential ? " (sequential: valid however often it is looked at)." : " (fixed horizon: read once, at the planned size)."));
        for (int i = 0; i < experiments.Count; i++)
        {
            RuleUpliftResult u = experiments[i];
            html.Append("<h3>").Append(Svg.Escape(u.RuleName)).Append(" — ").Append(Svg.Escape(u.Split.Key)).Append(CultureInfo.InvariantCulture, $", {u.Split.ControlShare * 100:0.#} % held out</h3>");
            if (u.HasSampleRatioMismatch)
            {
                html.Append("<p class=\"warning\">").Append(Svg.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"Sample ratio mismatch (p = {u.SampleRatioMismatch:G3}): {u.Control.Customers:N0} customers in the control arm and {u.Treatment.Customers:N0} in the treatment arm do not fit a {u.Split.ControlShare * 100:0.#} % split. The assignment or the tracking is broken; do not trust this comparison."))).Append("</p>");
            }

            var table = new ReportTable(string.Create(CultureInfo.InvariantCulture, $"experiment-{i + 1}"), "Arm", "Firings", "Customers", "Converted", "Rate|Rate [interval]");
            foreach ((string arm, ArmOutcome o) in new[] { ("treatment (acted on)", u.Treatment), ("control (held out)", u.Control) })
            {
                table.Row(ReportTable.Cell.Text(arm), ReportTable.Cell.Count(o.Firings), ReportTable.Cell.Count(o.Customers), ReportTable.Cell.Count(o.Converted), Rate(o));
            }

            table.AppendTo(html);
            html.Append("<p>").Append(Svg.Escape(u.Test.HasResult
                ? $"Lift ({(u.Test.Difference == EffectScale.Relative ? "relative" : "absolute, in points")}): {u.Test.Effect}, p = {Show.Number(u.Test.PValue)}{(u.Test.IsSignificant ? " — significant" : " — not significant")}."
                : $"No lift computed: {u.Test.Problem}.") + (u.Incomplete > 0 ? string.Create(CultureInfo.InvariantCulture, $" {u.Incomplete:N0} firings still inside their window were left out.") : string.Empty)).Append("</p>");
        }
    }

    private static ReportTable.Cell Rate(ArmOutcome o) =>
        o.Firings == 0 ? new("–", "")
        : new(string.Create(CultureInfo.InvariantCulture, $"{o.Rate:P1} [{o.RateInterval.Lower:P1}, {o.RateInterval.Upper:P1}]"), string.Create(CultureInfo.InvariantCulture, $"{o.Rate:R} [{o.RateInterval.Lower:R}, {o.RateInterval.Upper:R}]"));

    private static void DirectlyFollowsSection(StringBuilder html, JourneyReportData data)
    {
        if (data.DirectlyFollows is not { } dfg)
        {
            return;
        }

        Section(html, "Directly-follows graph",
            "Every stage and how often one directly follows another: a box per stage with its events, an arrow per move with the journeys that made it and their median time. " +
            "Dashed arrows run against the designed flow (backtracks); start and end show where journeys begin and stop.");
        html.Append("<div class=\"scroll\">").Append(Charts.DirectlyFollows(dfg)).Append("</div>")
            .Append("<details><summary>Graphviz DOT</summary><pre>").Append(Svg.Escape(Charts.ToDot(dfg))).Append("</pre></details>");
    }
}
