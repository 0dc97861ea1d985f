using JourneyKit.Events;

namespace JourneyKit.Personas;

/// <summary>
/// The journeys of a log as Markov-chain sufficient statistics at one level: per journey its first state and its
/// transition counts (the last step goes to <see cref="End"/>), in compressed rows. Journeys are in customer-id order
/// (ordinal), so that a seeded fit does not depend on the order the customers came in.
/// </summary>
internal sealed class JourneySequences
{
    public const string End = "(end)";

    private JourneySequences(string[] states, int[] customers, int[] first, int[] pairStart, int[] pair, int[] count, int[] length)
    {
        States = states;
        Customers = customers;
        First = first;
        PairStart = pairStart;
        Count = count;
        Length = length;

        // The transitions that occur at all, by code (so grouped by the state left), and each journey's pairs as indexes
        // into them: a model keeps parameters for these alone, plus one value per row for every transition never seen —
        // k × (observed transitions + states) numbers instead of k × states² (5,000 states made the dense model 10 GB).
        int[] codes = [.. pair];
        Array.Sort(codes);
        int distinct = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (i == 0 || codes[i] != codes[i - 1])
            {
                codes[distinct++] = codes[i];
            }
        }

        Codes = codes[..distinct];
        for (int i = 0; i < pair.Length; i++)
        {
            pair[i] = Array.BinarySearch(Codes, pair[i]);
        }

        Pair = pair;
        RowStart = new int[S + 1];
        foreach (int code in Codes)
        {
            RowStart[(code / Targets) + 1]++;
        }

        for (int r = 0; r < S; r++)
        {
            RowStart[r + 1] += RowStart[r];
        }
    }

    /// <summary>State labels; index <c>States.Length</c> is <see cref="End"/> (a target only).</summary>
    public string[] States { get; }

    public int S => States.Length;

    public int Targets => States.Length + 1;

    public int Journeys => Customers.Length;

    /// <summary>The log's customer index of each journey.</summary>
    public int[] Customers { get; }

    public int[] First { get; }

    public int[] PairStart { get; }

    /// <summary>Each journey's transitions, as indexes into <see cref="Codes"/>.</summary>
    public int[] Pair { get; }

    /// <summary>The transitions that occur in any journey, as codes <c>from × Targets + to</c>, ascending.</summary>
    public int[] Codes { get; }

    /// <summary>Gets the number of distinct transitions that occur.</summary>
    public int Pairs => Codes.Length;

    /// <summary>Where each state's transitions start in <see cref="Codes"/> (S + 1 entries).</summary>
    public int[] RowStart { get; }

    /// <summary>The state a transition leaves.</summary>
    public int From(int pair) => Codes[pair] / Targets;

    /// <summary>The state (or <see cref="End"/>, index S) a transition enters.</summary>
    public int To(int pair) => Codes[pair] % Targets;

    /// <summary>How many of a state's targets no journey moves to from it.</summary>
    public int Unseen(int state) => Targets - (RowStart[state + 1] - RowStart[state]);

    public int[] Count { get; }

    /// <summary>Events per journey.</summary>
    public int[] Length { get; }

    public static JourneySequences From(EventLog log, PathLevel level, int maxStates)
    {
        if (log.EventCount == 0)
        {
            throw new ArgumentException("The event log has no events; there are no journeys to group.", nameof(log));
        }

        (int[] ids, IReadOnlyList<string> names) = LevelColumns.At(log, level);
        bool anyKnown = false;
        bool anyUnknown = false;
        foreach (int id in ids)
        {
            anyKnown |= id >= 0;
            anyUnknown |= id < 0;
        }

        if (!anyKnown)
        {
            throw new ArgumentException($"No event of the log has a {level.ToString().ToLowerInvariant()}; choose another level.", nameof(log));
        }

        string[] states = anyUnknown ? [.. names, LevelColumns.Unknown] : [.. names];
        if (states.Length > maxStates)
        {
            throw new ArgumentException($"The log has {states.Length} distinct {level.ToString().ToLowerInvariant()}s; MarkovMixtureOptions.MaxStates allows {maxStates}.", nameof(log));
        }

        int unknown = names.Count;
        int targets = states.Length + 1;
        int[] order = CustomerOrder.Of(log);

        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        var first = new int[order.Length];
        var length = new int[order.Length];
        var pairStart = new int[order.Length + 1];
        var pair = new List<int>(log.EventCount > int.MaxValue ? int.MaxValue : (int)log.EventCount);
        var count = new List<int>(pair.Capacity);
        var codes = new List<int>();
        for (int j = 0; j < order.Length; j++)
        {
            int from = offsets[order[j]];
            int to = offsets[order[j] + 1];
            codes.Clear();
            int previous = State(ids[from]);
            first[j] = previous;
            for (int e = from + 1; e < to; e++)
            {
                int s = State(ids[e]);
                codes.Add((previous * targets) + s);
                previous = s;
            }

            codes.Add((previous * targets) + states.Length);
            codes.Sort();
            for (int i = 0; i < codes.Count;)
            {
                int k = i;
                while (k < codes.Count && codes[k] == codes[i])
                {
                    k++;
                }

                pair.Add(codes[i]);
                count.Add(k - i);
                i = k;
            }

            length[j] = to - from;
            pairStart[j + 1] = pair.Count;
        }

        return new JourneySequences(states, order, first, pairStart, [.. pair], [.. count], length);

        int State(int id) => id >= 0 ? id : unknown;
    }
}
