using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>What re-keying by an <see cref="IdentifierResolver"/> did with each distinct raw id.</summary>
/// <param name="Ids">Distinct raw ids read.</param>
/// <param name="ByKind">Raw ids resolved, per kind.</param>
/// <param name="Unresolved">Raw ids no rule fitted: kept as their own customers under <c>unresolved:</c> + the id, never guessed.</param>
/// <param name="UnresolvedExamples">Up to 20 of them, in order of appearance.</param>
/// <param name="Known">Resolved ids the graph knows (they joined their profile); the rest stay customers of their own under <c>kind:value</c>.</param>
/// <param name="Customers">Customers after re-keying.</param>
public sealed record RekeyReport(long Ids, IReadOnlyDictionary<string, long> ByKind, long Unresolved, IReadOnlyList<string> UnresolvedExamples, long Known, long Customers)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Count(Ids)} ids → {Show.Count(Customers)} customers; by kind: {string.Join(", ", ByKind.Select(kv => $"{kv.Key} {Show.Count(kv.Value)}"))}; " +
        $"known to the graph {Show.Count(Known)}; unresolved {Show.Count(Unresolved)}" +
        (UnresolvedExamples.Count == 0 ? "" : $" (e.g. {string.Join(", ", UnresolvedExamples.Take(3).Select(e => $"'{Guard.Clip(e)}'"))})");
}
