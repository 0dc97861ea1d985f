using System.Globalization;
using JourneyKit.Internal;
using JourneyKit.Rules;

namespace JourneyKit.Experiments;

/// <summary>
/// A deterministic, stateless split of customers into a control arm (held out) and a treatment arm, compatible with
/// GrowthBook's SDKs: a CRM that already runs GrowthBook holds out the very same customers for the same key and share.
/// </summary>
/// <remarks>
/// <para>The bucket of a customer id is GrowthBook's hash version 2 with the seed (by default the key): FNV-1a 32-bit
/// over the UTF-16 code units of <c>seed + id</c>, its decimal text hashed again,
/// <c>fnv1a32(fnv1a32(seed + id).ToString()) % 10000 / 10000</c> — a number in [0, 1) in steps of 0.0001. The customer
/// is in the control arm when the bucket falls in variation 0's range for weights
/// <c>[ControlShare, 1 − ControlShare]</c>, i.e. bucket &lt; <see cref="ControlShare"/>.</para>
/// <para>An optional GrowthBook namespace (<see cref="WithNamespace"/>) makes splits mutually exclusive: a customer takes
/// part only when the hash version 1 of <c>"__" + namespace</c> falls in the namespace's range; one outside takes no part
/// (the rule acts on them as usual and they are not measured). An empty id takes no part, as in GrowthBook.</para>
/// <para>Equal splits (same key, share, seed and namespace) assign every id alike; <see cref="Equals(HoldoutSplit?)"/>
/// compares those settings.</para>
/// </remarks>
/// <example><code>
/// var split = new HoldoutSplit("cart-followup", controlShare: 0.1);
/// var rule = JourneyRule.Named("cart-abandoned").When("add-to-cart").NotFollowedBy("purchase", TimeSpan.FromHours(24)).WithHoldout(split);
/// </code></example>
public sealed class HoldoutSplit : IHoldoutAssignment, IEquatable<HoldoutSplit>
{
    private const int MaxKeyLength = 1000;

    /// <summary>Creates a split.</summary>
    /// <param name="key">The experiment key (GrowthBook's <c>experiment.key</c>), also the hash seed unless <see cref="WithSeed"/> sets one. Not blank; at most 1,000 characters.</param>
    /// <param name="controlShare">The share of the customers held out. Range: 0 &lt; share &lt; 1.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null, blank or longer than 1,000 characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="controlShare"/> is not strictly between 0 and 1.</exception>
    public HoldoutSplit(string key, double controlShare)
        : this(CheckKey(key, nameof(key)), CheckShare(controlShare), null, null)
    {
    }

    private HoldoutSplit(string key, double controlShare, string? seed, ExperimentNamespace? ns)
    {
        Key = key;
        ControlShare = controlShare;
        Seed = seed ?? key;
        Namespace = ns;
    }

    /// <summary>Gets the experiment key.</summary>
    public string Key { get; }

    /// <summary>Gets the share of the customers in the experiment who are held out (the control arm).</summary>
    public double ControlShare { get; }

    /// <summary>Gets the hash seed: <see cref="Key"/> unless <see cref="WithSeed"/> set another.</summary>
    public string Seed { get; }

    /// <summary>Gets the GrowthBook namespace the split runs in, or <see langword="null"/> (default) for all customers.</summary>
    public ExperimentNamespace? Namespace { get; }

    /// <summary>Returns this split hashing with another seed (GrowthBook's <c>experiment.seed</c>): re-randomises the arms under the same key.</summary>
    /// <param name="seed">The seed. Not blank; at most 1,000 characters.</param>
    /// <returns>The new split.</returns>
    /// <exception cref="ArgumentException"><paramref name="seed"/> is null, blank or too long.</exception>
    public HoldoutSplit WithSeed(string seed) => new(Key, ControlShare, CheckKey(seed, nameof(seed)), Namespace);

    /// <summary>Returns this split confined to a GrowthBook namespace range, so that splits over disjoint ranges of one namespace never share a customer.</summary>
    /// <param name="ns">The namespace and range.</param>
    /// <returns>The new split.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ns"/> is null.</exception>
    public HoldoutSplit WithNamespace(ExperimentNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new(Key, ControlShare, Seed, ns);
    }

    /// <summary>Gets a customer's bucket: GrowthBook's hash version 2 of the id with <see cref="Seed"/>.</summary>
    /// <param name="customerId">The customer id (any string, including empty and non-ASCII).</param>
    /// <returns>A number in [0, 1) in steps of 0.0001.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public double BucketOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return Bucket(Seed, customerId);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public bool IsInExperiment(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return customerId.Length > 0 && (Namespace is not { } ns || ns.Contains(customerId));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public bool IsControl(string customerId) => IsInExperiment(customerId) && Bucket(Seed, customerId) < ControlShare;

    /// <inheritdoc/>
    public bool Equals(HoldoutSplit? other) =>
        other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal) && ControlShare.Equals(other.ControlShare) &&
        string.Equals(Seed, other.Seed, StringComparison.Ordinal) && Equals(Namespace, other.Namespace);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HoldoutSplit);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Key, ControlShare, Seed, Namespace);

    /// <summary>Describes the split, e.g. <c>cart-followup: 10 % held out (GrowthBook hash v2)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Guard.Clip(Key)}: {Show.Percent(ControlShare)} held out (GrowthBook hash v2" +
        (Seed == Key ? "" : $", seed '{Guard.Clip(Seed)}'") +
        (Namespace is { } ns ? $", {ns}" : "") + ")";

    /// <summary>GrowthBook's hash version 2: <c>fnv1a32(fnv1a32(seed + value).ToString()) % 10000 / 10000</c>.</summary>
    internal static double Bucket(string seed, string value)
    {
        uint inner = Fnv1a32(seed, value);
        Span<char> digits = stackalloc char[10];
        inner.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        return Fnv1a32(digits[..written], default) % 10000 / 10000.0;
    }

    /// <summary>GrowthBook's hash version 1 (namespaces): <c>fnv1a32(value + seed) % 1000 / 1000</c>.</summary>
    internal static double BucketV1(string seed, string value) => Fnv1a32(value, seed) % 1000 / 1000.0;

    /// <summary>FNV-1a 32-bit over the UTF-16 code units of <paramref name="first"/> then <paramref name="second"/> (JavaScript's <c>charCodeAt</c>).</summary>
    internal static uint Fnv1a32(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        uint h = 0x811c9dc5;
        foreach (char c in first)
        {
            h = (h ^ c) * 16777619;
        }

        foreach (char c in second)
        {
            h = (h ^ c) * 16777619;
        }

        return h;
    }

    private static string CheckKey(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException($"Must be at most {MaxKeyLength:N0} characters (was {value.Length:N0}).", paramName);
        }

        return value;
    }

    private static double CheckShare(double controlShare) =>
        controlShare > 0 && controlShare < 1 ? controlShare
        : throw new ArgumentOutOfRangeException(nameof(controlShare), controlShare, "The control share must lie strictly between 0 and 1 (e.g. 0.1 for a 10 % holdout).");
}
