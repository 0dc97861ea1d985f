using JourneyKit.Events;

namespace JourneyKit.Personas;

/// <summary>The order both persona methods read customers in: by customer id (ordinal), so a seeded fit does not depend on the order the customers came in.</summary>
internal static class CustomerOrder
{
    /// <summary>The log's customer indexes with at least one event, by customer id.</summary>
    public static int[] Of(EventLog log)
    {
        IReadOnlyList<string> ids = log.CustomerIds;
        int[] order = [.. Enumerable.Range(0, log.CustomerCount).Where(c => log.CustomerOffsets[c + 1] > log.CustomerOffsets[c])];
        Array.Sort(order, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
        return order;
    }
}
