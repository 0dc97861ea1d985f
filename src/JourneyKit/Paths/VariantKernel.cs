using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>The variants kernel: distinct step sequences of journeys [from, to) with counts, conversions and durations; partials merge exactly.</summary>
internal static class VariantKernel
{
    /// <summary>Variant keys over dense step ids (no allocation for repeated paths) and, per journey, its variant, duration and conversion.</summary>
    internal sealed class Accumulator
    {
        public const int Truncated = -2;

        private readonly Dictionary<int[], int> _index = new(IntSequenceComparer.Instance);

        public List<int[]> Keys { get; } = [];

        public int Journeys { get; private set; }

        public int[] VariantOf { get; private set; } = [];

        public long[] Duration { get; private set; } = [];

        public bool[] Converted { get; private set; } = [];

        public static Accumulator Collect(PathContext context, int from, int to)
        {
            var acc = new Accumulator { Journeys = to - from };
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

        public static Accumulator Merge(Accumulator a, Accumulator b)
        {
            var remap = new int[b.Keys.Count];
            for (int v = 0; v < remap.Length; v++)
            {
                remap[v] = a._index.TryGetValue(b.Keys[v], out int target) ? target : a.Add(b.Keys[v]);
            }

            var merged = new Accumulator { Journeys = a.Journeys + b.Journeys };
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
        private readonly int _count = key.Length > 0 && key[^1] == Accumulator.Truncated ? key.Length - 1 : key.Length;

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
