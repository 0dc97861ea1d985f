namespace JourneyKit.Paths;

/// <summary>The non-linearity kernel: backtracks, skips, loops and channel switches of journeys [from, to); merged by <see cref="NonLinearitySummary.Merge"/>.</summary>
internal static class NonLinearityKernel
{
    public static NonLinearitySummary Run(PathContext context, JourneyMap map, int from, int to)
    {
        var log = context.Log;
        int stages = map.Stages.Count;
        var stageIds = log.StageIds;
        var channelIds = log.ChannelIds;
        var touchpoints = log.TouchpointIds;
        var lastSeen = new int[log.TouchpointNames.Count];
        var back = new long[stages * stages];
        var skip = new long[stages * stages];
        long moves = 0, backtracks = 0, skips = 0, loops = 0, switches = 0, withBack = 0, withSkip = 0, withLoop = 0, withSwitch = 0;
        for (int j = from; j < to; j++)
        {
            var (start, count) = context.Slices[j];
            int stamp = j + 1;
            long b0 = backtracks, s0 = skips, l0 = loops, c0 = switches;
            int prevStage = -1, prevChannel = -1;
            for (int k = start; k < start + count; k++)
            {
                int tp = touchpoints[k];
                if (lastSeen[tp] == stamp)
                {
                    loops++;
                }

                lastSeen[tp] = stamp;
                int stage = stageIds[k];
                if ((uint)stage < (uint)stages)
                {
                    if (prevStage >= 0 && stage != prevStage)
                    {
                        moves++;
                        if (stage < prevStage)
                        {
                            backtracks++;
                            back[(prevStage * stages) + stage]++;
                        }
                        else if (stage > prevStage + 1)
                        {
                            skips++;
                            skip[(prevStage * stages) + stage]++;
                        }
                    }

                    prevStage = stage;
                }

                int channel = channelIds[k];
                if (channel >= 0)
                {
                    if (prevChannel >= 0 && channel != prevChannel)
                    {
                        switches++;
                    }

                    prevChannel = channel;
                }
            }

            withBack += backtracks > b0 ? 1 : 0;
            withSkip += skips > s0 ? 1 : 0;
            withLoop += loops > l0 ? 1 : 0;
            withSwitch += switches > c0 ? 1 : 0;
        }

        return new NonLinearitySummary(to - from, moves, backtracks, skips, loops, switches, withBack, withSkip, withLoop, withSwitch,
            Routes(back, map), Routes(skip, map));
    }

    public static Dictionary<(string, string), long> Routes(long[] matrix, JourneyMap map)
    {
        int s = map.Stages.Count;
        var routes = new Dictionary<(string, string), long>();
        for (int i = 0; i < matrix.Length; i++)
        {
            if (matrix[i] > 0)
            {
                routes[(map.Stages[i / s].Id, map.Stages[i % s].Id)] = matrix[i];
            }
        }

        return routes;
    }
}
