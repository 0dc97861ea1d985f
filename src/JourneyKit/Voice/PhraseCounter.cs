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

    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly List<string> _wordText = [];
    private readonly Dictionary<long, (int Comments, double Compound)>[] _byGroup;
    private readonly Dictionary<long, int> _total = [];
    private readonly long[] _groupTotal;
    private long _all;

    public PhraseCounter(int groups)
    {
        _byGroup = new Dictionary<long, (int, double)>[groups];
        for (int g = 0; g < groups; g++)
        {
            _byGroup[g] = [];
        }

        _groupTotal = new long[groups];
    }

    /// <summary>The distinct phrases of a text (stop words may sit inside a phrase, never at its ends).</summary>
    public void Phrases(ReadOnlySpan<char> text, HashSet<long> into)
    {
        into.Clear();
        Span<char> buffer = stackalloc char[64];
        // The two previous words: id (−1: none, after a non-word) and whether each is a stop word. A stop word may sit
        // inside a three-word phrase ("wait for delivery"), never at either end.
        int id1 = -1, id2 = -1;
        bool stop1 = false, stop2 = false;
        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        var stops = TextWords.StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        TextWords.ForEach(text, buffer, word =>
        {
            int id = word.IsEmpty || !HasLetter(word) ? -1 : Intern(lookup, word);
            if (id < 0)
            {
                id1 = id2 = -1;
                return;
            }

            bool stop = stops.Contains(word);
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
        });
    }

    // The word's dense id, registered when new; −1 once the vocabulary is full (2,097,151 words).
    private int Intern(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> word)
    {
        if (lookup.TryGetValue(word, out int id))
        {
            return id;
        }

        if (_words.Count >= MaxWords - 1)
        {
            return -1;
        }

        string text = word.ToString();
        _words[text] = _words.Count;
        _wordText.Add(text);
        return _words.Count - 1;
    }

    public void Add(int group, HashSet<long> phrases, double compound)
    {
        var counts = _byGroup[group];
        foreach (long phrase in phrases)
        {
            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, phrase, out _);
            tally = (tally.Comments + 1, tally.Compound + compound);
            CollectionsMarshal.GetValueRefOrAddDefault(_total, phrase, out _)++;
        }

        _groupTotal[group] += phrases.Count;
        _all += phrases.Count;
    }

    /// <summary>
    /// A group's most distinctive phrases used in at least <paramref name="minimum"/> comments, best first. At an equal
    /// score the longer phrase comes first, and a phrase is left out when a kept longer one contains it and is used in at
    /// least 90 % as many comments ("payment failed" stands for "payment" and "failed").
    /// </summary>
    public List<(long Phrase, int Comments, double MeanCompound, double Z)> Top(int group, int count, int minimum)
    {
        long ng = _groupTotal[group], nr = _all - ng;
        var candidates = _byGroup[group]
            .Where(kv => kv.Value.Comments >= minimum)
            .Select(kv =>
            {
                double yg = kv.Value.Comments, yr = _total[kv.Key] - yg;
                double alpha = PriorWeight * _total[kv.Key] / _all;
                double inGroup = ng + PriorWeight - yg - alpha, inRest = nr + PriorWeight - yr - alpha;
                double z = inGroup > 0 && inRest > 0
                    ? (Math.Log((yg + alpha) / inGroup) - Math.Log((yr + alpha) / inRest)) / Math.Sqrt((1 / (yg + alpha)) + (1 / (yr + alpha)))
                    : 0;
                return (Phrase: kv.Key, kv.Value.Comments, MeanCompound: kv.Value.Compound / kv.Value.Comments, Z: z);
            })
            .Where(p => p.Z > 0)
            .OrderByDescending(p => p.Z).ThenByDescending(p => Ids(p.Phrase).Length).ThenBy(p => p.Phrase);
        var kept = new List<(long Phrase, int Comments, double MeanCompound, double Z)>();
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

    private static int[] Ids(long phrase) =>
        [.. new[] { (int)(phrase >> 42) & MaxWords, (int)(phrase >> 21) & MaxWords, (int)phrase & MaxWords }.Where(x => x != 0)];

    // Whether 'inner' is a contiguous run of 'outer' (and shorter).
    private static bool Contains(int[] outer, int[] inner) =>
        outer.Length > inner.Length && Enumerable.Range(0, outer.Length - inner.Length + 1).Any(i => outer.AsSpan(i, inner.Length).SequenceEqual(inner));

    public string Text(long phrase)
    {
        return string.Join(' ', Ids(phrase).Select(x => _wordText[x - 1]));
    }

    private static long Key(int a) => a + 1;

    private static long Key(int a, int b) => ((long)(a + 1) << 21) | (uint)(b + 1);

    private static long Key(int a, int b, int c) => ((long)(a + 1) << 42) | ((long)(b + 1) << 21) | (uint)(c + 1);

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
