using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Identity;

// Re-keying logs and attribute tables to profiles: by one kind of identifier or through a resolver, with the accounting of every raw id.
public sealed partial class IdentityGraph
{
    private EventLog RekeyCore(EventLog log, string kind, CancellationToken cancellationToken)
    {
        int k = Rules.RequireKind(kind, nameof(kind));
        var kinds = new int[log.CustomerCount];
        Array.Fill(kinds, k);
        return RekeyBy(log, kinds, log.CustomerIdArray, cancellationToken).Log;
    }

    /// <summary>
    /// Re-keys a log whose customer column mixes kinds of identifier (cookies, e-mail addresses, user ids): each raw id's
    /// kind and value come from <paramref name="resolver"/>, then the id joins its profile as in
    /// <see cref="Rekey(EventLog, string, CancellationToken)"/>. A raw id no rule fits stays a customer of its own under <c>unresolved:</c>
    /// plus the id, and is counted — never keyed as a kind it is not (an e-mail address taken for a cookie).
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="resolver">Tells each raw id's kind.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The re-keyed log and what happened to each raw id (deconstruct: <c>var (rekeyed, report) = …</c>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The resolver gives a kind this graph is not configured with.</exception>
    public Rekeyed<EventLog> Rekey(EventLog log, IdentifierResolver resolver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(resolver);
        (int[] kinds, string[] values) = Resolve(log.CustomerIdArray, resolver, nameof(resolver));
        (EventLog rekeyed, long known) = RekeyBy(log, kinds, values, cancellationToken);
        return new Rekeyed<EventLog>(rekeyed, RekeyAccounting(log.CustomerIdArray, kinds, known, rekeyed.CustomerCount));
    }

    /// <summary>
    /// Re-keys a table of customer attributes (a contacts export keyed by e-mail, say) to profiles, so that it joins a
    /// re-keyed log: rows of one profile are merged attribute by attribute — the row of the profile's first identifier
    /// (kind priority, then value) wins, the others fill its gaps.
    /// </summary>
    /// <param name="attributes">The table.</param>
    /// <param name="kind">The kind of the table's customer ids.</param>
    /// <returns>The table keyed by profile, and the accounting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributes"/> is null.</exception>
    /// <exception cref="ArgumentException">The kind is not configured.</exception>
    public Rekeyed<CustomerAttributes> Rekey(CustomerAttributes attributes, string kind)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        int k = Rules.RequireKind(kind, nameof(kind));
        string[] ids = [.. attributes.CustomerIds];
        var kinds = new int[ids.Length];
        Array.Fill(kinds, k);
        return RekeyAttributes(attributes, ids, kinds, ids);
    }

    /// <summary>Re-keys a table of customer attributes whose id column mixes kinds (see <see cref="Rekey(CustomerAttributes, string)"/> and <see cref="Rekey(EventLog, IdentifierResolver, CancellationToken)"/>).</summary>
    /// <param name="attributes">The table.</param>
    /// <param name="resolver">Tells each id's kind.</param>
    /// <returns>The table keyed by profile, and the accounting.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The resolver gives a kind this graph is not configured with.</exception>
    public Rekeyed<CustomerAttributes> Rekey(CustomerAttributes attributes, IdentifierResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(resolver);
        string[] ids = [.. attributes.CustomerIds];
        (int[] kinds, string[] values) = Resolve(ids, resolver, nameof(resolver));
        return RekeyAttributes(attributes, ids, kinds, values);
    }

    private (int[] Kinds, string[] Values) Resolve(string[] ids, IdentifierResolver resolver, string paramName)
    {
        var kinds = new int[ids.Length];
        var values = new string[ids.Length];
        for (int c = 0; c < ids.Length; c++)
        {
            if (resolver.TryResolve(ids[c], out string? kind, out string value))
            {
                kinds[c] = Rules.KindId(kind!);
                if (kinds[c] < 0)
                {
                    throw new ArgumentException($"The resolver gives kind '{Guard.Clip(kind)}' (for '{Guard.Clip(ids[c])}'), which this graph is not configured with (IdentityOptions.KindPriority: {string.Join(", ", Rules.Kinds)}).", paramName);
                }
            }
            else
            {
                kinds[c] = -1;
            }

            values[c] = value;
        }

        return (kinds, values);
    }

    private RekeyReport RekeyAccounting(string[] ids, int[] kinds, long known, int customers)
    {
        var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        long unresolvedCount = 0;
        for (int c = 0; c < ids.Length; c++)
        {
            if (kinds[c] < 0)
            {
                unresolvedCount++;
                if (unresolved.Count < 20)
                {
                    unresolved.Add(ids[c]);
                }
            }
            else
            {
                string kind = Rules.Kinds[kinds[c]];
                byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
            }
        }

        return new RekeyReport(ids.Length, new System.Collections.ObjectModel.ReadOnlyDictionary<string, long>(new Dictionary<string, long>(byKind)), unresolvedCount, unresolved, known, customers);
    }

    /// <summary>The profile of a (kind, raw value) — −1 for an unresolved or unknown id — and the name it is keyed under.</summary>
    private (int Profile, string Name) Locate(int kind, string value, string raw)
    {
        if (kind < 0)
        {
            return (-1, UnresolvedPrefix + raw);
        }

        string normalized = Rules.Normalize(kind, value);
        int id = normalized.Length == 0 ? -1 : Table.Find(kind, normalized);
        return id >= 0 ? (_profile[id], "") : (-1, Rules.Kinds[kind] + ":" + (normalized.Length == 0 ? value : normalized));
    }

    private const string UnresolvedPrefix = "unresolved:";

    private Rekeyed<CustomerAttributes> RekeyAttributes(CustomerAttributes attributes, string[] ids, int[] kinds, string[] values)
    {
        // Each row's new id and its rank within the profile (the canonical order of its identifier), then rows merged in that order.
        var rows = new List<(string NewId, int Kind, string Value, string Raw)>(ids.Length);
        long known = 0;
        for (int c = 0; c < ids.Length; c++)
        {
            (int profile, string name) = Locate(kinds[c], values[c], ids[c]);
            known += profile >= 0 ? 1 : 0;
            rows.Add((profile >= 0 ? CanonicalName(_canonical[profile]) : name, kinds[c], values[c], ids[c]));
        }

        var builder = new CustomerAttributesBuilder();
        foreach (var row in rows.OrderBy(r => r.NewId, StringComparer.Ordinal).ThenBy(r => r.Kind < 0 ? int.MaxValue : r.Kind).ThenBy(r => r.Value, StringComparer.Ordinal))
        {
            foreach (string name in attributes.Names)
            {
                if (attributes.IsNumber(name))
                {
                    double number = attributes.Number(row.Raw, name);
                    if (!double.IsNaN(number) && (!builder.HasRow(row.NewId) || double.IsNaN(builder.NumberOf(row.NewId, name))))
                    {
                        builder.Set(row.NewId, name, number);
                    }
                }
                else if (attributes.Text(row.Raw, name) is { } text && (!builder.HasRow(row.NewId) || builder.TextOf(row.NewId, name) is null))
                {
                    builder.Set(row.NewId, name, text);
                }
            }
        }

        CustomerAttributes rekeyed = builder.Build();
        return new Rekeyed<CustomerAttributes>(rekeyed, RekeyAccounting(ids, kinds, known, rekeyed.Count));
    }

    private (EventLog Log, long Known) RekeyBy(EventLog log, int[] kinds, string[] values, CancellationToken cancellationToken)
    {
        int count = log.CustomerCount;
        var customerIds = log.CustomerIdArray;
        var profileOf = new int[count];
        var unknownNames = new string[count];

        // The lookups are random reads of a large table: split over cores in chunks of customers (each writes its own range).
        Rekeyer.ForChunks(count, (from, to) =>
        {
            for (int c = from; c < to; c++)
            {
                (profileOf[c], unknownNames[c]) = Locate(kinds[c], values[c], customerIds[c]);
            }
        }, cancellationToken);

        // New customers numbered in order of first appearance: profiles through an array, unknown ids by name. The names
        // of profiles are made afterwards, over all cores (each is a string built from a random read of the table).
        var newOf = new int[count];
        var newOfProfile = new int[_canonical.Length];
        Array.Fill(newOfProfile, -1);
        var newIds = new List<string?>();
        var canonicalOfNew = new List<int>();
        var byValue = new Dictionary<string, int>(StringComparer.Ordinal);
        long known = 0;
        for (int c = 0; c < count; c++)
        {
            int p = profileOf[c];
            if (p >= 0)
            {
                known++;
                if (newOfProfile[p] < 0)
                {
                    newOfProfile[p] = newIds.Count;
                    newIds.Add(null);
                    canonicalOfNew.Add(_canonical[p]);
                }

                newOf[c] = newOfProfile[p];
                continue;
            }

            // Unknown to the graph (or unresolved): its own customer; raw ids that normalise alike are one.
            string name = unknownNames[c];
            if (!byValue.TryGetValue(name, out int next))
            {
                byValue[name] = next = newIds.Count;
                newIds.Add(name);
                canonicalOfNew.Add(-1);
            }

            newOf[c] = next;
        }

        var names = new string[newIds.Count];
        Rekeyer.ForChunks(names.Length, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                names[i] = newIds[i] ?? CanonicalName(canonicalOfNew[i]);
            }
        }, cancellationToken);

        var rawActors = RawActorNames(kinds, values, customerIds, [.. Rules.Kinds]);
        return (Rekeyer.Rekey(log, null, newOf, names, rawActors, keepActors: true, cancellationToken), known);
    }

    // Each raw id's events name it as actor (its kind, a colon, its value), made when first read. Static, so that the
    // names hold these arrays only — a closure beside RekeyBy's lambdas would keep the graph alive with the log.
    private static DerivedNames RawActorNames(int[] kinds, string[] values, string[] customerIds, string[] kindNames) =>
        new([], kinds.Length, c => kinds[c] < 0 ? UnresolvedPrefix + customerIds[c] : kindNames[kinds[c]] + ":" + values[c]);
}
