namespace JourneyKit;

/// <summary>One difference between two journey maps.</summary>
/// <param name="Element">The kind of part.</param>
/// <param name="Id">The id of the part (the map's own id for <see cref="MapElementKind.Map"/>).</param>
/// <param name="Change">Added, removed or modified.</param>
/// <param name="Properties">For <see cref="ChangeKind.Modified"/>, the camelCase names of the properties that differ; otherwise empty.</param>
public sealed record MapChange(MapElementKind Element, string Id, ChangeKind Change, IReadOnlyList<string> Properties)
{
    /// <summary>Formats the change, for example <c>Modified Touchpoint 'checkout' (emotion, owner)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Properties.Count == 0 ? $"{Change} {Element} '{Id}'" : $"{Change} {Element} '{Id}' ({string.Join(", ", Properties)})";
}
