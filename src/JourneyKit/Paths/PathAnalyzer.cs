using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>
/// Non-linear path analysis over an <see cref="EventLog"/>: variants, directly-follows graphs, backtracks and skips,
/// funnels, time to convert, flows and conformance to the designed map. Every analysis runs at the level chosen in
/// <see cref="PathAnalyzerOptions.Level"/> (touchpoint by default), on the journeys the filter keeps, partition-parallel
/// when <see cref="PathAnalyzerOptions.MaxDegreeOfParallelism"/> allows. Immutable and thread-safe.
/// </summary>
public sealed class PathAnalyzer
{
    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">The settings; default <see cref="PathAnalyzerOptions"/> (touchpoint level, no filter).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public PathAnalyzer(PathAnalyzerOptions? options = null)
    {
        Options = options ?? new PathAnalyzerOptions();
        Options.Validate();
    }

    /// <summary>Gets the settings.</summary>
    public PathAnalyzerOptions Options { get; }

    /// <summary>Gets an analyzer with the same settings at another level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The analyzer.</returns>
    public PathAnalyzer AtLevel(PathLevel level) => new(Options with { Level = level });

    /// <summary>Gets every distinct path with its count, share, conversion rate and median duration, most frequent first.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The variants (ties ordered by steps, ordinal).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public IReadOnlyList<PathVariant> Variants(EventLog log) => Variants(log, int.MaxValue);

    /// <summary>Gets the <paramref name="top"/> most frequent paths.</summary>
    /// <param name="log">The log.</param>
    /// <param name="top">How many variants to keep. Range: ≥ 1.</param>
    /// <returns>The variants, most frequent first; shares are of all analysed journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    public IReadOnlyList<PathVariant> Variants(EventLog log, int top) =>
        Variants(log, top, CancellationToken.None);

    /// <summary>Gets the <paramref name="top"/> most frequent paths.</summary>
    /// <param name="log">The log.</param>
    /// <param name="top">How many variants to keep. Range: ≥ 1.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The variants, most frequent first; shares are of all analysed journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<PathVariant> Variants(EventLog log, int top, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var context = Context(log, cancellationToken);
        var acc = context.Run((from, to) => VariantAccumulator.Collect(context, from, to), VariantAccumulator.Merge);
        int variantCount = acc.Keys.Count;

        // Group the journeys' durations by variant with a counting sort, then sort each variant's durations.
        var offsets = new int[variantCount + 1];
        var conversions = new long[variantCount];
        for (int j = 0; j < acc.Journeys; j++)
        {
            if ((j & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            offsets[acc.VariantOf[j] + 1]++;
            conversions[acc.VariantOf[j]] += acc.Converted[j] ? 1 : 0;
        }

        for (int v = 0; v < variantCount; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var next = offsets[..variantCount];
        var durations = new long[acc.Journeys];
        for (int j = 0; j < acc.Journeys; j++)
        {
            if ((j & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            durations[next[acc.VariantOf[j]]++] = acc.Duration[j];
        }

        var nodeNames = Enumerable.Range(0, context.NodeCount).Select(context.NodeName).ToArray();

        // Ties are ordered by step names (ordinal); ranking the names once turns that into integer comparisons.
        var rank = new int[nodeNames.Length];
        var byName = Enumerable.Range(0, nodeNames.Length).OrderBy(n => nodeNames[n], StringComparer.Ordinal).ToArray();
        for (int r = 0; r < byName.Length; r++)
        {
            rank[byName[r]] = r;
        }

        var order = Enumerable.Range(0, variantCount).ToArray();
        var keys = acc.Keys;
        Array.Sort(order, (x, y) =>
        {
            int byCount = (offsets[y + 1] - offsets[y]).CompareTo(offsets[x + 1] - offsets[x]);
            return byCount != 0 ? byCount : StepList.Compare(keys[x], keys[y], rank);
        });

        int take = Math.Min(top, variantCount);
        var result = new PathVariant[take];
        for (int i = 0; i < take; i++)
        {
            int v = order[i];
            var segment = durations.AsMemory(offsets[v], offsets[v + 1] - offsets[v]);
            segment.Span.Sort();
            result[i] = new PathVariant(new StepList(keys[v], nodeNames), keys[v].Length > 0 && keys[v][^1] == VariantAccumulator.Truncated,
                segment.Length, conversions[v], segment, acc.Journeys);
        }

        return result.AsReadOnly();
    }

    /// <summary>Builds the directly-follows graph: edge counts, start and end counts and edge durations.</summary>
    /// <param name="log">The log.</param>
    /// <param name="includeDurations">Whether to measure edge durations (mean, median, p90); frequencies alone are about three times faster.</param>
    /// <returns>The graph. Edge counts sum to events − journeys (without collapsing); start and end counts each sum to the journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    // The original signature stays for existing callers (and method groups); the cancellable overload is new and has no
    // optional parameters, so no call can bind differently. RS0027 guards shipped APIs; this package is unpublished.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "Original signature kept; cancellable overload added.")]
    public DirectlyFollowsGraph DirectlyFollows(EventLog log, bool includeDurations = true) =>
        DirectlyFollows(log, includeDurations, CancellationToken.None);

    /// <summary>Builds the directly-follows graph: edge counts, start and end counts and edge durations.</summary>
    /// <param name="log">The log.</param>
    /// <param name="includeDurations">Whether to measure edge durations (mean, median, p90); frequencies alone are about three times faster.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The graph. Edge counts sum to events − journeys (without collapsing); start and end counts each sum to the journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DirectlyFollowsGraph DirectlyFollows(EventLog log, bool includeDurations, CancellationToken cancellationToken)
    {
        var context = Context(log, cancellationToken);
        return context.Run((from, to) => DirectlyFollowsPartition(context, from, to, includeDurations), DirectlyFollowsGraph.Merge);
    }

    /// <summary>Gets the distribution of journey durations (first to last event; one-event journeys count as zero).</summary>
    /// <param name="log">The log.</param>
    /// <returns>The summary; empty (count 0, zero durations) when no journey is analysed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public DurationSummary JourneyDurations(EventLog log) =>
        JourneyDurations(log, CancellationToken.None);

    /// <summary>Gets the distribution of journey durations (first to last event; one-event journeys count as zero).</summary>
    /// <param name="log">The log.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The summary; empty (count 0, zero durations) when no journey is analysed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DurationSummary JourneyDurations(EventLog log, CancellationToken cancellationToken)
    {
        var context = Context(log, cancellationToken);
        var ticks = log.UtcTicks;
        var durations = new long[context.Slices.Length];
        for (int j = 0; j < durations.Length; j++)
        {
            if ((j & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (start, count) = context.Slices[j];
            durations[j] = ticks[start + count - 1] - ticks[start];
        }

        return new DurationSummary(durations);
    }

    /// <summary>Gets the distribution of the time from a journey's first event to its first conversion (converted journeys only).</summary>
    /// <param name="log">The log.</param>
    /// <returns>The summary; empty when no journey converted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public DurationSummary TimeToConvert(EventLog log) =>
        TimeToConvert(log, CancellationToken.None);

    /// <summary>Gets the distribution of the time from a journey's first event to its first conversion (converted journeys only).</summary>
    /// <param name="log">The log.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The summary; empty when no journey converted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DurationSummary TimeToConvert(EventLog log, CancellationToken cancellationToken)
    {
        var context = Context(log, cancellationToken);
        var ticks = log.UtcTicks;
        var outcomes = log.Outcomes;
        var durations = new List<long>();
        foreach (var (start, count) in context.Slices)
        {
            int k = outcomes.Slice(start, count).IndexOf(EventOutcome.Conversion);
            if (k >= 0)
            {
                durations.Add(ticks[start + k] - ticks[start]);
            }
        }

        return new DurationSummary([.. durations]);
    }

    /// <summary>Gets the distribution of path length to the first conversion: steps (at the analyzer's level, collapsed if configured) up to and including the converting event.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The summary; empty when no journey converted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public LengthSummary PathLengthToConversion(EventLog log) =>
        PathLengthToConversion(log, CancellationToken.None);

    /// <summary>Gets the distribution of path length to the first conversion: steps (at the analyzer's level, collapsed if configured) up to and including the converting event.</summary>
    /// <param name="log">The log.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The summary; empty when no journey converted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public LengthSummary PathLengthToConversion(EventLog log, CancellationToken cancellationToken)
    {
        var context = Context(log, cancellationToken);
        var outcomes = log.Outcomes;
        var lengths = new List<long>();
        foreach (var (start, count) in context.Slices)
        {
            int k = outcomes.Slice(start, count).IndexOf(EventOutcome.Conversion);
            if (k < 0)
            {
                continue;
            }

            long steps = 1;
            for (int i = start + 1; i <= start + k; i++)
            {
                steps += context.Options.CollapseRepeats && context.Ids[i] == context.Ids[i - 1] ? 0 : 1;
            }

            lengths.Add(steps);
        }

        return new LengthSummary([.. lengths]);
    }

    /// <summary>Measures backtracks, skips, loops and channel switches, with the routes people double back and skip along.</summary>
    /// <param name="log">The log; it must have been built with a <see cref="JourneyMap"/> (the stage order is the map's).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map, so stages have no designed order.</exception>
    public NonLinearitySummary NonLinearity(EventLog log) =>
        NonLinearity(log, CancellationToken.None);

    /// <summary>Measures backtracks, skips, loops and channel switches, with the routes people double back and skip along.</summary>
    /// <param name="log">The log; it must have been built with a <see cref="JourneyMap"/> (the stage order is the map's).</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map, so stages have no designed order.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public NonLinearitySummary NonLinearity(EventLog log, CancellationToken cancellationToken)
    {
        var context = Context(log, cancellationToken);
        var map = RequireMap(log, "Backtracks and skips");
        return context.Run((from, to) => NonLinearityPartition(context, map, from, to), NonLinearitySummary.Merge);
    }

    /// <summary>Runs a funnel: per step, journeys entered, converted and dropped, conversion rate with a 95 % Wilson interval, and time to the next step.</summary>
    /// <param name="log">The log.</param>
    /// <param name="funnel">The funnel.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public FunnelResult Funnel(EventLog log, FunnelDefinition funnel) =>
        Funnel(log, funnel, CancellationToken.None);

    /// <summary>Runs a funnel: per step, journeys entered, converted and dropped, conversion rate with a 95 % Wilson interval, and time to the next step.</summary>
    /// <param name="log">The log.</param>
    /// <param name="funnel">The funnel.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FunnelResult Funnel(EventLog log, FunnelDefinition funnel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        var context = Context(log, cancellationToken);
        var matcher = new FunnelMatcher(log, funnel);
        return context.Run((from, to) => matcher.Run(context, from, to), FunnelResult.Merge);
    }

    /// <summary>
    /// Says <em>who</em> moved through a funnel: per step, the customers who entered it, went on to the next step, and
    /// dropped there (with the time they reached that step) — lists a marketer can act on, or turn into a filter with
    /// <see cref="JourneyFilter.WithCustomers(IEnumerable{string})"/>. Counts equal those of <see cref="Funnel(EventLog, FunnelDefinition)"/>.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="funnel">The funnel.</param>
    /// <returns>The customers per step, in log order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public FunnelAudience FunnelAudience(EventLog log, FunnelDefinition funnel) =>
        FunnelAudience(log, funnel, CancellationToken.None);

    /// <summary>
    /// Says <em>who</em> moved through a funnel: per step, the customers who entered it, went on to the next step, and
    /// dropped there (with the time they reached that step) — lists a marketer can act on, or turn into a filter with
    /// <see cref="JourneyFilter.WithCustomers(IEnumerable{string})"/>. Counts equal those of <see cref="Funnel(EventLog, FunnelDefinition)"/>.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="funnel">The funnel.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The customers per step, in log order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FunnelAudience FunnelAudience(EventLog log, FunnelDefinition funnel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        var context = Context(log, cancellationToken);
        var matcher = new FunnelMatcher(log, funnel);
        var audience = new List<(int Customer, int FirstStep, int LastStep, long ReachedAtTicks)>();
        matcher.Run(context, 0, context.Slices.Length, audience);
        int k = funnel.Steps.Count;
        var entered = Enumerable.Range(0, k).Select(_ => new List<string>()).ToArray();
        var wentOn = Enumerable.Range(0, k).Select(_ => new List<string>()).ToArray();
        var dropped = Enumerable.Range(0, k).Select(_ => new List<FunnelDrop>()).ToArray();
        foreach (var (customer, first, last, at) in audience)
        {
            string id = log.CustomerIds[customer];
            for (int s = first; s <= last; s++)
            {
                entered[s].Add(id);
                if (s < last || s == k - 1)
                {
                    wentOn[s].Add(id);
                }
            }

            if (last < k - 1)
            {
                dropped[last].Add(new FunnelDrop(id, new DateTimeOffset(at, TimeSpan.Zero)));
            }
        }

        return new FunnelAudience([.. Enumerable.Range(0, k).Select(s =>
            new FunnelStepAudience(funnel.Steps[s].Name, entered[s].AsReadOnly(), wentOn[s].AsReadOnly(), dropped[s].AsReadOnly()))]);
    }

    /// <summary>
    /// Builds flow (Sankey) data around an anchor step: what journeys do in the <paramref name="depth"/> steps after their
    /// first visit to it (forward), or before their last visit (backward). Per level the <paramref name="topK"/> most
    /// frequent steps are kept and the rest gathered into <c>(other)</c>; journeys that end (begin) show as <c>(end)</c> (<c>(start)</c>).
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="anchor">The anchor step at the analyzer's level.</param>
    /// <param name="direction">Forward or backward.</param>
    /// <param name="depth">How many steps to follow. Range: 1..50.</param>
    /// <param name="topK">How many steps to keep per level. Range: ≥ 1.</param>
    /// <returns>The flow graph.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> or <paramref name="topK"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The anchor step does not occur at this level of the log.</exception>
    // The original signature stays for existing callers (and method groups); the cancellable overload is new and has no
    // optional parameters, so no call can bind differently. RS0027 guards shipped APIs; this package is unpublished.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "Original signature kept; cancellable overload added.")]
    public FlowGraph Flows(EventLog log, string anchor, FlowDirection direction = FlowDirection.Forward, int depth = 3, int topK = 5) =>
        Flows(log, anchor, direction, depth, topK, CancellationToken.None);

    /// <summary>
    /// Builds flow (Sankey) data around an anchor step: what journeys do in the <paramref name="depth"/> steps after their
    /// first visit to it (forward), or before their last visit (backward). Per level the <paramref name="topK"/> most
    /// frequent steps are kept and the rest gathered into <c>(other)</c>; journeys that end (begin) show as <c>(end)</c> (<c>(start)</c>).
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="anchor">The anchor step at the analyzer's level.</param>
    /// <param name="direction">Forward or backward.</param>
    /// <param name="depth">How many steps to follow. Range: 1..50.</param>
    /// <param name="topK">How many steps to keep per level. Range: ≥ 1.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The flow graph.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> or <paramref name="topK"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The anchor step does not occur at this level of the log.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FlowGraph Flows(EventLog log, string anchor, FlowDirection direction, int depth, int topK, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 50);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var context = Context(log, cancellationToken);
        int anchorNode = context.FindNode(anchor);
        if (anchorNode < 0)
        {
            throw new ArgumentException($"Step '{anchor}' does not occur at the {context.Level.ToString().ToLowerInvariant()} level of this log.", nameof(anchor));
        }

        return FlowBuilder.Build(context, anchorNode, anchor, direction, depth, topK);
    }

    /// <summary>Holds the journeys against the designed path (the map's stage order): fitness per journey and in aggregate, and a per-stage table.</summary>
    /// <param name="log">The log; it must have been built with a <see cref="JourneyMap"/>.</param>
    /// <returns>The conformance result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map.</exception>
    public ConformanceResult Conformance(EventLog log) =>
        Conformance(log, CancellationToken.None);

    /// <summary>Holds the journeys against the designed path (the map's stage order): fitness per journey and in aggregate, and a per-stage table.</summary>
    /// <param name="log">The log; it must have been built with a <see cref="JourneyMap"/>.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between chunks of 65,536 journeys).</param>
    /// <returns>The conformance result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ConformanceResult Conformance(EventLog log, CancellationToken cancellationToken)
    {
        var context = Context(log, cancellationToken);
        var map = RequireMap(log, "Conformance");
        return context.Run((from, to) => ConformancePartition(context, map, from, to), ConformanceResult.Merge);
    }

    /// <summary>Computes the fitness of one journey against the designed path of its log's map (see <see cref="ConformanceResult"/>).</summary>
    /// <param name="journey">The journey.</param>
    /// <returns>The fitness in [0, 1]; NaN when no event has a stage of the map.</returns>
    /// <exception cref="InvalidOperationException">The journey's log has no map.</exception>
    public static double Fitness(CustomerJourney journey)
    {
        int stages = RequireMap(journey.Log, "Fitness").Stages.Count;
        var seq = StageSequence(journey.StageIds, stages, new List<int>());
        return seq.Count == 0 ? double.NaN : FitnessOf(seq);
    }

    private PathContext Context(EventLog log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(log);
        return new PathContext(log, Options, cancellationToken);
    }

    private static JourneyMap RequireMap(EventLog log, string what) =>
        log.Map ?? throw new InvalidOperationException($"{what} need the map's stage order: build the log with new EventLogBuilder(map).");

    private static DirectlyFollowsGraph DirectlyFollowsPartition(PathContext context, int from, int to, bool durations)
    {
        int n = context.NodeCount;
        var counts = new long[n * n];
        var sums = new long[n * n];
        var histograms = new int[]?[n * n];
        var starts = new long[n];
        var ends = new long[n];
        var ids = context.Ids;
        var ticks = context.Log.UtcTicks;
        bool collapse = context.Options.CollapseRepeats;
        for (int j = from; j < to; j++)
        {
            var (start, count) = context.Slices[j];
            int end = start + count;
            int prev = ids[start];
            int prevEvent = start;
            starts[prev]++;
            if (!durations && !collapse)
            {
                // The hot loop: one increment per event.
                for (int k = start + 1; k < end; k++)
                {
                    int cur = ids[k];
                    counts[(prev * n) + cur]++;
                    prev = cur;
                }
            }
            else
            {
                for (int k = start + 1; k < end; k++)
                {
                    int cur = ids[k];
                    if (collapse && cur == prev)
                    {
                        continue;
                    }

                    int e = (prev * n) + cur;
                    counts[e]++;
                    if (durations)
                    {
                        long d = ticks[k] - ticks[prevEvent];
                        sums[e] += d;
                        (histograms[e] ??= new int[LogHistogram.Buckets])[LogHistogram.Bucket(d)]++;
                    }

                    prev = cur;
                    prevEvent = k;
                }
            }

            ends[prev]++;
        }

        var names = Enumerable.Range(0, n).Select(context.NodeName).ToArray();
        return new DirectlyFollowsGraph(names, counts, sums, histograms, starts, ends);
    }

    private static NonLinearitySummary NonLinearityPartition(PathContext context, JourneyMap map, int from, int to)
    {
        var log = context.Log;
        int stages = map.Stages.Count;
        var stageIds = log.StageIds;
        var channelIds = log.ChannelIds;
        var touchpoints = log.TouchpointIds;
        var lastSeen = new int[log.TouchpointNames.Count];
        var back = new long[stages * stages];
        var skip = new long[stages * stages];
        long moves = 0, backtracks = 0, skips = 0, loops = 0, switches = 0, withBack = 0, withSkip = 0, withLoop = 0, withSwitch = 0;
        for (int j = from; j < to; j++)
        {
            var (start, count) = context.Slices[j];
            int stamp = j + 1;
            long b0 = backtracks, s0 = skips, l0 = loops, c0 = switches;
            int prevStage = -1, prevChannel = -1;
            for (int k = start; k < start + count; k++)
            {
                int tp = touchpoints[k];
                if (lastSeen[tp] == stamp)
                {
                    loops++;
                }

                lastSeen[tp] = stamp;
                int stage = stageIds[k];
                if ((uint)stage < (uint)stages)
                {
                    if (prevStage >= 0 && stage != prevStage)
                    {
                        moves++;
                        if (stage < prevStage)
                        {
                            backtracks++;
                            back[(prevStage * stages) + stage]++;
                        }
                        else if (stage > prevStage + 1)
                        {
                            skips++;
                            skip[(prevStage * stages) + stage]++;
                        }
                    }

                    prevStage = stage;
                }

                int channel = channelIds[k];
                if (channel >= 0)
                {
                    if (prevChannel >= 0 && channel != prevChannel)
                    {
                        switches++;
                    }

                    prevChannel = channel;
                }
            }

            withBack += backtracks > b0 ? 1 : 0;
            withSkip += skips > s0 ? 1 : 0;
            withLoop += loops > l0 ? 1 : 0;
            withSwitch += switches > c0 ? 1 : 0;
        }

        return new NonLinearitySummary(to - from, moves, backtracks, skips, loops, switches, withBack, withSkip, withLoop, withSwitch,
            Routes(back, map), Routes(skip, map));
    }

    private static Dictionary<(string, string), long> Routes(long[] matrix, JourneyMap map)
    {
        int s = map.Stages.Count;
        var routes = new Dictionary<(string, string), long>();
        for (int i = 0; i < matrix.Length; i++)
        {
            if (matrix[i] > 0)
            {
                routes[(map.Stages[i / s].Id, map.Stages[i % s].Id)] = matrix[i];
            }
        }

        return routes;
    }

    private static ConformanceResult ConformancePartition(PathContext context, JourneyMap map, int from, int to)
    {
        int stages = map.Stages.Count;
        var table = Enumerable.Range(0, stages).Select(_ => new long[5]).ToArray();
        var stageIds = context.Log.StageIds;
        var seq = new List<int>();
        var seen = new bool[stages];
        long journeys = 0, conforming = 0;
        double fitnessSum = 0;
        for (int j = from; j < to; j++)
        {
            var (start, count) = context.Slices[j];
            StageSequence(stageIds.Slice(start, count), stages, seq);
            if (seq.Count == 0)
            {
                continue;
            }

            journeys++;
            double fitness = FitnessOf(seq);
            fitnessSum += fitness;
            conforming += fitness == 1 ? 1 : 0;
            Array.Clear(seen);
            int max = -1;
            foreach (int s in seq)
            {
                seen[s] = true;
                max = Math.Max(max, s);
            }

            for (int s = 0; s < stages; s++)
            {
                if (seen[s])
                {
                    table[s][0]++;
                }
                else if (max > s)
                {
                    table[s][2]++;
                }
            }

            // Completed: a later stage occurs after the first entry; backtracked: a move from s to an earlier stage.
            var completed = new HashSet<int>();
            var backtracked = new HashSet<int>();
            int laterMax = -1;
            for (int i = seq.Count - 1; i >= 0; i--)
            {
                if (laterMax > seq[i])
                {
                    completed.Add(seq[i]);
                }

                laterMax = Math.Max(laterMax, seq[i]);
                if (i + 1 < seq.Count && seq[i + 1] < seq[i])
                {
                    backtracked.Add(seq[i]);
                }
            }

            foreach (int s in completed)
            {
                table[s][1]++;
            }

            foreach (int s in backtracked)
            {
                table[s][3]++;
            }

            if (seq[^1] != stages - 1)
            {
                table[seq[^1]][4]++;
            }
        }

        return new ConformanceResult(journeys, fitnessSum, conforming, table, map.Stages.Select(s => s.Id).ToList());
    }

    // The journey's known map stages with immediate repeats collapsed.
    private static List<int> StageSequence(ReadOnlySpan<int> stageIds, int stages, List<int> seq)
    {
        seq.Clear();
        foreach (int s in stageIds)
        {
            if ((uint)s < (uint)stages && (seq.Count == 0 || seq[^1] != s))
            {
                seq.Add(s);
            }
        }

        return seq;
    }

    private static double FitnessOf(List<int> seq)
    {
        int conforming = seq[0] == 0 ? 1 : 0;
        for (int i = 1; i < seq.Count; i++)
        {
            conforming += seq[i] == seq[i - 1] + 1 ? 1 : 0;
        }

        return (double)conforming / seq.Count;
    }

    /// <summary>Variant keys over dense step ids (no allocation for repeated paths) and, per journey, its variant, duration and conversion.</summary>
    private sealed class VariantAccumulator
    {
        public const int Truncated = -2;

        private readonly Dictionary<int[], int> _index = new(IntSequenceComparer.Instance);

        public List<int[]> Keys { get; } = [];

        public int Journeys { get; private set; }

        public int[] VariantOf { get; private set; } = [];

        public long[] Duration { get; private set; } = [];

        public bool[] Converted { get; private set; } = [];

        public static VariantAccumulator Collect(PathContext context, int from, int to)
        {
            var acc = new VariantAccumulator { Journeys = to - from };
            acc._index.EnsureCapacity(Math.Min(acc.Journeys, 1 << 16));
            acc.VariantOf = new int[acc.Journeys];
            acc.Duration = new long[acc.Journeys];
            acc.Converted = new bool[acc.Journeys];
            var lookup = acc._index.GetAlternateLookup<ReadOnlySpan<int>>();
            int max = context.Options.MaxVariantLength;
            var buffer = new int[max + 1];
            var ids = context.Ids;
            var ticks = context.Log.UtcTicks;
            var outcomes = context.Log.Outcomes;
            bool collapse = context.Options.CollapseRepeats;
            for (int j = from; j < to; j++)
            {
                var (start, count) = context.Slices[j];
                int length = 0;
                bool truncated = false;
                for (int k = start; k < start + count; k++)
                {
                    int node = ids[k];
                    if (collapse && length > 0 && buffer[length - 1] == node)
                    {
                        continue;
                    }

                    if (length == max)
                    {
                        truncated = true;
                        break;
                    }

                    buffer[length++] = node;
                }

                if (truncated)
                {
                    buffer[length++] = Truncated;
                }

                var key = buffer.AsSpan(0, length);
                if (!lookup.TryGetValue(key, out int v))
                {
                    v = acc.Add(key.ToArray());
                }

                acc.VariantOf[j - from] = v;
                acc.Duration[j - from] = ticks[start + count - 1] - ticks[start];
                acc.Converted[j - from] = outcomes.Slice(start, count).Contains(EventOutcome.Conversion);
            }

            return acc;
        }

        public static VariantAccumulator Merge(VariantAccumulator a, VariantAccumulator b)
        {
            var remap = new int[b.Keys.Count];
            for (int v = 0; v < remap.Length; v++)
            {
                remap[v] = a._index.TryGetValue(b.Keys[v], out int target) ? target : a.Add(b.Keys[v]);
            }

            var merged = new VariantAccumulator { Journeys = a.Journeys + b.Journeys };
            merged._index.EnsureCapacity(a.Keys.Count);
            foreach (var key in a.Keys)
            {
                merged.Add(key);
            }

            merged.VariantOf = [.. a.VariantOf, .. b.VariantOf.Select(v => remap[v])];
            merged.Duration = [.. a.Duration, .. b.Duration];
            merged.Converted = [.. a.Converted, .. b.Converted];
            return merged;
        }

        private int Add(int[] key)
        {
            int v = Keys.Count;
            _index.Add(key, v);
            Keys.Add(key);
            return v;
        }
    }

    /// <summary>A variant's steps as names, read from its key without copying strings.</summary>
    internal sealed class StepList(int[] key, string[] names) : IReadOnlyList<string>
    {
        private readonly int _count = key.Length > 0 && key[^1] == VariantAccumulator.Truncated ? key.Length - 1 : key.Length;

        public int Count => _count;

        public string this[int index] => (uint)index < (uint)_count ? names[key[index]] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < _count; i++)
            {
                yield return names[key[i]];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        // Steps compared by the ordinal rank of their names, then shorter first; the truncation marker sorts first.
        public static int Compare(int[] x, int[] y, int[] rank)
        {
            int n = Math.Min(x.Length, y.Length);
            for (int i = 0; i < n; i++)
            {
                if (x[i] != y[i])
                {
                    return x[i] < 0 ? -1 : y[i] < 0 ? 1 : rank[x[i]].CompareTo(rank[y[i]]);
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
