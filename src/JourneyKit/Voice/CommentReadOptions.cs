using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>How <see cref="CommentReader"/> reads comments from CSV or JSON Lines: the column (property) names, the policy and the limits.</summary>
public sealed record CommentReadOptions
{
    /// <summary>Gets the customer id column. Default <c>customer_id</c>.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>Gets the timestamp column: ISO 8601 with an offset or <c>Z</c> (a time without one is rejected: no parse consults the host's time zone). Default <c>timestamp</c>.</summary>
    public string TimestampColumn { get; init; } = "timestamp";

    /// <summary>Gets the text column. Default <c>text</c>.</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>Gets the optional touchpoint column (absent or empty: the comment is placed on the journey). Default <c>touchpoint</c>.</summary>
    public string TouchpointColumn { get; init; } = "touchpoint";

    /// <summary>Gets the optional channel column. Default <c>channel</c>.</summary>
    public string ChannelColumn { get; init; } = "channel";

    /// <summary>Gets the optional source column. Default <c>source</c>.</summary>
    public string SourceColumn { get; init; } = "source";

    /// <summary>Gets the optional rating column (a finite number). Default <c>rating</c>.</summary>
    public string RatingColumn { get; init; } = "rating";

    /// <summary>Gets what a bad row does: collected in the report (default) or thrown at once.</summary>
    public IngestPolicy Policy { get; init; } = IngestPolicy.Collect;

    /// <summary>Gets how many rejected rows are kept with their details (all are counted). Default 1,000. Range: ≥ 0.</summary>
    public int MaxErrorDetails { get; init; } = 1000;

    /// <summary>Gets the longest record, in characters: a longer one is rejected, not read into memory. Default 4 MiB (a 1 MB comment is read). Range: ≥ 1.</summary>
    public int MaxRecordLength { get; init; } = 4 << 20;

    /// <summary>Gets the most lines one quoted CSV record may span (comments contain line breaks). Default 1,000. Range: ≥ 1.</summary>
    public int MaxLinesPerRecord { get; init; } = 1000;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(CommentReadOptions))
            .NotBlank(CustomerIdColumn, nameof(CustomerIdColumn))
            .NotBlank(TimestampColumn, nameof(TimestampColumn))
            .NotBlank(TextColumn, nameof(TextColumn))
            .NotBlank(TouchpointColumn, nameof(TouchpointColumn))
            .NotBlank(ChannelColumn, nameof(ChannelColumn))
            .NotBlank(SourceColumn, nameof(SourceColumn))
            .NotBlank(RatingColumn, nameof(RatingColumn))
            .Defined(Policy, nameof(Policy))
            .AtLeast(MaxErrorDetails, 0, nameof(MaxErrorDetails))
            .AtLeast(MaxRecordLength, 1, nameof(MaxRecordLength))
            .AtLeast(MaxLinesPerRecord, 1, nameof(MaxLinesPerRecord))
            .ThrowIfAny();
}
