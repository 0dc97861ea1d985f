using System.Globalization;
using JourneyKit.Internal;

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

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(CustomerAttributeOptions))
            .NotBlank(CustomerIdColumn, nameof(CustomerIdColumn))
            .NotNull(NumberColumns, nameof(NumberColumns))
            .AtLeast(MaxErrorDetails, 0, nameof(MaxErrorDetails))
            .Defined(Policy, nameof(Policy))
            .ThrowIfAny();
    }
}
