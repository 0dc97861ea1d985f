using System.Runtime.InteropServices;
using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>
/// Evaluates rules over history: each customer's journey as of a moment, as if it were now. Episodes due at or before
/// the moment have fired; later ones are pending (right-censored). Gives the same firings as a
/// <see cref="JourneyMonitor"/> fed the same events and advanced to the same moment. Thread-safe.
/// </summary>
/// <example><code>
/// JourneyRule rule = JourneyRule.Named("cart-abandoned").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(24));
/// RuleEvaluation result = new RuleEngine([rule]).Evaluate(log, asOf);
/// Console.WriteLine(result["cart-abandoned"]);   // fired, pending, recovered anyway
/// </code></example>
public sealed class RuleEngine
{
    private const int ChunkCustomers = 1 << 16;
    private readonly ResolvedRules? _resolved;

    /// <summary>Creates an engine.</summary>
    /// <param name="rules">The rules, with unique names.</param>
    /// <param name="map">
    /// The journey map the rules are checked against (every touchpoint, stage and channel they mention must be in it) and
    /// that gives stall rules without a window their stage's expected dwell time; <see langword="null"/> to take the
    /// log's map at evaluation.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound or do not fit <paramref name="map"/>; every error is listed.</exception>
    public RuleEngine(IEnumerable<JourneyRule> rules, JourneyMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        JourneyRule[] list = rules.ToArray();
        Map = map;
        if (map is null && list.Any(r => r is { Kind: RuleKind.Stall, Within: null }))
        {
            var errors = ResolvedRules.Validate(list, null, mapMayComeLater: true);
            if (errors.Count > 0)
            {
                throw new RuleValidationException(errors);
            }

            Rules = list;
        }
        else
        {
            _resolved = ResolvedRules.Resolve(list, map, nameof(rules));
            Rules = _resolved.Rules;
        }
    }

    /// <summary>Gets the rules, in the order given.</summary>
    public IReadOnlyList<JourneyRule> Rules { get; }

    /// <summary>Gets the map given at construction, or <see langword="null"/>.</summary>
    public JourneyMap? Map { get; }

    /// <summary>Gets the most threads one evaluation uses.</summary>
    /// <value>Default: <see cref="Environment.ProcessorCount"/>. Range: ≥ 1.</value>
    public int MaxDegreeOfParallelism
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = Environment.ProcessorCount;

    /// <summary>Evaluates the rules over a log as of a moment.</summary>
    /// <param name="log">The events.</param>
    /// <param name="asOf">The moment: events after it are not seen; episodes due at or before it have fired.</param>
    /// <returns>The firings, pending episodes and per-rule summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="RuleValidationException">A stall rule needs a map's dwell time and neither the engine nor the log has a map, or the rules do not fit the log's map.</exception>
    public RuleEvaluation Evaluate(EventLog log, DateTimeOffset asOf) => Evaluate(log, asOf, CancellationToken.None);

    /// <summary>Evaluates the rules over a log as of a moment.</summary>
    /// <param name="log">The events.</param>
    /// <param name="asOf">The moment: events after it are not seen; episodes due at or before it have fired.</param>
    /// <param name="cancellationToken">Cancels the evaluation (checked between chunks of customers).</param>
    /// <returns>The firings, pending episodes and per-rule summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="RuleValidationException">A stall rule needs a map's dwell time and neither the engine nor the log has a map, or the rules do not fit the log's map.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RuleEvaluation Evaluate(EventLog log, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ResolvedRules resolved = _resolved ?? ResolvedRules.Resolve(Rules, log.Map, nameof(log));
        var matcher = new RuleMatcher(resolved.Rules, (kind, label) => kind switch
        {
            ConditionKind.Touchpoint => log.FindTouchpoint(label),
            ConditionKind.Stage => log.FindStage(label),
            _ => log.FindChannel(label),
        }, log.TouchpointNames.Count);

        long asOfTicks = asOf.UtcTicks;
        int chunks = Math.Max(1, (log.CustomerCount + ChunkCustomers - 1) / ChunkCustomers);
        var parts = new Partial[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken }, chunk =>
        {
            int from = chunk * ChunkCustomers;
            int to = Math.Min(log.CustomerCount, from + ChunkCustomers);
            parts[chunk] = Run(log, resolved.Specs, matcher, from, to, asOfTicks);
        });

        return Finish(log, resolved, parts, asOf);
    }

    private static Partial Run(EventLog log, RuleSpec[] specs, RuleMatcher matcher, int from, int to, long asOf)
    {
        int rules = specs.Length;
        var sink = new BatchSink(rules, specs);
        var slots = new EpisodeSlot[rules];
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        ReadOnlySpan<long> ticks = log.UtcTicks;
        ReadOnlySpan<int> touchpoints = log.TouchpointIds;
        ReadOnlySpan<int> channels = log.ChannelIds;
        ReadOnlySpan<int> stages = log.StageIds;
        ReadOnlySpan<EventOutcome> outcomes = log.Outcomes;
        ReadOnlySpan<double> values = log.Values;
        ReadOnlySpan<double> feedback = log.Feedback;
        bool stall = matcher.HasStallRules;
        int words = matcher.Words;
        for (int c = from; c < to; c++)
        {
            Array.Clear(slots);
            sink.BeginCustomer(c);
            int lastStage = -1;
            for (int k = offsets[c]; k < offsets[c + 1]; k++)
            {
                long t = ticks[k];
                if (t > asOf)
                {
                    break;
                }

                int tp = touchpoints[k];
                for (int w = 0; w < words; w++)
                {
                    ulong candidates = matcher.Candidates(tp, w);
                    while (candidates != 0)
                    {
                        int r = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(candidates);
                        candidates &= candidates - 1;
                        matcher.Decide(r, tp, channels[k], stages[k], outcomes[k], values.IsEmpty ? double.NaN : values[k],
                            feedback.IsEmpty ? double.NaN : feedback[k], lastStage, out bool isX, out bool isY);
                        if (isX || isY)
                        {
                            EpisodeMachine.OnEvent(ref slots[r], specs[r], r, t, isX, isY, ref sink);
                        }
                    }
                }

                if (stall && stages[k] >= 0)
                {
                    lastStage = stages[k];
                }
            }

            for (int r = 0; r < rules; r++)
            {
                if (slots[r].Open && EpisodeMachine.Advance(ref slots[r], specs[r], r, asOf, ref sink))
                {
                    sink.Pending.Add(new RawFiring(c, r, slots[r].Start, slots[r].Start + specs[r].WithinTicks, slots[r].Start + specs[r].WithinTicks));
                }
            }
        }

        return new Partial(sink.Fired, sink.Pending, sink.Suppressed, sink.FiredCustomers);
    }

    private static RuleEvaluation Finish(EventLog log, ResolvedRules resolved, Partial[] parts, DateTimeOffset asOf)
    {
        int rules = resolved.Rules.Length;
        var fired = new List<RawFiring>(parts.Sum(p => p.Fired.Count));
        var pending = new List<RawFiring>(parts.Sum(p => p.Pending.Count));
        var counts = new int[rules, 5]; // fired, customers, pending, suppressed, recovered
        foreach (Partial p in parts)
        {
            fired.AddRange(p.Fired);
            pending.AddRange(p.Pending);
            for (int r = 0; r < rules; r++)
            {
                counts[r, 1] += p.FiredCustomers[r];
                counts[r, 3] += p.Suppressed[r];
            }
        }

        IReadOnlyList<string> customers = log.CustomerIds;
        var order = new FiringOrder(customers);
        Span<RawFiring> firedSpan = CollectionsMarshal.AsSpan(fired);
        Span<RawFiring> pendingSpan = CollectionsMarshal.AsSpan(pending);
        firedSpan.Sort(order);
        pendingSpan.Sort(order);

        var firings = new RuleFiring[firedSpan.Length];
        var recovered = new List<RuleFiring>();
        for (int i = 0; i < firedSpan.Length; i++)
        {
            ref RawFiring f = ref firedSpan[i];
            firings[i] = f.ToFiring(resolved.Rules, customers);
            counts[f.Rule, 0]++;
            if (f.Recovered)
            {
                counts[f.Rule, 4]++;
                recovered.Add(firings[i]);
            }
        }

        var open = new RuleFiring[pendingSpan.Length];
        for (int i = 0; i < pendingSpan.Length; i++)
        {
            open[i] = pendingSpan[i].ToFiring(resolved.Rules, customers);
            counts[pendingSpan[i].Rule, 2]++;
        }

        var summaries = new RuleSummary[rules];
        for (int r = 0; r < rules; r++)
        {
            JourneyRule rule = resolved.Rules[r];
            summaries[r] = new RuleSummary(rule.Name, rule.Kind, counts[r, 0], counts[r, 1], counts[r, 2], counts[r, 3], counts[r, 4]);
        }

        return new RuleEvaluation(asOf, firings, open, [.. recovered], summaries);
    }

    private sealed record Partial(List<RawFiring> Fired, List<RawFiring> Pending, int[] Suppressed, int[] FiredCustomers);

    private sealed class FiringOrder(IReadOnlyList<string> customers) : IComparer<RawFiring>
    {
        public int Compare(RawFiring x, RawFiring y)
        {
            int c = x.FiredAt.CompareTo(y.FiredAt);
            if (c != 0)
            {
                return c;
            }

            c = x.Rule.CompareTo(y.Rule);
            if (c != 0)
            {
                return c;
            }

            c = x.Customer == y.Customer ? 0 : string.CompareOrdinal(customers[x.Customer], customers[y.Customer]);
            return c != 0 ? c : x.Start.CompareTo(y.Start);
        }
    }

    private struct BatchSink(int rules, RuleSpec[] specs) : IEpisodeSink
    {
        private int _customer;
        private int _customerFrom;

        public readonly List<RawFiring> Fired { get; } = [];

        public readonly List<RawFiring> Pending { get; } = [];

        public readonly int[] Suppressed { get; } = new int[rules];

        public readonly int[] FiredCustomers { get; } = new int[rules];

        public void BeginCustomer(int customer)
        {
            _customer = customer;
            _customerFrom = Fired.Count;
        }

        public readonly void Fire(int rule, long start, long due, long firedAt)
        {
            bool first = true;
            for (int i = _customerFrom; i < Fired.Count && first; i++)
            {
                first = Fired[i].Rule != rule;
            }

            if (first)
            {
                FiredCustomers[rule]++;
            }

            Fired.Add(new RawFiring(_customer, rule, start, due, firedAt));
        }

        public readonly void Suppress(int rule) => Suppressed[rule]++;

        public readonly void Opened(int rule, long start)
        {
        }

        public readonly void FollowedUp(int rule, long at)
        {
            if (!specs[rule].FiresWhenDue)
            {
                return;
            }

            Span<RawFiring> mine = CollectionsMarshal.AsSpan(Fired)[_customerFrom..];
            for (int i = mine.Length - 1; i >= 0; i--)
            {
                if (mine[i].Rule == rule && mine[i].FiredAt < at)
                {
                    if (mine[i].Recovered)
                    {
                        break; // everything before it was recovered by an earlier Y
                    }

                    mine[i].Recovered = true;
                }
            }
        }
    }
}
