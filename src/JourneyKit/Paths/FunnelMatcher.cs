using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>Matches journeys against a funnel definition.</summary>
internal sealed class FunnelMatcher
{
    private readonly EventLog _log;
    private readonly FunnelDefinition _funnel;
    private readonly Func<int, bool>[] _steps;
    private readonly Func<int, bool>[] _exclusions;
    private readonly long[] _windows;
    private readonly long _globalWindow;
    private readonly bool _greedy;

    // Journeys longer than this many events are matched through jump tables (see BuildJumps).
    private const int JumpTableThreshold = 32;

    public FunnelMatcher(EventLog log, FunnelDefinition funnel)
    {
        _log = log;
        _funnel = funnel;
        _steps = funnel.Steps.Select(Compile).ToArray();
        _exclusions = funnel.Exclusions.Select(Compile).ToArray();
        _windows = funnel.Steps.Select(s => s.Window?.Ticks ?? long.MaxValue).ToArray();
        _globalWindow = funnel.ConversionWindow?.Ticks ?? long.MaxValue;

        // Without windows or exclusions, a closed relaxed funnel is matched best from the first entry: later starts cannot
        // go further. (An exclusion can end the first entry's progress early while a later entry, after it, goes on.)
        _greedy = funnel.Order == FunnelOrder.Relaxed && !funnel.IsOpen && funnel.ConversionWindow is null &&
                  funnel.Steps.All(s => s.Window is null) && funnel.Exclusions.Count == 0;
    }

    public FunnelResult Run(PathContext context, int from, int to) => Run(context, from, to, null);

    /// <summary>Matches journeys [from, to); when <paramref name="audience"/> is given, also records who reached which steps and when.</summary>
    public FunnelResult Run(PathContext context, int from, int to, List<(int Customer, int FirstStep, int LastStep, long ReachedAtTicks)>? audience)
    {
        int k = _steps.Length;
        var entered = new long[k];
        var converted = new long[k];
        var times = Enumerable.Range(0, k).Select(_ => new List<long>()).ToArray();
        var durations = new long[k];
        var bestDurations = new long[k];
        int[] jumps = [];
        for (int j = from; j < to; j++)
        {
            var (start, count) = context.Slices[j];
            int end = start + count;
            int bestStart = -1, bestEnd = -1, bestEntry = -1;
            if (_funnel.Order == FunnelOrder.AnyOrder)
            {
                int depth = AnyOrder(start, end, bestDurations);
                if (depth > 0)
                {
                    (bestStart, bestEnd) = (0, depth - 1);
                    bestEntry = audience is null ? -1 : FirstOfAnyStep(start, end);
                }
            }
            else
            {
                // Short journeys (almost all) walk event by event; long ones use jump tables, which bound the work by
                // O(k · n) where the walk from every entry would be O(n²). Both give the same answer (property-tested).
                bool jump = count > JumpTableThreshold;
                int stride = count + 1;
                if (jump)
                {
                    BuildJumps(start, end, ref jumps);
                }

                for (int e = start; e < end; e++)
                {
                    for (int s = 0; s < (_funnel.IsOpen ? k : 1); s++)
                    {
                        if (jump ? jumps[(s * stride) + (e - start)] != e : !_steps[s](e))
                        {
                            continue;
                        }

                        int reached = jump ? Ordered(e, s, start, end, durations, jumps) : Walk(e, s, end, durations);
                        if (bestStart < 0 || reached - s > bestEnd - bestStart || (reached - s == bestEnd - bestStart && s < bestStart))
                        {
                            (bestStart, bestEnd, bestEntry) = (s, reached, e);
                            Array.Copy(durations, bestDurations, k);
                        }
                    }

                    if (_greedy && bestStart >= 0)
                    {
                        break;
                    }
                }
            }

            if (bestStart < 0)
            {
                continue;
            }

            for (int s = bestStart; s <= bestEnd; s++)
            {
                entered[s]++;
                if (s < bestEnd)
                {
                    converted[s]++;
                    times[s].Add(bestDurations[s]);
                }
            }

            if (bestEnd == k - 1)
            {
                converted[k - 1]++;
            }

            if (audience is not null)
            {
                // The last step was reached at the entry time plus the step-to-step times of the best progress.
                long at = _log.UtcTicks[bestEntry];
                for (int s = bestStart; s < bestEnd; s++)
                {
                    at += bestDurations[_funnel.Order == FunnelOrder.AnyOrder ? s - bestStart : s];
                }

                audience.Add((_log.CustomerOf(start), bestStart, bestEnd, at));
            }
        }

        return new FunnelResult(to - from, [.. _funnel.Steps.Select(s => s.Name)], entered, converted,
            [.. times.Select(t => new DurationSummary([.. t]))]);
    }

    // Progress through the ordered steps from an entry at event 'first' on step 'step', event by event; returns the last
    // step reached. Stops at an exclusion, (strict) at an event of neither the current nor the next step, or when the
    // next step's match lies outside its window.
    private int Walk(int first, int step, int end, long[] durations)
    {
        int current = step;
        int last = first;
        bool strict = _funnel.Order == FunnelOrder.Strict;
        for (int e = first + 1; e < end && current < _steps.Length - 1; e++)
        {
            if (Excluded(e))
            {
                break;
            }

            int next = current + 1;
            if (_steps[next](e))
            {
                if (!TryAdvance(first, e, ref current, ref last, durations))
                {
                    break;
                }
            }
            else if (strict && !_steps[current](e))
            {
                break;
            }
        }

        return current;
    }

    // Jump tables for one journey [start, end), each of stride end − start + 1 with 'end' as "none":
    //   block s (0 ≤ s < k):          the first event at or after i that matches step s;
    //   block k:                      the first excluded event at or after i;
    //   block k + 1 + c (c < k − 1):  the first event at or after i that matches neither step c nor step c + 1 (strict order).
    // Every predicate is evaluated once per event, and a walk from an entry costs O(k): matching is O(k · n) per journey
    // instead of O(n²) for a customer with many entries that never convert (a bot, an "anonymous" id).
    private void BuildJumps(int start, int end, ref int[] jumps)
    {
        int k = _steps.Length;
        int stride = end - start + 1;
        int blocks = (2 * k) + 1;
        if (jumps.Length < blocks * stride)
        {
            jumps = new int[Math.Max(blocks * stride, jumps.Length * 2)];
        }

        int excluded = k * stride;
        for (int b = 0; b <= k; b++)
        {
            jumps[(b * stride) + stride - 1] = end;
        }

        for (int c = 0; c < k - 1; c++)
        {
            jumps[((k + 1 + c) * stride) + stride - 1] = end;
        }

        for (int e = end - 1; e >= start; e--)
        {
            int i = e - start;
            for (int s = 0; s < k; s++)
            {
                jumps[(s * stride) + i] = _steps[s](e) ? e : jumps[(s * stride) + i + 1];
            }

            jumps[excluded + i] = Excluded(e) ? e : jumps[excluded + i + 1];
            for (int c = 0; c < k - 1; c++)
            {
                bool either = jumps[(c * stride) + i] == e || jumps[((c + 1) * stride) + i] == e;
                int block = (k + 1 + c) * stride;
                jumps[block + i] = either ? jumps[block + i + 1] : e;
            }
        }
    }

    // Progress through the ordered steps from an entry at event 'first' on step 'step'; returns the last step reached.
    // The same walk as event by event — stop at an exclusion, (strict) at an event of neither the current nor the next
    // step, or when the next step's first match lies outside its window — done with the jump tables.
    private int Ordered(int first, int step, int start, int end, long[] durations, int[] jumps)
    {
        int k = _steps.Length;
        int stride = end - start + 1;
        int current = step;
        int last = first;
        bool strict = _funnel.Order == FunnelOrder.Strict;
        while (current < k - 1 && last + 1 < end)
        {
            int i = last + 1 - start;
            int next = current + 1;
            int match = jumps[(next * stride) + i];
            if (match >= end || jumps[(k * stride) + i] <= match || (strict && jumps[((k + 1 + current) * stride) + i] < match))
            {
                break;
            }

            if (!TryAdvance(first, match, ref current, ref last, durations))
            {
                break;
            }
        }

        return current;
    }

    // Distinct steps in any order from the first event matching any step; returns how many were reached.
    private int AnyOrder(int start, int end, long[] durations)
    {
        var ticks = _log.UtcTicks;
        var done = new bool[_steps.Length];
        int depth = 0;
        long firstTicks = 0, lastTicks = 0;
        for (int e = start; e < end && depth < _steps.Length; e++)
        {
            if (depth > 0 && Excluded(e))
            {
                break;
            }

            for (int s = 0; s < _steps.Length; s++)
            {
                if (done[s] || !_steps[s](e))
                {
                    continue;
                }

                if (depth == 0)
                {
                    firstTicks = ticks[e];
                }
                else
                {
                    if (ticks[e] - firstTicks > _globalWindow)
                    {
                        return depth;
                    }

                    durations[depth - 1] = ticks[e] - lastTicks;
                }

                done[s] = true;
                lastTicks = ticks[e];
                depth++;
                break;
            }
        }

        return depth;
    }

    // Moves from the current step to the next at event 'match' when it lies within the step window and the conversion
    // window; false otherwise (time only grows, so no later match can be inside the windows either).
    private bool TryAdvance(int first, int match, ref int current, ref int last, long[] durations)
    {
        var ticks = _log.UtcTicks;
        long sincePrevious = ticks[match] - ticks[last];
        if (sincePrevious > _windows[current + 1] || ticks[match] - ticks[first] > _globalWindow)
        {
            return false;
        }

        durations[current] = sincePrevious;
        current++;
        last = match;
        return true;
    }

    private int FirstOfAnyStep(int start, int end)
    {
        for (int e = start; e < end; e++)
        {
            foreach (var step in _steps)
            {
                if (step(e))
                {
                    return e;
                }
            }
        }

        return start;
    }

    private bool Excluded(int e)
    {
        foreach (var exclusion in _exclusions)
        {
            if (exclusion(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses a label that neither the log's events nor its map have, naming the closest labels.</summary>
    /// <exception cref="ArgumentException">The label is unknown.</exception>
    internal static void CheckKnown(EventLog log, PathLevel level, string label, IReadOnlyList<string> names, string who, string paramName, string remedy = "")
    {
        if (log.Map is { } map && level switch
            {
                PathLevel.Touchpoint => map.FindTouchpoint(label) is not null,
                PathLevel.Stage => map.FindStage(label) is not null,
                _ => map.FindChannel(label) is not null,
            })
        {
            return;
        }

        string what = level.ToString().ToLowerInvariant();
        throw new ArgumentException($"{who} names {what} '{Guard.Clip(label)}', which no event of the log{(log.Map is null ? "" : " and no element of its map")} has; {Closest.Describe(label, [.. names], what)}{remedy}.", paramName);
    }

    private Func<int, bool> Compile(FunnelStep step)
    {
        if (step.Predicate is { } predicate)
        {
            var log = _log;
            return e => predicate(log, e);
        }

        var (ids, names) = LevelColumns.At(_log, step.Level!.Value);
        int id = -1;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == step.Id)
            {
                id = i;
                break;
            }
        }

        if (id < 0 && !_funnel.AllowUnknownSteps)
        {
            // A step no event can reach would count 0 silently — a misspelling (white-paper for white_paper) looks like a
            // funnel nobody enters. A label the log's map has (but no event yet) is a real 0.
            CheckKnown(_log, step.Level!.Value, step.Id!, names, $"Funnel step '{Guard.Clip(step.Name)}'", "funnel", "; or set FunnelDefinition.AllowUnknownSteps");
        }

        return id < 0 ? static _ => false : e => ids[e] == id;
    }
}

/// <summary>Builds flow (Sankey) data.</summary>
internal static class FlowBuilder
{
    public static FlowGraph Build(PathContext context, int anchorNode, string anchorName, FlowDirection direction, int depth, int topK)
    {
        string terminal = direction == FlowDirection.Forward ? "(end)" : "(start)";
        var paths = new List<string[]>();
        var buffer = new int[context.Log.EventCount > 0 ? context.Slices.Max(s => s.Count) : 0];
        var indexes = new int[buffer.Length];
        foreach (var (start, count) in context.Slices)
        {
            int n = context.Steps(start, count, buffer, indexes);
            var steps = buffer.AsSpan(0, n);
            int at = direction == FlowDirection.Forward ? steps.IndexOf(anchorNode) : steps.LastIndexOf(anchorNode);
            if (at < 0)
            {
                continue;
            }

            var path = new string[depth + 1];
            path[0] = anchorName;
            for (int level = 1; level <= depth; level++)
            {
                int i = direction == FlowDirection.Forward ? at + level : at - level;
                if (i < 0 || i >= n)
                {
                    path[level] = terminal;
                    Array.Resize(ref path, level + 1);
                    break;
                }

                path[level] = context.NodeName(steps[i]);
            }

            paths.Add(path);
        }

        // Top-k per level; the terminal marker is always kept.
        var keep = new HashSet<string>[depth + 1];
        for (int level = 0; level <= depth; level++)
        {
            keep[level] = paths.Where(p => p.Length > level && p[level] != terminal)
                .GroupBy(p => p[level], StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(topK)
                .Select(g => g.Key)
                .Append(terminal)
                .ToHashSet(StringComparer.Ordinal);
        }

        string Bucket(int level, string name) => keep[level].Contains(name) ? name : "(other)";

        var nodes = paths.SelectMany(p => p.Select((name, level) => (level, Name: Bucket(level, name))))
            .GroupBy(x => x)
            .Select(g => new FlowNode(g.Key.level, g.Key.Name, g.Count()))
            .OrderBy(n => n.Level).ThenByDescending(n => n.Count).ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        var links = paths.SelectMany(p => Enumerable.Range(0, p.Length - 1).Select(level => (level, From: Bucket(level, p[level]), To: Bucket(level + 1, p[level + 1]))))
            .GroupBy(x => x)
            .Select(g => new FlowLink(g.Key.level, g.Key.From, g.Key.To, g.Count()))
            .OrderBy(l => l.Level).ThenByDescending(l => l.Count).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal)
            .ToList();
        return new FlowGraph(anchorName, direction, nodes.AsReadOnly(), links.AsReadOnly());
    }
}
