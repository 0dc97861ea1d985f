using JourneyKit.Events;

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

    /// <summary>Gets every distinct path (or the <paramref name="top"/> most frequent) with its count, share, conversion rate and median duration, most frequent first.</summary>
    /// <param name="log">The log.</param>
    /// <param name="top">How many variants to keep; all by default. Range: ≥ 1.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The variants, most frequent first (ties ordered by steps, ordinal); shares are of all analysed journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<PathVariant> Variants(EventLog log, int top = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var context = Context(log, cancellationToken);
        var acc = context.Run((from, to) => VariantKernel.Accumulator.Collect(context, from, to), VariantKernel.Accumulator.Merge);
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

        var keys = acc.Keys;
        int Ranking(int x, int y)
        {
            int byCount = (offsets[y + 1] - offsets[y]).CompareTo(offsets[x + 1] - offsets[x]);
            return byCount != 0 ? byCount : VariantKernel.StepList.Compare(keys[x], keys[y], rank);
        }

        int take = Math.Min(top, variantCount);
        int[] order = TopVariants(variantCount, take, offsets, Ranking, cancellationToken);
        var result = new PathVariant[take];
        for (int i = 0; i < take; i++)
        {
            int v = order[i];
            var segment = durations.AsMemory(offsets[v], offsets[v + 1] - offsets[v]);
            segment.Span.Sort();
            result[i] = new PathVariant(new VariantKernel.StepList(keys[v], nodeNames), keys[v].Length > 0 && keys[v][^1] == VariantKernel.Accumulator.Truncated,
                segment.Length, conversions[v], segment, acc.Journeys);
        }

        return result.AsReadOnly();
    }

    // The first 'take' variants in ranking order. All of them: one sort. Fewer (top-k, and most journeys of a real log
    // are variants of their own): a bounded heap whose root is the worst kept, so each other variant costs one count
    // comparison — a full sort of 500k variants through the comparison took 29 % of the analysis.
    private static int[] TopVariants(int variantCount, int take, int[] offsets, Comparison<int> ranking, CancellationToken cancellationToken)
    {
        if (take == variantCount)
        {
            var all = Enumerable.Range(0, variantCount).ToArray();
            Array.Sort(all, ranking);
            return all;
        }

        var kept = new PriorityQueue<int, int>(take, Comparer<int>.Create((x, y) => ranking(y, x)));
        for (int v = 0; v < variantCount; v++)
        {
            if ((v & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (kept.Count < take)
            {
                kept.Enqueue(v, v);
                continue;
            }

            int worst = kept.Peek();
            int count = offsets[v + 1] - offsets[v], worstCount = offsets[worst + 1] - offsets[worst];
            if (count > worstCount || (count == worstCount && ranking(v, worst) < 0))
            {
                kept.DequeueEnqueue(v, v);
            }
        }

        var order = new int[kept.Count];
        for (int i = order.Length - 1; i >= 0; i--)
        {
            order[i] = kept.Dequeue(); // worst first out
        }

        return order;
    }

    /// <summary>Builds the directly-follows graph: edge counts, start and end counts and edge durations.</summary>
    /// <param name="log">The log.</param>
    /// <param name="includeDurations">Whether to measure edge durations (mean, median, p90); frequencies alone are about three times faster.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The graph. Edge counts sum to events − journeys (without collapsing); start and end counts each sum to the journeys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DirectlyFollowsGraph DirectlyFollows(EventLog log, bool includeDurations = true, CancellationToken cancellationToken = default)
    {
        var context = Context(log, cancellationToken);
        return context.Run((from, to) => DirectlyFollowsKernel.Run(context, from, to, includeDurations), DirectlyFollowsGraph.Merge);
    }

    /// <summary>Gets the distribution of journey durations (first to last event; one-event journeys count as zero).</summary>
    /// <param name="log">The log.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The summary; empty (count 0, zero durations) when no journey is analysed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DurationSummary JourneyDurations(EventLog log, CancellationToken cancellationToken = default)
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
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The summary; empty when no journey converted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DurationSummary TimeToConvert(EventLog log, CancellationToken cancellationToken = default)
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
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The summary; empty when no journey converted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public LengthSummary PathLengthToConversion(EventLog log, CancellationToken cancellationToken = default)
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
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map, so stages have no designed order.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public NonLinearitySummary NonLinearity(EventLog log, CancellationToken cancellationToken = default)
    {
        var context = Context(log, cancellationToken);
        var map = RequireMap(log, "Backtracks and skips");
        return context.Run((from, to) => NonLinearityKernel.Run(context, map, from, to), NonLinearitySummary.Merge);
    }

    /// <summary>Runs a funnel: per step, journeys entered, converted and dropped, conversion rate with a 95 % Wilson interval, and time to the next step.</summary>
    /// <param name="log">The log.</param>
    /// <param name="funnel">The funnel.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A step or exclusion names a touchpoint, stage or channel that neither the log's events nor its map have (the message lists the closest labels).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FunnelResult Funnel(EventLog log, FunnelDefinition funnel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        var context = Context(log, cancellationToken);
        var matcher = new FunnelMatcher(log, funnel);
        return context.Run((from, to) => matcher.Run(context, from, to), FunnelResult.Merge);
    }

    /// <summary>
    /// Says <em>who</em> moved through a funnel: per step, the customers who entered it, went on to the next step, and
    /// dropped there (with the time they reached that step) — lists a marketer can act on, or turn into a filter with
    /// <see cref="JourneyFilter.WithCustomers(IEnumerable{string})"/>. Counts equal those of <see cref="Funnel(EventLog, FunnelDefinition, CancellationToken)"/>.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="funnel">The funnel.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The customers per step, in log order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A step or exclusion names a touchpoint, stage or channel that neither the log's events nor its map have (the message lists the closest labels).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FunnelAudience FunnelAudience(EventLog log, FunnelDefinition funnel, CancellationToken cancellationToken = default)
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
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The flow graph.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> or <paramref name="topK"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The anchor step does not occur at this level of the log.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FlowGraph Flows(EventLog log, string anchor, FlowDirection direction = FlowDirection.Forward, int depth = 3, int topK = 5, CancellationToken cancellationToken = default)
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
    /// <param name="cancellationToken">Cancels the analysis (checked before the run and between chunks of up to 1,048,576 journeys).</param>
    /// <returns>The conformance result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ConformanceResult Conformance(EventLog log, CancellationToken cancellationToken = default)
    {
        var context = Context(log, cancellationToken);
        var map = RequireMap(log, "Conformance");
        return context.Run((from, to) => ConformanceKernel.Run(context, map, from, to), ConformanceResult.Merge);
    }

    /// <summary>Computes the fitness of one journey against the designed path of its log's map (see <see cref="ConformanceResult"/>).</summary>
    /// <param name="journey">The journey.</param>
    /// <returns>The fitness in [0, 1]; NaN when no event has a stage of the map.</returns>
    /// <exception cref="InvalidOperationException">The journey's log has no map.</exception>
    public static double Fitness(CustomerJourney journey)
    {
        int stages = RequireMap(journey.Log, "Fitness").Stages.Count;
        var seq = ConformanceKernel.StageSequence(journey.StageIds, stages, new List<int>());
        return seq.Count == 0 ? double.NaN : ConformanceKernel.FitnessOf(seq);
    }

    private PathContext Context(EventLog log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(log);
        return new PathContext(log, Options, cancellationToken);
    }

    private static JourneyMap RequireMap(EventLog log, string what) =>
        log.Map ?? throw new InvalidOperationException($"{what} need the map's stage order: build the log with new EventLogBuilder(map).");

}
