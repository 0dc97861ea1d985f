namespace JourneyKit.Paths;

/// <summary>The conformance kernel: fitness of journeys [from, to) to the map's stage order; merged by <see cref="ConformanceResult.Merge"/>.</summary>
internal static class ConformanceKernel
{
    public static ConformanceResult Run(PathContext context, JourneyMap map, int from, int to)
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
    public static List<int> StageSequence(ReadOnlySpan<int> stageIds, int stages, List<int> seq)
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

    public static double FitnessOf(List<int> seq)
    {
        int conforming = seq[0] == 0 ? 1 : 0;
        for (int i = 1; i < seq.Count; i++)
        {
            conforming += seq[i] == seq[i - 1] + 1 ? 1 : 0;
        }

        return (double)conforming / seq.Count;
    }
}
