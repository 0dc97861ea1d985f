using System.Collections;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;
using JourneyKit.Rules;

namespace JourneyKit.Experiments;

/// <summary>
/// Measures what a rule with a holdout (<see cref="JourneyRule.WithHoldout"/>) caused: the outcome rate after its
/// firings in the treatment arm (acted on) against the control arm (held out), with an honest interval.
/// </summary>
public static class RuleUplift
{
    /// <summary>
    /// Compares the arms of a rule's holdout. A firing is the unit: it counts as converted when an event meeting
    /// <see cref="RuleUpliftOptions.Outcome"/> follows it — strictly after its <see cref="RuleFiring.FiredAt"/>, at most
    /// <see cref="RuleUpliftOptions.Window"/> later — in <paramref name="log"/>, which may be the log the rules were
    /// evaluated on or a later export of the same customers (so that outcomes after the evaluation count). Firings whose
    /// window ends after <see cref="RuleUpliftOptions.ObservedUntil"/> are left out of both arms, and firings of customers
    /// outside the experiment are counted apart.
    /// </summary>
    /// <param name="log">The events in which outcomes are looked for.</param>
    /// <param name="evaluation">The rules' evaluation (<see cref="RuleEngine.Evaluate(EventLog, DateTimeOffset, CancellationToken)"/>).</param>
    /// <param name="ruleName">The rule, which must have a holdout.</param>
    /// <param name="options">The outcome, window and test, or <see langword="null"/> for the defaults (conversion within 7 days, relative effect).</param>
    /// <param name="cancellationToken">Cancels the measurement.</param>
    /// <returns>The arms, their test and the split's sample-ratio check.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/>, <paramref name="evaluation"/> or <paramref name="ruleName"/> is null.</exception>
    /// <exception cref="ArgumentException">No rule of the evaluation has that name, the rule has no holdout, or a customer it fired for is not in <paramref name="log"/>.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="ArgumentException">The outcome names a touchpoint, channel or stage the log does not have (a misspelling would otherwise read as "no effect").</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RuleUpliftResult Measure(EventLog log, RuleEvaluation evaluation, string ruleName, RuleUpliftOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(ruleName);
        options ??= new RuleUpliftOptions();
        options.Validate();
        int rule = FindRule(evaluation, ruleName);
        JourneyRule definition = evaluation.Definitions[rule];
        IHoldoutAssignment split = definition.Holdout
            ?? throw new ArgumentException($"Rule '{Guard.Clip(ruleName)}' has no holdout, so there is no control arm to measure against: give it one with WithHoldout(split).", nameof(ruleName));
        var list = (FiringList)evaluation.Fired; // RuleEngine keeps firings compactly; it is the only maker of evaluations
        bool sameLog = ReferenceEquals(list.Customers, log.CustomerIds);
        return Run(log, definition.Name, split, options,
            tally => list.ForEachOf(rule, (customer, firedAt, heldOut) => tally.Add(list.Customers[customer], sameLog ? customer : -1, firedAt, heldOut)),
            cancellationToken);
    }

    /// <summary>
    /// Compares the arms of a rule's holdout from firings recorded elsewhere — a live <see cref="JourneyMonitor"/>'s, a
    /// cluster's sink, a CRM's outbox and holdout files read back — with the same counting as
    /// <see cref="Measure(EventLog, RuleEvaluation, string, RuleUpliftOptions?, CancellationToken)"/>. The arm of each firing
    /// is the split's (not a stored flag), so firings read back from anywhere are assigned as the drivers assigned them.
    /// </summary>
    /// <param name="log">The events in which outcomes are looked for.</param>
    /// <param name="firings">Every firing of one rule, both arms (the held-out ones too); in any order.</param>
    /// <param name="split">The rule's holdout split.</param>
    /// <param name="options">The outcome, window and test, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the measurement.</param>
    /// <returns>The arms, their test and the split's sample-ratio check.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The firings are of more than one rule, none is given, a customer is not in <paramref name="log"/>, or the outcome names a label the log does not have.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RuleUpliftResult Measure(EventLog log, IEnumerable<RuleFiring> firings, IHoldoutAssignment split, RuleUpliftOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(firings);
        ArgumentNullException.ThrowIfNull(split);
        options ??= new RuleUpliftOptions();
        options.Validate();
        List<RuleFiring> list = [.. firings];
        string name = list.Count > 0 ? list[0].RuleName : throw new ArgumentException("No firings were given: there is nothing to measure.", nameof(firings));
        if (list.Find(f => !string.Equals(f.RuleName, name, StringComparison.Ordinal)) is { RuleName: { } other })
        {
            throw new ArgumentException($"The firings are of rules '{Guard.Clip(name)}' and '{Guard.Clip(other)}'; measure one rule at a time.", nameof(firings));
        }

        return Run(log, name, split, options, tally =>
        {
            foreach (RuleFiring f in list)
            {
                tally.Add(f.CustomerId, -1, f.FiredAt.UtcTicks);
            }
        }, cancellationToken);
    }

    private static RuleUpliftResult Run(EventLog log, string ruleName, IHoldoutAssignment split, RuleUpliftOptions options, Action<Tally> feed, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        var outcome = new CompiledCondition(options.Outcome ?? EventCondition.Outcome(EventOutcome.Conversion), (kind, label) =>
        {
            int id = kind switch
            {
                ConditionKind.Touchpoint => log.FindTouchpoint(label),
                ConditionKind.Channel => log.FindChannel(label),
                _ => log.FindStage(label),
            };
            if (id < 0)
            {
                unknown.Add($"{kind.ToString().ToLowerInvariant()} '{Guard.Clip(label)}'");
            }

            return id;
        });
        if (unknown.Count > 0)
        {
            // A misspelt outcome would count no conversions in either arm and look like "no effect".
            throw new ArgumentException($"The outcome names {string.Join(", ", unknown)}, which the log does not have: no event could ever count as the outcome.", nameof(options));
        }

        long observedUntil = options.ObservedUntil?.UtcTicks ?? LatestTick(log);
        var tally = new Tally(log, outcome, split, options, observedUntil, cancellationToken);
        feed(tally);

        if (tally.Missing is { } missing)
        {
            throw new ArgumentException($"The rule fired for customer '{Guard.Clip(missing)}', who is not in the log given: measure on the log the rules were evaluated on, or a later export of the same customers.", nameof(log));
        }

        return tally.Finish(ruleName, RuleTime.Utc(Math.Max(0, observedUntil)));
    }

    private static int FindRule(RuleEvaluation evaluation, string ruleName)
    {
        for (int r = 0; r < evaluation.Definitions.Count; r++)
        {
            if (string.Equals(evaluation.Definitions[r].Name, ruleName, StringComparison.Ordinal))
            {
                return r;
            }
        }

        throw new ArgumentException($"No rule named '{Guard.Clip(ruleName)}' was evaluated (the evaluation has {string.Join(", ", evaluation.Definitions.Select(d => $"'{Guard.Clip(d.Name)}'"))}).", nameof(ruleName));
    }

    private static long LatestTick(EventLog log)
    {
        long latest = 0;
        foreach (long t in log.UtcTicks)
        {
            latest = Math.Max(latest, t);
        }

        return latest;
    }

    /// <summary>Whether an outcome event of the customer lies in (firedAt, firedAt + window].</summary>
    private static bool FollowedByOutcome(EventLog log, CompiledCondition outcome, int customer, long firedAt, long until)
    {
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        ReadOnlySpan<long> ticks = log.UtcTicks;
        int start = offsets[customer], end = offsets[customer + 1];
        int first = start + SortedSearch.FirstAbove(ticks[start..end], firedAt); // a customer's events are in time order
        ReadOnlySpan<int> tp = log.TouchpointIds, ch = log.ChannelIds, st = log.StageIds;
        ReadOnlySpan<EventOutcome> outcomes = log.Outcomes;
        ReadOnlySpan<double> values = log.Values, feedback = log.Feedback;
        for (int k = first; k < end && ticks[k] <= until; k++)
        {
            if (outcome.Matches(tp[k], ch[k], st[k], outcomes[k], values.IsEmpty ? double.NaN : values[k], feedback.IsEmpty ? double.NaN : feedback[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts firings per arm (and segment) as they are visited.</summary>
    private sealed class Tally(EventLog log, CompiledCondition outcome, IHoldoutAssignment split, RuleUpliftOptions options, long observedUntil, CancellationToken cancellationToken)
    {
        private const int Treatment = 0, Control = 1;
        private readonly long _window = options.Window.Ticks;
        private readonly long[] _firings = new long[2], _converted = new long[2], _customers = new long[2];
        private readonly Dictionary<string, long[]> _segments = new(StringComparer.Ordinal); // firings, converted, customers × 2 arms
        private readonly BitArray? _seen = log.CustomerCount > 0 ? new BitArray(log.CustomerCount) : null;
        private long _outside, _incomplete, _visited;

        /// <summary>Gets a customer the rule fired for who is not in the log, or <see langword="null"/>.</summary>
        public string? Missing { get; private set; }

        /// <summary>Counts a firing; <paramref name="heldOut"/> is the driver's flag where the firing carries one (the split's own verdict), otherwise the split is asked.</summary>
        public void Add(string customerId, int logCustomer, long firedAt, bool? heldOut = null)
        {
            if ((++_visited & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (heldOut != true && !split.IsInExperiment(customerId))
            {
                _outside++;
                return;
            }

            if (firedAt > observedUntil - _window)
            {
                _incomplete++;
                return;
            }

            if (logCustomer < 0)
            {
                logCustomer = log.FindCustomer(customerId);
                if (logCustomer < 0)
                {
                    Missing ??= customerId;
                    return;
                }
            }

            int arm = (heldOut ?? split.IsControl(customerId)) ? Control : Treatment;
            bool converted = FollowedByOutcome(log, outcome, logCustomer, firedAt, firedAt + _window);
            bool first = !_seen![logCustomer];
            _seen[logCustomer] = true;
            Count(_firings, _converted, _customers, arm, converted, first);
            if (options.Attributes is { } attributes)
            {
                string segment = attributes.Text(customerId, options.SegmentBy!) ?? CustomerAttributes.Missing;
                if (!_segments.TryGetValue(segment, out long[]? counts))
                {
                    _segments[segment] = counts = new long[6];
                }

                counts[arm]++;
                counts[2 + arm] += converted ? 1 : 0;
                counts[4 + arm] += first ? 1 : 0;
            }
        }

        public RuleUpliftResult Finish(string ruleName, DateTimeOffset observed)
        {
            double level = 1 - options.Alpha;
            AbTestOptions test = options.Test;
            var segments = _segments
                .Select(s => new SegmentUplift(s.Key,
                    ArmOutcome.Of(s.Value[Treatment], s.Value[2 + Treatment], s.Value[4 + Treatment], level),
                    ArmOutcome.Of(s.Value[Control], s.Value[2 + Control], s.Value[4 + Control], level),
                    Compare(s.Value[2 + Control], s.Value[Control], s.Value[2 + Treatment], s.Value[Treatment], test)))
                .OrderByDescending(s => s.Treatment.Firings + s.Control.Firings).ThenBy(s => s.Segment, StringComparer.Ordinal)
                .ToList();
            return new RuleUpliftResult(ruleName, split, options, observed,
                ArmOutcome.Of(_firings[Treatment], _converted[Treatment], _customers[Treatment], level),
                ArmOutcome.Of(_firings[Control], _converted[Control], _customers[Control], level),
                Compare(_converted[Control], _firings[Control], _converted[Treatment], _firings[Treatment], test),
                AbTest.SampleRatioMismatch(_customers[Control], _customers[Treatment], split.ControlShare),
                _outside, _incomplete, segments);
        }

        private static void Count(long[] firings, long[] converted, long[] customers, int arm, bool isConverted, bool first)
        {
            firings[arm]++;
            converted[arm] += isConverted ? 1 : 0;
            customers[arm] += first ? 1 : 0;
        }

        private static AbTestResult Compare(long controlConverted, long controlFirings, long treatmentConverted, long treatmentFirings, AbTestOptions test) =>
            controlFirings == 0 || treatmentFirings == 0
                ? AbTest.NoResult(test, controlFirings, treatmentFirings, string.Create(CultureInfo.InvariantCulture,
                    $"the {(controlFirings == 0 ? "control" : "treatment")} arm has no complete firings to compare"))
                : AbTest.Proportions(controlConverted, controlFirings, treatmentConverted, treatmentFirings, test);
    }
}
