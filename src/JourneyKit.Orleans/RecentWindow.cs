using JourneyKit.Events;

namespace JourneyKit.Orleans;

/// <summary>The recent events a customer grain keeps: the latest ones, oldest first, ties in arrival order.</summary>
internal static class RecentWindow
{
    /// <summary>
    /// The latest <paramref name="keep"/> of <paramref name="kept"/> (in window order) and <paramref name="batch"/> (any
    /// order, arriving after them): the batch sorted stably by time and merged from the newest end, stopping once
    /// enough are taken — what a stable sort of both, by time, then cut to the last <paramref name="keep"/>, gives.
    /// </summary>
    public static JourneyEvent[] Merge(JourneyEvent[] kept, ReadOnlySpan<JourneyEvent> batch, int keep)
    {
        if (keep == 0 || batch.Length == 0)
        {
            return keep == 0 ? [] : kept;
        }

        var order = new (long Ticks, int Arrival)[batch.Length];
        for (int i = 0; i < batch.Length; i++)
        {
            order[i] = (batch[i].Timestamp.UtcTicks, i);
        }

        Array.Sort(order);
        var result = new JourneyEvent[Math.Min(keep, kept.Length + batch.Length)];
        int a = kept.Length - 1, b = batch.Length - 1;
        for (int k = result.Length - 1; k >= 0; k--)
        {
            // On a tie the batch's event arrived later, so it is the newer.
            result[k] = b >= 0 && (a < 0 || order[b].Ticks >= kept[a].Timestamp.UtcTicks) ? batch[order[b--].Arrival] : kept[a--];
        }

        return result;
    }
}
