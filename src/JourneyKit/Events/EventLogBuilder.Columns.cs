namespace JourneyKit.Events;

// The builder's column storage: growth, optional columns allocated on first use, and the gather/unpack steps of Build.
public sealed partial class EventLogBuilder
{
    private void SetOptional<T>(ref T[]? column, int index, T value, T none)
        where T : IEquatable<T>
    {
        if (column is not null)
        {
            column[index] = value;
        }
        else if (!value.Equals(none))
        {
            Column(ref column, none)[index] = value;
        }
    }

    // Allocates an optional column on first use, filled with "none" for the events before.
    private T[] Column<T>(ref T[]? column, T none)
    {
        if (column is null)
        {
            column = GC.AllocateUninitializedArray<T>(_customer.Length);
            column.AsSpan(0, _count).Fill(none);
        }

        return column;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _customer.Length)
        {
            return;
        }

        int capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(1024L, _customer.Length * 2L)));
        if (capacity < needed)
        {
            throw new InvalidOperationException($"An event log holds at most {Array.MaxLength:N0} events.");
        }

        Grow(ref _customer, capacity, _count);
        Grow(ref _ticks, capacity, _count);
        Grow(ref _touchpoint, capacity, _count);
        GrowOptional(ref _channelOverride, capacity, _count);
        GrowOptional(ref _stageOverride, capacity, _count);
        GrowOptional(ref _outcome, capacity, _count);
        GrowOptional(ref _value, capacity, _count);
        GrowOptional(ref _session, capacity, _count);
        GrowOptional(ref _feedback, capacity, _count);
        GrowOptional(ref _actor, capacity, _count);
    }

    // Slots past the event count are always written before they are read, so new storage is not zeroed.
    private static void Grow<T>(ref T[] column, int capacity, int count)
    {
        var grown = GC.AllocateUninitializedArray<T>(capacity);
        column.AsSpan(0, count).CopyTo(grown);
        column = grown;
    }

    private static void GrowOptional<T>(ref T[]? column, int capacity, int count)
    {
        if (column is not null)
        {
            Grow(ref column, capacity, count);
        }
    }

    private static void Unpack(SortEntry[] entries, long[] ticks, int[] touchpoint, int[] channel, int[] stage, int[] mapChannel, int[] mapStage, int from, int to)
    {
        var source = entries.AsSpan(from, to - from);
        var tickSpan = ticks.AsSpan(from, to - from);
        var touchpointSpan = touchpoint.AsSpan(from, to - from);
        var channelSpan = channel.AsSpan(from, to - from);
        var stageSpan = stage.AsSpan(from, to - from);
        for (int k = 0; k < source.Length; k++)
        {
            ref readonly SortEntry e = ref source[k];
            int tp = e.Touchpoint;
            tickSpan[k] = e.Ticks;
            touchpointSpan[k] = tp;
            bool mapped = (uint)tp < (uint)mapStage.Length;
            channelSpan[k] = mapped ? mapChannel[tp] : NoId;
            stageSpan[k] = mapped ? mapStage[tp] : NoId;
        }
    }

    // Runs body(part, from, to) over 'parts' contiguous ranges of [0, length), in parallel when parts > 1.
    private static void Gather<T>(T[] input, int[] source, T[] output)
    {
        for (int k = 0; k < output.Length; k++)
        {
            output[k] = input[source[k]];
        }
    }

    private static int[] SourceIndexes(SortEntry[] entries)
    {
        var source = new int[entries.Length];
        for (int k = 0; k < source.Length; k++)
        {
            source[k] = entries[k].Source;
        }

        return source;
    }

    private static T[]? GatherOptional<T>(T[]? input, int[]? source)
    {
        if (input is null || source is null)
        {
            return null;
        }

        var output = new T[source.Length];
        Gather(input, source, output);
        return output;
    }

    private static void Override(int[] overrides, int[] source, int[] resolved)
    {
        for (int k = 0; k < resolved.Length; k++)
        {
            int o = overrides[source[k]];
            if (o != NoId)
            {
                resolved[k] = o;
            }
        }
    }
}
