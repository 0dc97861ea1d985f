using JourneyKit.Events;

namespace JourneyKit.Identity;

/// <summary>
/// Re-keys a log to new customers (profiles, accounts), working on the columns: events of the old customers of one new
/// customer are gathered in the log's customer order and stably sorted by time, so equal timestamps keep the old
/// customers' order. Copies and sorts run over chunks of customers on all cores; each chunk writes its own ranges.
/// </summary>
internal static class Rekeyer
{
    private const int ChunkCustomers = 1 << 14;

    /// <summary>Runs <paramref name="body"/> over [0, count) in chunks, in parallel; checks cancellation per chunk.</summary>
    public static void ForChunks(int count, Action<int, int> body, CancellationToken cancellationToken)
    {
        int chunks = (count + ChunkCustomers - 1) / ChunkCustomers;
        if (chunks <= 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            body(0, count);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
            body(chunk * ChunkCustomers, Math.Min(count, (chunk + 1) * ChunkCustomers)));
    }

    /// <summary>Re-keys by a new customer per old customer and the new customers' names.</summary>
    /// <param name="log">The log.</param>
    /// <param name="sources">
    /// The old customer whose events each position brings, in order (an old customer may appear at several positions, as a
    /// person in several accounts does, or at none), or <see langword="null"/> for every old customer once, in order.
    /// </param>
    /// <param name="newOf">The new customer of each position.</param>
    /// <param name="newIds">The new customers' ids.</param>
    /// <param name="rawActors">Per position, the actor name its events get.</param>
    /// <param name="keepActors">Whether an event that names an actor already keeps it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static EventLog Rekey(EventLog log, int[]? sources, int[] newOf, string[] newIds, string[] rawActors, bool keepActors, CancellationToken cancellationToken)
    {
        int oldCount = newOf.Length;
        int newCount = newIds.Length;
        int[] customerOffsets = log.OffsetArray;
        int Source(int position) => sources is null ? position : sources[position];
        int Start(int position) => customerOffsets[Source(position)];
        int Length(int position) => customerOffsets[Source(position) + 1] - customerOffsets[Source(position)];
        var offsets = new int[newCount + 1];
        var rawCount = new int[newCount];
        long total = 0;
        for (int c = 0; c < oldCount; c++)
        {
            offsets[newOf[c] + 1] += Length(c);
            rawCount[newOf[c]]++;
            total += Length(c);
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The re-keyed log would hold {total:N0} events; an event log holds at most {Array.MaxLength:N0}.");
        }

        for (int p = 0; p < newCount; p++)
        {
            offsets[p + 1] += offsets[p];
        }

        // Where each old customer's events go: after those of the earlier old customers of the same new customer.
        var destination = new int[oldCount];
        var cursor = offsets[..^1];
        for (int c = 0; c < oldCount; c++)
        {
            destination[c] = cursor[newOf[c]];
            cursor[newOf[c]] += Length(c);
        }

        int n = (int)total;
        var columns = new Columns(log, n);
        int oldActors = keepActors ? log.ActorNames.Count : 0;
        ForChunks(oldCount, (lo, hi) =>
        {
            var oldActor = keepActors ? log.ActorIds : default;
            for (int c = lo; c < hi; c++)
            {
                int from = Start(c), count = Length(c);
                columns.Copy(log, from, destination[c], count);

                // An event that already names who did it keeps that (when asked); otherwise its old customer's actor.
                var actors = columns.Actor.AsSpan(destination[c], count);
                if (oldActor.IsEmpty)
                {
                    actors.Fill(oldActors + c);
                }
                else
                {
                    for (int i = 0; i < count; i++)
                    {
                        actors[i] = oldActor[from + i] >= 0 ? oldActor[from + i] : oldActors + c;
                    }
                }
            }
        }, cancellationToken);

        SortGathered(offsets, rawCount, columns, cancellationToken);

        string[] actorNames = keepActors ? [.. log.ActorNames, .. rawActors] : rawActors;
        return new EventLog(
            log.Map,
            newIds,
            [.. log.TouchpointNames],
            [.. log.ChannelNames],
            [.. log.StageNames],
            [.. log.SessionNames],
            offsets,
            columns.Ticks,
            columns.Touchpoint,
            columns.Channel,
            columns.Stage,
            columns.Outcome,
            columns.Value,
            columns.Session,
            columns.Feedback,
            actorNames,
            columns.Actor);
    }

    // New customers with several old ones: a stable sort by time of their gathered events.
    private static void SortGathered(int[] offsets, int[] rawCount, Columns columns, CancellationToken cancellationToken)
    {
        ForChunks(rawCount.Length, (lo, hi) =>
        {
            SortEntry[]? scratch = null;
            SortEntry[] entries = [];
            var buffers = new Buffers();
            for (int p = lo; p < hi; p++)
            {
                if (rawCount[p] < 2)
                {
                    continue;
                }

                int start = offsets[p], count = offsets[p + 1] - start;
                if (entries.Length < count)
                {
                    entries = new SortEntry[Math.Max(count, entries.Length * 2)];
                }

                var span = entries.AsSpan(0, count);
                bool sorted = true;
                for (int i = 0; i < count; i++)
                {
                    span[i] = new SortEntry { Ticks = columns.Ticks[start + i], Source = i };
                    sorted &= i == 0 || span[i - 1].Ticks <= span[i].Ticks;
                }

                if (!sorted)
                {
                    StableSort.ByTime(span, ref scratch);
                    columns.Permute(span, start, buffers);
                }
            }
        }, cancellationToken);
    }

    /// <summary>The new log's columns (the optional ones only where the old log has them).</summary>
    private sealed class Columns(EventLog log, int n)
    {
        public long[] Ticks { get; } = GC.AllocateUninitializedArray<long>(n);

        public int[] Touchpoint { get; } = GC.AllocateUninitializedArray<int>(n);

        public int[] Channel { get; } = GC.AllocateUninitializedArray<int>(n);

        public int[] Stage { get; } = GC.AllocateUninitializedArray<int>(n);

        public EventOutcome[] Outcome { get; } = GC.AllocateUninitializedArray<EventOutcome>(n);

        public double[]? Value { get; } = log.Values.IsEmpty ? null : GC.AllocateUninitializedArray<double>(n);

        public int[]? Session { get; } = log.SessionIds.IsEmpty ? null : GC.AllocateUninitializedArray<int>(n);

        public double[]? Feedback { get; } = log.Feedback.IsEmpty ? null : GC.AllocateUninitializedArray<double>(n);

        public int[] Actor { get; } = GC.AllocateUninitializedArray<int>(n);

        public void Copy(EventLog source, int from, int to, int count)
        {
            source.UtcTicks.Slice(from, count).CopyTo(Ticks.AsSpan(to));
            source.TouchpointIds.Slice(from, count).CopyTo(Touchpoint.AsSpan(to));
            source.ChannelIds.Slice(from, count).CopyTo(Channel.AsSpan(to));
            source.StageIds.Slice(from, count).CopyTo(Stage.AsSpan(to));
            source.Outcomes.Slice(from, count).CopyTo(Outcome.AsSpan(to));
            if (Value is not null)
            {
                source.Values.Slice(from, count).CopyTo(Value.AsSpan(to));
            }

            if (Session is not null)
            {
                source.SessionIds.Slice(from, count).CopyTo(Session.AsSpan(to));
            }

            if (Feedback is not null)
            {
                source.Feedback.Slice(from, count).CopyTo(Feedback.AsSpan(to));
            }
        }

        public void Permute(ReadOnlySpan<SortEntry> order, int start, Buffers buffers)
        {
            Apply(order, Ticks.AsSpan(start, order.Length), ref buffers.Longs);
            Apply(order, Touchpoint.AsSpan(start, order.Length), ref buffers.Ints);
            Apply(order, Channel.AsSpan(start, order.Length), ref buffers.Ints);
            Apply(order, Stage.AsSpan(start, order.Length), ref buffers.Ints);
            Apply(order, Actor.AsSpan(start, order.Length), ref buffers.Ints);
            Apply(order, Outcome.AsSpan(start, order.Length), ref buffers.Outcomes);
            if (Value is not null)
            {
                Apply(order, Value.AsSpan(start, order.Length), ref buffers.Doubles);
            }

            if (Session is not null)
            {
                Apply(order, Session.AsSpan(start, order.Length), ref buffers.Ints);
            }

            if (Feedback is not null)
            {
                Apply(order, Feedback.AsSpan(start, order.Length), ref buffers.Doubles);
            }
        }

        private static void Apply<T>(ReadOnlySpan<SortEntry> order, Span<T> column, ref T[] buffer)
        {
            if (buffer.Length < order.Length)
            {
                buffer = new T[Math.Max(order.Length, buffer.Length * 2)];
            }

            column.CopyTo(buffer);
            for (int i = 0; i < order.Length; i++)
            {
                column[i] = buffer[order[i].Source];
            }
        }
    }

    /// <summary>One thread's scratch for permutations.</summary>
    private sealed class Buffers
    {
        public long[] Longs = [];
        public int[] Ints = [];
        public double[] Doubles = [];
        public EventOutcome[] Outcomes = [];
    }
}
