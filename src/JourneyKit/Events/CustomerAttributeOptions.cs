using System.Globalization;

namespace JourneyKit.Events;

/// <summary>How a contacts export (one row per customer: segment, plan, region, account owner…) is read.</summary>
public sealed record CustomerAttributeOptions
{
    /// <summary>Gets the customer id column (CSV header name or JSON property). Default <c>customer_id</c>.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>
    /// Gets the columns that hold numbers (lifetime value, seats, NPS…); every other column is text. Explicit rather
    /// than guessed: a zip code or an account number looks like a number and is not one. Default: none.
    /// </summary>
    public IReadOnlyCollection<string> NumberColumns { get; init; } = [];

    /// <summary>Gets the culture of numbers; <see langword="null"/> (the default) is the invariant culture.</summary>
    public CultureInfo? NumberCulture { get; init; }

    /// <summary>Gets what happens to bad rows. Default <see cref="IngestPolicy.Collect"/>.</summary>
    public IngestPolicy Policy { get; init; } = IngestPolicy.Collect;

    /// <summary>Gets how many rejected rows keep their details. Default 1,000. Range: ≥ 0.</summary>
    public int MaxErrorDetails { get; init; } = 1000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(CustomerIdColumn))
        {
            throw new ArgumentException("CustomerIdColumn must not be empty.", nameof(CustomerIdColumn));
        }

        ArgumentNullException.ThrowIfNull(NumberColumns, nameof(NumberColumns));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxErrorDetails, nameof(MaxErrorDetails));
        if (!Enum.IsDefined(Policy))
        {
            throw new ArgumentOutOfRangeException(nameof(Policy), Policy, "Policy is not a defined ingest policy.");
        }
    }
}
