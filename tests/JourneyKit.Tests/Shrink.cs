namespace JourneyKit.Tests;

/// <summary>
/// Shrinking for generated histories: a failing list of events, links or rows is cut down (halves first, then one item
/// at a time) until every item left is needed for the failure, so a property reports a minimal counterexample rather
/// than a bare seed.
/// </summary>
public static class Shrink
{
    public static IEnumerable<IReadOnlyList<T>> Sublists<T>(IReadOnlyList<T> items)
    {
        if (items.Count >= 2)
        {
            int half = items.Count / 2;
            yield return [.. items.Take(half)];
            yield return [.. items.Skip(half)];
        }

        for (int i = 0; i < items.Count; i++)
        {
            yield return [.. items.Take(i), .. items.Skip(i + 1)];
        }
    }
}
