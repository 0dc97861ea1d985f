using JourneyKit.Events;

namespace JourneyKit.Identity;

/// <summary>
/// Re-keys a log from raw identifiers to profiles, working on the columns: events of the raw ids of one profile are
/// gathered in the log's customer order and stably sorted by time, so equal timestamps keep the raw ids' order.
/// </summary>
internal static class Rekeyer
{
    /// <summary>Re-keys by a new customer per old customer (dense, in first-appearance order) and their names.</summary>
    public static EventLog Rekey(EventLog log, int[] newOf, string[] newIds, string[] rawActors, bool keepActors, CancellationToken cancellationToken)
    {
        int oldCount = log.CustomerCount;
        int newCount = newIds.Length;
        var oldOffsets = log.CustomerOffsets;
        var offsets = new int[newCount + 1];
        var rawCount = new int[newCount];
        for (int c = 0; c < oldCount; c++)
        {
            offsets[newOf[c] + 1] += oldOffsets[c + 1] - oldOffsets[c];
            rawCount[newOf[c]]++;
        }

        for (int p = 0; p < newCount; p++)
        {
            offsets[p + 1] += offsets[p];
        }

        int n = (int)log.EventCount;
        var ticks = GC.AllocateUninitializedArray<long>(n);
        var touchpoint = GC.AllocateUninitializedArray<int>(n);
        var channel = GC.AllocateUninitializedArray<int>(n);
        var stage = GC.AllocateUninitializedArray<int>(n);
        var outcome = GC.AllocateUninitializedArray<EventOutcome>(n);
        var value = log.Values.IsEmpty ? null : GC.AllocateUninitializedArray<double>(n);
        var session = log.SessionIds.IsEmpty ? null : GC.AllocateUninitializedArray<int>(n);
        var feedback = log.Feedback.IsEmpty ? null : GC.AllocateUninitializedArray<double>(n);
        var actor = GC.AllocateUninitializedArray<int>(n);
        int oldActors = keepActors ? log.ActorNames.Count : 0;
        var cursor = offsets[..^1];
        var oldActor = log.ActorIds;
        for (int c = 0; c < oldCount; c++)
        {
            if ((c & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int from = oldOffsets[c], count = oldOffsets[c + 1] - from, to = cursor[newOf[c]];
            cursor[newOf[c]] += count;
            log.UtcTicks.Slice(from, count).CopyTo(ticks.AsSpan(to));
            log.TouchpointIds.Slice(from, count).CopyTo(touchpoint.AsSpan(to));
            log.ChannelIds.Slice(from, count).CopyTo(channel.AsSpan(to));
            log.StageIds.Slice(from, count).CopyTo(stage.AsSpan(to));
            log.Outcomes.Slice(from, count).CopyTo(outcome.AsSpan(to));
            if (value is not null)
            {
                log.Values.Slice(from, count).CopyTo(value.AsSpan(to));
            }

            if (session is not null)
            {
                log.SessionIds.Slice(from, count).CopyTo(session.AsSpan(to));
            }

            if (feedback is not null)
            {
                log.Feedback.Slice(from, count).CopyTo(feedback.AsSpan(to));
            }

            // An event that already names who did it keeps that (when asked); otherwise its old customer id.
            var actors = actor.AsSpan(to, count);
            if (oldActor.IsEmpty || !keepActors)
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

        // Profiles of several raw ids: a stable sort by time of their gathered events.
        SortEntry[]? scratch = null;
        SortEntry[] entries = [];
        for (int p = 0; p < newCount; p++)
        {
            if (rawCount[p] < 2)
            {
                continue;
            }

            int start = offsets[p], count = offsets[p + 1] - start;
            if (entries.Length < count)
            {
                entries = new SortEntry[count];
            }

            var span = entries.AsSpan(0, count);
            for (int i = 0; i < count; i++)
            {
                span[i] = new SortEntry { Ticks = ticks[start + i], Source = i };
            }

            StableSort.ByTime(span, ref scratch);
            Permute(span, ticks.AsSpan(start, count));
            Permute(span, touchpoint.AsSpan(start, count));
            Permute(span, channel.AsSpan(start, count));
            Permute(span, stage.AsSpan(start, count));
            Permute(span, outcome.AsSpan(start, count));
            Permute(span, actor.AsSpan(start, count));
            if (value is not null)
            {
                Permute(span, value.AsSpan(start, count));
            }

            if (session is not null)
            {
                Permute(span, session.AsSpan(start, count));
            }

            if (feedback is not null)
            {
                Permute(span, feedback.AsSpan(start, count));
            }
        }

        string[] actorNames = keepActors ? [.. log.ActorNames, .. rawActors] : rawActors;
        return new EventLog(
            log.Map,
            newIds,
            [.. log.TouchpointNames],
            [.. log.ChannelNames],
            [.. log.StageNames],
            [.. log.SessionNames],
            offsets,
            ticks,
            touchpoint,
            channel,
            stage,
            outcome,
            value,
            session,
            feedback,
            actorNames,
            actor);
    }

    private static void Permute<T>(ReadOnlySpan<SortEntry> order, Span<T> column)
    {
        T[] original = column.ToArray();
        for (int i = 0; i < order.Length; i++)
        {
            column[i] = original[order[i].Source];
        }
    }
}
