using System.Runtime.InteropServices;

namespace JourneyKit.Voice;

/// <summary>
/// Counts, per group (touchpoint or stage), the comments that use each phrase of one to three words — words interned to
/// dense ids, a phrase packed into one 63-bit key, so counting allocates nothing per phrase — with the sum of those
/// comments' compound scores; then ranks a group's phrases by the z-score of their log-odds ratio against the other
/// groups with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), the prior's mean the phrase's share in
/// all groups and its weight <see cref="PriorWeight"/>.
/// </summary>
internal sealed class PhraseCounter
{
    public const double PriorWeight = 500;
    private const int MaxWords = (1 << 21) - 1;

    private readonly Vocabulary _vocabulary;
    private readonly Dictionary<long, Tally>[] _byGroup;
    private Dictionary<long, int>? _total;   // per phrase over all groups, summed once when first ranked
    private readonly long[] _groupTotal;
    private long _all;

    public PhraseCounter(int groups, Vocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _byGroup = new Dictionary<long, Tally>[groups];
        for (int g = 0; g < groups; g++)
        {
            _byGroup[g] = [];
        }

        _groupTotal = new long[groups];
    }

    /// <summary>The distinct phrases of a text (stop words may sit inside a phrase, never at its ends), as keys over the vocabulary.</summary>
    public void Phrases(ReadOnlySpan<char> text, HashSet<long> into)
    {
        into.Clear();
        Span<char> buffer = stackalloc char[64];
        // The two previous words: id (−1: none, after a non-word) and whether each is a stop word. A stop word may sit
        // inside a three-word phrase ("wait for delivery"), never at either end.
        int id1 = -1, id2 = -1;
        bool stop1 = false, stop2 = false;
        var lookup = _vocabulary.Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new TextWords.WordReader(text, buffer);
        while (words.Next(out var word))
        {
            if (words.Broke)
            {
                id1 = id2 = -1;
            }

            int id = word.IsEmpty || !HasLetter(word) ? -1 : _vocabulary.Intern(lookup, word);
            if (id < 0)
            {
                id1 = id2 = -1;
                continue;
            }

            bool stop = _vocabulary.IsStop[id];
            if (!stop)
            {
                into.Add(Key(id));
                if (id1 >= 0 && !stop1)
                {
                    into.Add(Key(id1, id));
                }

                if (id2 >= 0 && id1 >= 0 && !stop2)
                {
                    into.Add(Key(id2, id1, id));
                }
            }

            (id2, stop2, id1, stop1) = (id1, stop1, id, stop);
        }
    }

    /// <summary>Counts a comment's phrases in its group, keeping for each phrase the (up to three) most negative comments as examples.</summary>
    public void Add(int group, HashSet<long> phrases, double compound, int comment)
    {
        var counts = _byGroup[group];
        foreach (long phrase in phrases)
        {
            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, phrase, out bool exists);
            if (!exists)
            {
                tally = new Tally { E0 = -1, E1 = -1, E2 = -1 };
            }

            tally.Comments++;
            tally.Compound += compound;
            tally.Offer(comment, (float)compound);
        }

        _groupTotal[group] += phrases.Count;
        _all += phrases.Count;
    }

    /// <summary>
    /// A group's most distinctive phrases used in at least <paramref name="minimum"/> comments, best first. At an equal
    /// score the longer phrase comes first, and a phrase is left out when a kept longer one contains it and is used in at
    /// least 90 % as many comments ("payment failed" stands for "payment" and "failed").
    /// </summary>
    public List<(long Phrase, int Comments, double MeanCompound, double Z, int[] Examples)> Top(int group, int count, int minimum)
    {
        long ng = _groupTotal[group], nr = _all - ng;
        var total = _total ??= Totals();
        var candidates = _byGroup[group]
            .Where(kv => kv.Value.Comments >= minimum)
            .Select(kv =>
            {
                double yg = kv.Value.Comments, yr = total[kv.Key] - yg;
                double alpha = PriorWeight * total[kv.Key] / _all;
                double inGroup = ng + PriorWeight - yg - alpha, inRest = nr + PriorWeight - yr - alpha;
                double z = inGroup > 0 && inRest > 0
                    ? (Math.Log((yg + alpha) / inGroup) - Math.Log((yr + alpha) / inRest)) / Math.Sqrt((1 / (yg + alpha)) + (1 / (yr + alpha)))
                    : 0;
                return (Phrase: kv.Key, kv.Value.Comments, MeanCompound: kv.Value.Compound / kv.Value.Comments, Z: z, Examples: kv.Value.Examples());
            })
            .Where(p => p.Z > 0)
            .OrderByDescending(p => p.Z).ThenByDescending(p => Ids(p.Phrase).Length).ThenBy(p => p.Phrase);
        var kept = new List<(long Phrase, int Comments, double MeanCompound, double Z, int[] Examples)>();
        foreach (var candidate in candidates)
        {
            int[] words = Ids(candidate.Phrase);
            if (!kept.Any(k => k.Comments >= 0.9 * candidate.Comments && Contains(Ids(k.Phrase), words)))
            {
                kept.Add(candidate);
                if (kept.Count == count)
                {
                    break;
                }
            }
        }

        return kept;
    }

    private Dictionary<long, int> Totals()
    {
        var totals = new Dictionary<long, int>(_byGroup.Max(g => g.Count));
        foreach (var group in _byGroup)
        {
            foreach (var (phrase, tally) in group)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(totals, phrase, out _) += tally.Comments;
            }
        }

        return totals;
    }

    private static int[] Ids(long phrase) =>
        [.. new[] { (int)(phrase >> 42) & MaxWords, (int)(phrase >> 21) & MaxWords, (int)phrase & MaxWords }.Where(x => x != 0)];

    // Whether 'inner' is a contiguous run of 'outer' (and shorter).
    private static bool Contains(int[] outer, int[] inner) =>
        outer.Length > inner.Length && Enumerable.Range(0, outer.Length - inner.Length + 1).Any(i => outer.AsSpan(i, inner.Length).SequenceEqual(inner));

    public string Text(long phrase)
    {
        return string.Join(' ', Ids(phrase).Select(x => _vocabulary.Text[x - 1]));
    }

    private static long Key(int a) => a + 1;

    private static long Key(int a, int b) => ((long)(a + 1) << 21) | (uint)(b + 1);

    private static long Key(int a, int b, int c) => ((long)(a + 1) << 42) | ((long)(b + 1) << 21) | (uint)(c + 1);

    /// <summary>A phrase's count in a group, the sum of its comments' compound scores, and its three most negative comments (index, score; −1 none).</summary>
    private struct Tally
    {
        public int Comments;
        public double Compound;
        public int E0;
        public int E1;
        public int E2;
        public float C0;
        public float C1;
        public float C2;

        // Keeps the three lowest scores, earlier comments first among equal ones.
        public void Offer(int comment, float compound)
        {
            if (E2 >= 0 && compound >= C2)
            {
                return;
            }

            if (E1 < 0 || compound < C1)
            {
                (E2, C2) = (E1, C1);
                if (E0 < 0 || compound < C0)
                {
                    (E1, C1) = (E0, C0);
                    (E0, C0) = (comment, compound);
                }
                else
                {
                    (E1, C1) = (comment, compound);
                }
            }
            else
            {
                (E2, C2) = (comment, compound);
            }
        }

        public readonly int[] Examples() => [.. new[] { E0, E1, E2 }.Where(e => e >= 0)];
    }

    /// <summary>Words interned to dense ids, shared by the counters of one analysis.</summary>
    internal sealed class Vocabulary
    {
        public Dictionary<string, int> Words { get; } = new(StringComparer.Ordinal);

        public List<string> Text { get; } = [];

        /// <summary>Gets, per word id, whether the word is a stop word (decided once, when the word is first seen).</summary>
        public List<bool> IsStop { get; } = [];

        // The word's dense id, registered when new; −1 once the vocabulary is full (2,097,150 words).
        public int Intern(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> word)
        {
            if (lookup.TryGetValue(word, out int id))
            {
                return id;
            }

            if (Words.Count >= MaxWords - 1)
            {
                return -1;
            }

            string text = word.ToString();
            Words[text] = Words.Count;
            Text.Add(text);
            IsStop.Add(TextWords.StopWords.Contains(text));
            return Words.Count - 1;
        }
    }

    private static bool HasLetter(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }
}
