namespace JourneyKit.Orleans;

/// <summary>
/// What one customer grain counted since its last write, kept cheaply per event — edges under a pair of labels (no
/// string built per event), and a journey's start and end only where the tally began and ended — and turned into
/// <see cref="LiveCounts"/> once, when the write hands it to the silo's combiner. The same counts as bumping a
/// <see cref="LiveCounts"/> per event: every intermediate end a step adds, the next step takes away.
/// </summary>
internal sealed class LiveTally(int funnelSteps)
{
    private readonly Dictionary<(string From, string To), long> _edges = [];
    private readonly Dictionary<(string From, string To), long> _stageEdges = [];
    private bool _begun;
    private string? _fromTouchpoint, _fromStage, _startTouchpoint, _startStage;

    /// <summary>Gets the funnel steps entered (index: step).</summary>
    public long[] FunnelEntered { get; } = new long[funnelSteps];

    /// <summary>Gets the change in promoters, passives and detractors.</summary>
    public long[] Nps { get; } = new long[3];

    /// <summary>Gets the events counted.</summary>
    public long Events { get; private set; }

    /// <summary>Gets a value indicating whether nothing was counted.</summary>
    public bool IsEmpty => Events == 0 && Nps[0] == 0 && Nps[1] == 0 && Nps[2] == 0;

    /// <summary>Counts a step of the journey: from the last touchpoint and stage level (null: the journey starts here).</summary>
    public void Step(string? lastTouchpoint, string touchpoint, string? lastLevel, string level)
    {
        if (!_begun)
        {
            _begun = true;
            _fromTouchpoint = lastTouchpoint;
            _fromStage = lastLevel;
        }

        if (lastTouchpoint is null)
        {
            _startTouchpoint = touchpoint;
        }
        else
        {
            Bump(_edges, (lastTouchpoint, touchpoint));
        }

        if (lastLevel is null)
        {
            _startStage = level;
        }
        else
        {
            Bump(_stageEdges, (lastLevel, level));
        }

        Events++;
    }

    /// <summary>The tally as mergeable counts, given where the journey stands now.</summary>
    public LiveCounts ToCounts(string? lastTouchpoint, string? lastLevel)
    {
        var counts = new LiveCounts { FunnelEntered = [.. FunnelEntered], Nps = [.. Nps], Events = Events };
        Close(counts.Edges, counts.Starts, counts.Ends, _edges, _startTouchpoint, _fromTouchpoint, lastTouchpoint);
        Close(counts.StageEdges, counts.StageStarts, counts.StageEnds, _stageEdges, _startStage, _fromStage, lastLevel);
        return counts;
    }

    private void Close(Dictionary<string, long> edges, Dictionary<string, long> starts, Dictionary<string, long> ends, Dictionary<(string From, string To), long> pairs, string? start, string? from, string? last)
    {
        foreach (var ((a, b), n) in pairs)
        {
            edges[a + LiveCounts.Separator + b] = n;
        }

        if (!_begun)
        {
            return;
        }

        if (start is not null)
        {
            LiveCounts.Bump(starts, start, 1);
        }

        // The journey's end moved from where the tally began to where it stands.
        if (from is not null)
        {
            LiveCounts.Bump(ends, from, -1);
        }

        if (last is not null)
        {
            LiveCounts.Bump(ends, last, 1);
        }
    }

    /// <summary>Starts over (after a write handed the counts on), keeping the dictionaries' room.</summary>
    public void Reset()
    {
        _edges.Clear();
        _stageEdges.Clear();
        _begun = false;
        _fromTouchpoint = _fromStage = _startTouchpoint = _startStage = null;
        Array.Clear(FunnelEntered);
        Array.Clear(Nps);
        Events = 0;
    }

    private static void Bump(Dictionary<(string From, string To), long> counts, (string From, string To) key) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
}
