namespace JourneyKit.Identity;

/// <summary>Data re-keyed to profiles, with what was done to each raw id: deconstruct as <c>var (log, report) = graph.Rekey(…)</c>.</summary>
/// <typeparam name="T">The data: an <see cref="Events.EventLog"/> or <see cref="Events.CustomerAttributes"/>.</typeparam>
/// <param name="Data">The re-keyed data.</param>
/// <param name="Report">The accounting.</param>
public sealed record Rekeyed<T>(T Data, RekeyReport Report);
