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
    private readonly RuleSetPlan _plan;

    /// <summary>Creates an engine.</summary>
    /// <param name="rules">The rules, with unique names.</param>
    /// <param name="map">
    /// The journey map the rules are checked against (every touchpoint, stage and channel they mention must be in it) and
    /// that gives stall rules without a window their stage's expected dwell time; <see langword="null"/> for no check,
    /// with stall rules without a window taking the dwell time from the evaluated log's map (an error there when it has
    /// none).
    /// </param>
    /// <param name="options">Limits; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound, do not fit <paramref name="map"/> or exceed <see cref="RuleEngineOptions.MaxConditionParts"/>; every error is listed.</exception>
    public RuleEngine(IEnumerable<JourneyRule> rules, JourneyMap? map = null, RuleEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        JourneyRule[] list = rules.ToArray();
        Options = options ?? new RuleEngineOptions();
        Options.Validate();
        RuleSetPlan.CheckBudget(list, Options.MaxConditionParts, "RuleEngineOptions.MaxConditionParts");
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

        // Compiled once; each evaluation only binds the named labels to the log's ids.
        _plan = new RuleSetPlan(list);
    }

    /// <summary>Gets the limits the engine was created with.</summary>
    public RuleEngineOptions Options { get; }

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
    /// <param name="cancellationToken">Cancels the evaluation (checked between chunks of customers).</param>
    /// <returns>The firings, pending episodes and per-rule summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="RuleValidationException">A stall rule needs a map's dwell time and neither the engine nor the log has a map (or the log's map lacks the stage or its dwell time).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RuleEvaluation Evaluate(EventLog log, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ResolvedRules resolved = _resolved ?? ResolvedRules.Resolve(Rules, log.Map, nameof(log), checkIds: false);
        RuleMatcher matcher = _plan.Bind((kind, label) => kind switch
        {
            ConditionKind.Touchpoint => log.FindTouchpoint(label),
            ConditionKind.Stage => log.FindStage(label),
            _ => log.FindChannel(label),
        });

        long asOfTicks = asOf.UtcTicks;
        int chunks = Math.Max(1, (log.CustomerCount + ChunkCustomers - 1) / ChunkCustomers);
        var parts = new Partial[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken }, chunk =>
        {
            int from = chunk * ChunkCustomers;
            int to = Math.Min(log.CustomerCount, from + ChunkCustomers);
            parts[chunk] = Run(log, resolved, matcher, from, to, asOfTicks);
        });

        return Finish(log, resolved, parts, asOf, Map is null ? UnknownLabels(resolved.Rules, log) : []);
    }

    /// <summary>The labels rules name that neither the log's events nor its map carry: a misspelled rule never fires.</summary>
    private static List<string> UnknownLabels(JourneyRule[] rules, EventLog log)
    {
        var warnings = new List<string>();
        foreach (JourneyRule rule in rules)
        {
            foreach (EventCondition condition in rule.Follow is { } follow ? [rule.Trigger, follow] : new[] { rule.Trigger })
            {
                foreach ((ConditionKind kind, Func<string, int> find, IReadOnlyList<string> names, Func<JourneyMap, string, bool> inMap) in
                         new (ConditionKind, Func<string, int>, IReadOnlyList<string>, Func<JourneyMap, string, bool>)[]
                         {
                             (ConditionKind.Touchpoint, log.FindTouchpoint, log.TouchpointNames, (m, id) => m.FindTouchpoint(id) is not null),
                             (ConditionKind.Stage, log.FindStage, log.StageNames, (m, id) => m.FindStage(id) is not null),
                             (ConditionKind.Channel, log.FindChannel, log.ChannelNames, (m, id) => m.FindChannel(id) is not null),
                         })
                {
                    foreach (string id in condition.Mentioned(kind))
                    {
                        if (find(id) < 0 && (log.Map is not { } map || !inMap(map, id)))
                        {
                            string what = kind.ToString().ToLowerInvariant();
                            warnings.Add($"Rule '{Internal.Guard.Clip(rule.Name)}': {what} '{Internal.Guard.Clip(id)}' is on no event of the log, so the rule cannot act on it; {Internal.Closest.Describe(id, [.. names], what)}.");
                        }
                    }
                }
            }
        }

        return warnings;
    }

    private static Partial Run(EventLog log, ResolvedRules resolved, RuleMatcher matcher, int from, int to, long asOf)
    {
        RuleSpec[] specs = resolved.Specs;
        int rules = specs.Length;
        var sink = new BatchSink(specs, resolved.Rules, log.CustomerIds);
        var store = new ArrayStore(new EpisodeSlot[rules]);
        var pending = new FiringBlocks();
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        ReadOnlySpan<long> ticks = log.UtcTicks;
        ReadOnlySpan<int> touchpoints = log.TouchpointIds;
        ReadOnlySpan<int> channels = log.ChannelIds;
        ReadOnlySpan<int> stages = log.StageIds;
        ReadOnlySpan<EventOutcome> outcomes = log.Outcomes;
        ReadOnlySpan<double> values = log.Values;
        ReadOnlySpan<double> feedback = log.Feedback;
        for (int c = from; c < to; c++)
        {
            Array.Clear(store.Slots);
            sink.BeginCustomer(c);
            int lastStage = -1;
            for (int k = offsets[c]; k < offsets[c + 1]; k++)
            {
                long t = ticks[k];
                if (t > asOf)
                {
                    break;
                }

                int stage = stages[k];
                RuleDispatch.Apply(matcher, specs, t, touchpoints[k], channels[k], stage, outcomes[k], values.IsEmpty ? double.NaN : values[k],
                    feedback.IsEmpty ? double.NaN : feedback[k], lastStage, ref store, ref sink);
                if (stage >= 0)
                {
                    lastStage = stage;
                }
            }

            // Open episodes due by asOf fire now; the rest are pending (in rule order, which for one customer is due order
            // only per rule — so they are sorted like firings).
            for (int r = 0; r < rules; r++)
            {
                ref EpisodeSlot slot = ref store.Slots[r];
                if (slot.Open && EpisodeMachine.Advance(ref slot, specs[r], r, asOf, ref sink))
                {
                    sink.AddPending(new RawFiring(c, r, slot.Start, slot.Start + specs[r].WithinTicks, EpisodeMachine.OpenOrdinal(slot)));
                }
            }

            sink.EndCustomer(pending);
        }

        return new Partial(sink.Fired, pending, sink.Recovered, sink.Suppressed, sink.FiredCustomers, sink.HeldOut);
    }

    private static RuleEvaluation Finish(EventLog log, ResolvedRules resolved, Partial[] parts, DateTimeOffset asOf, List<string> warnings)
    {
        int rules = resolved.Rules.Length;
        var counts = new int[rules, 5]; // fired, customers, pending, suppressed, recovered
        foreach (Partial p in parts)
        {
            for (int r = 0; r < rules; r++)
            {
                counts[r, 0] += p.FiredPerRule(r);
                counts[r, 1] += p.FiredCustomers[r];
                counts[r, 3] += p.Suppressed[r];
            }

            for (int i = 0; i < p.Pending.Count; i++)
            {
                counts[p.Pending[i].Rule, 2]++;
            }

            for (int i = 0; i < p.Recovered.Count; i++)
            {
                counts[p.Recovered[i].Rule, 4]++;
            }
        }

        IReadOnlyList<string> customers = log.CustomerIds;
        var summaries = new RuleSummary[rules];
        for (int r = 0; r < rules; r++)
        {
            JourneyRule rule = resolved.Rules[r];
            summaries[r] = new RuleSummary(rule.Name, rule.Kind, counts[r, 0], counts[r, 1], counts[r, 2], counts[r, 3], counts[r, 4]) { HeldOut = parts.Sum(p => p.HeldOut[r]) };
        }

        return new RuleEvaluation(
            asOf,
            new FiringList([.. parts.Select(p => p.Fired)], resolved.Rules, resolved.Specs, customers),
            new FiringList([.. parts.Select(p => p.Pending)], resolved.Rules, resolved.Specs, customers),
            new FiringList([.. parts.Select(p => p.Recovered)], resolved.Rules, resolved.Specs, customers),
            summaries,
            warnings,
            resolved.Rules,
            [.. resolved.Specs.Select(s => TimeSpan.FromTicks(s.WithinTicks))]);
    }

    private sealed record Partial(FiringBlocks Fired, FiringBlocks Pending, FiringBlocks Recovered, int[] Suppressed, int[] FiredCustomers, int[] HeldOut)
    {
        private int[]? _perRule;

        public int FiredPerRule(int rule)
        {
            if (_perRule is null)
            {
                var counts = new int[Suppressed.Length];
                for (int i = 0; i < Fired.Count; i++)
                {
                    counts[Fired[i].Rule]++;
                }

                _perRule = counts;
            }

            return _perRule[rule];
        }
    }

    private readonly struct ArrayStore(EpisodeSlot[] slots) : ISlotStore
    {
        public EpisodeSlot[] Slots { get; } = slots;

        public EpisodeSlot Load(int rule) => Slots[rule];

        public void Store(int rule, in EpisodeSlot slot) => Slots[rule] = slot;
    }

    /// <summary>
    /// Collects one customer's firings, sorts them when the customer is done, flags the held-out ones (the customer's arm
    /// computed once per rule with a holdout), then appends them to the part's blocks.
    /// </summary>
    private struct BatchSink(RuleSpec[] specs, JourneyRule[] rules, IReadOnlyList<string> customerIds) : IEpisodeSink
    {
        private readonly bool _anyHoldout = rules.Any(r => r.Holdout is not null);
        private readonly sbyte[] _arm = new sbyte[specs.Length]; // per rule for this customer: 0 unknown, 1 held out, −1 not
        private readonly bool[] _firedThisCustomer = new bool[specs.Length];
        private readonly int[] _unrecovered = new int[specs.Length];
        private readonly List<RawFiring> _mine = [];
        private readonly List<RawFiring> _minePending = [];
        private int _customer;

        public readonly FiringBlocks Fired { get; } = new();

        public readonly FiringBlocks Recovered { get; } = new();

        public readonly int[] Suppressed { get; } = new int[specs.Length];

        public readonly int[] FiredCustomers { get; } = new int[specs.Length];

        public readonly int[] HeldOut { get; } = new int[specs.Length];

        public void BeginCustomer(int customer)
        {
            _customer = customer;
            Array.Clear(_firedThisCustomer);
            Array.Clear(_unrecovered);
            Array.Clear(_arm);
        }

        public readonly void AddPending(in RawFiring open) => _minePending.Add(open);

        /// <summary>Puts the customer's firings in order (the machine reports a lapsed episode only at the customer's next event for that rule) and stores them.</summary>
        public readonly void EndCustomer(FiringBlocks pending)
        {
            Span<RawFiring> mine = CollectionsMarshal.AsSpan(_mine);
            Span<RawFiring> open = CollectionsMarshal.AsSpan(_minePending);
            if (_anyHoldout)
            {
                FlagHoldouts(mine, countAs: HeldOut);
                FlagHoldouts(open, countAs: null);
            }

            RawFiring.SortIfNeeded(mine);
            Fired.AddRange(mine);
            foreach (ref readonly RawFiring f in mine)
            {
                if (f.Recovered)
                {
                    Recovered.Add(f);
                }
            }

            RawFiring.SortIfNeeded(open);
            pending.AddRange(open);
            _mine.Clear();
            _minePending.Clear();
        }

        private readonly void FlagHoldouts(Span<RawFiring> firings, int[]? countAs)
        {
            foreach (ref RawFiring f in firings)
            {
                if (rules[f.Rule].Holdout is null)
                {
                    continue;
                }

                if (_arm[f.Rule] == 0)
                {
                    _arm[f.Rule] = rules[f.Rule].HoldsOut(customerIds[_customer]) ? (sbyte)1 : (sbyte)-1;
                }

                f.Holdout = _arm[f.Rule] > 0;
                if (countAs is not null && f.Holdout)
                {
                    countAs[f.Rule]++;
                }
            }
        }

        public readonly void Fire(int rule, long start, long due, long firedAt, int ordinal)
        {
            if (!_firedThisCustomer[rule])
            {
                _firedThisCustomer[rule] = true;
                FiredCustomers[rule]++;
            }

            if (specs[rule].FiresWhenDue)
            {
                _unrecovered[rule]++;
            }

            _mine.Add(new RawFiring(_customer, rule, start, firedAt, ordinal));
        }

        public readonly void Suppress(int rule) => Suppressed[rule]++;

        public readonly void Opened(int rule, long start)
        {
        }

        public readonly void Restarted(int rule, long start)
        {
        }

        public readonly void FollowedUp(int rule, long at)
        {
            if (_unrecovered[rule] == 0)
            {
                return;
            }

            Span<RawFiring> mine = CollectionsMarshal.AsSpan(_mine);
            for (int i = mine.Length - 1; i >= 0 && _unrecovered[rule] > 0; i--)
            {
                if (mine[i].Rule == rule && !mine[i].Recovered && mine[i].FiredAt < at)
                {
                    mine[i].Recovered = true;
                    _unrecovered[rule]--;
                }
            }
        }
    }
}
