using JourneyKit.Internal;
namespace JourneyKit.Identity;

/// <summary>
/// The merge rules of an identity graph: which kinds of identifier there are and which one names a profile, how values
/// are normalised, how many identifiers of a kind one profile may hold, and which values never join anything.
/// </summary>
/// <remarks>
/// The defaults merge every link between configured kinds, so profiles are exactly the connected components of the links.
/// Limits and blocked values are opt-in: the classic failure of identity stitching is over-merging (a shared family tablet
/// or a support agent's test address joining strangers), and a limit such as one <c>user_id</c> per profile refuses, and
/// reports, the link that would do it.
/// </remarks>
public sealed record IdentityOptions
{
    /// <summary>Gets values that are blocked in practice: placeholders systems write when they know nothing. Opt in with <c>BlockedValues = IdentityOptions.CommonBlockedValues</c>.</summary>
    public static IReadOnlyList<string> CommonBlockedValues { get; } =
        ["null", "undefined", "unknown", "none", "n/a", "0", "-1", "anonymous", "guest", "test@example.com", "noreply@example.com"];

    /// <summary>
    /// Gets the configured kinds, highest priority first: a profile's canonical id is its identifier of the
    /// highest-priority kind (several of that kind: the ordinal-smallest value). A kind not listed is refused.
    /// Names are not blank and hold no <c>:</c> or white space; at most 255.
    /// </summary>
    /// <value>Default: <c>user_id</c>, <c>crm_id</c>, <c>email</c>, <c>device_id</c>, <c>anonymous_id</c>.</value>
    public IReadOnlyList<string> KindPriority { get; init; } = ["user_id", "crm_id", "email", "device_id", "anonymous_id"];

    /// <summary>Gets the most identifiers of a kind one profile may hold (such as <c>user_id</c> → 1, <c>anonymous_id</c> → 5); a link that would exceed one is refused. Default: none.</summary>
    public IReadOnlyDictionary<string, int>? MaxPerProfile { get; init; }

    /// <summary>
    /// Gets values that never join a profile, in any kind (see <see cref="CommonBlockedValues"/>). A value is compared after
    /// its kind's normalisation and then folded as the blocked values are: compatibility forms unified (NFKC), format
    /// characters and white space removed, case ignored — so <c>Null\u200B</c>, <c>ｎｕｌｌ</c> and <c>n / a</c> are blocked
    /// by <c>null</c> and <c>n/a</c>. Blank values are always refused. Default: none.
    /// </summary>
    public IReadOnlyCollection<string>? BlockedValues { get; init; }

    /// <summary>
    /// Gets the normalisation per kind. Kinds not listed are trimmed; <c>email</c>, when not listed, is trimmed,
    /// lower-cased and unified to compatibility forms (<see cref="IdentifierNormalization.Compatibility"/>). Default: none listed.
    /// </summary>
    public IReadOnlyDictionary<string, IdentifierNormalization>? Normalization { get; init; }

    /// <summary>
    /// Gets how many refused links the report lists with their details; the counts per reason stay exact beyond it, so a
    /// feed of millions of bad rows cannot exhaust memory. Default 100,000. Range: ≥ 0.
    /// </summary>
    public int MaxRefusalDetails { get; init; } = 100_000;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(nameof(IdentityOptions)).NotNull(KindPriority, nameof(KindPriority));
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        if (KindPriority is not null)
        {
            check.Require(KindPriority.Count > 0, nameof(KindPriority), "must name at least one kind of identifier.", "Required")
                .Require(KindPriority.Count <= 255, nameof(KindPriority), $"lists {KindPriority.Count} kinds; at most 255 are supported.");
            foreach (string? kind in KindPriority)
            {
                bool name = !string.IsNullOrWhiteSpace(kind) && !kind.Contains(':', StringComparison.Ordinal) && !kind.Any(char.IsWhiteSpace);
                check.Require(name, nameof(KindPriority), $"'{kind}' is not a kind name (not blank, no ':' or white space).", "Format")
                    .Require(!name || kinds.Add(kind!), nameof(KindPriority), $"lists '{kind}' twice.", "Duplicate");
            }
        }

        foreach (var (kind, max) in MaxPerProfile ?? new Dictionary<string, int>())
        {
            check.Require(kinds.Contains(kind), nameof(MaxPerProfile), $"names kind '{kind}', which KindPriority does not list.", "UnknownReference")
                .AtLeast(max, 1, $"{nameof(MaxPerProfile)}[{kind}]");
        }

        const IdentifierNormalization all = IdentifierNormalization.Trim | IdentifierNormalization.LowerCase | IdentifierNormalization.RemoveWhiteSpace;
        foreach (var (kind, normalization) in Normalization ?? new Dictionary<string, IdentifierNormalization>())
        {
            check.Require(kinds.Contains(kind), nameof(Normalization), $"names kind '{kind}', which KindPriority does not list.", "UnknownReference")
                .Require((normalization & ~all) == 0, $"{nameof(Normalization)}[{kind}]", $"{normalization} is not a combination of defined flags.", "Defined");
        }

        check.AtLeast(MaxRefusalDetails, 0, nameof(MaxRefusalDetails))
            .Require(BlockedValues is null || !BlockedValues.Any(v => v is null), nameof(BlockedValues), "must not contain null.", "Required")
            .ThrowIfAny();
    }
}
