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
        Pair = pair;
        Count = count;
        Length = length;
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

    /// <summary>Transition code <c>from × Targets + to</c>.</summary>
    public int[] Pair { get; }

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
            throw new ArgumentException($"The log has {states.Length} distinct {level.ToString().ToLowerInvariant()}s; MarkovMixtureOptions.MaxStates allows {maxStates} (the model has k × states² parameters).", nameof(log));
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
