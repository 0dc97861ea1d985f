namespace JourneyKit.Events;

/// <summary>Why a row was rejected.</summary>
public enum RejectReason
{
    /// <summary>The row could not be read at all: wrong number of columns, invalid JSON, not an object.</summary>
    MalformedRow = 0,

    /// <summary>The customer id is missing or blank.</summary>
    MissingCustomerId,

    /// <summary>The touchpoint is missing or blank.</summary>
    MissingTouchpoint,

    /// <summary>The timestamp is missing, cannot be parsed, or does not exist in the configured time zone.</summary>
    BadTimestamp,

    /// <summary>The timestamp has no UTC offset and no time zone for such timestamps is configured.</summary>
    NaiveTimestamp,

    /// <summary>The touchpoint is not in the builder's map (and the builder refuses unknown touchpoints).</summary>
    UnknownTouchpoint,

    /// <summary>The channel is not in the builder's map (and the builder refuses unknown labels).</summary>
    UnknownChannel,

    /// <summary>The stage is not in the builder's map (and the builder refuses unknown labels).</summary>
    UnknownStage,

    /// <summary>The outcome is not one of <c>none</c>, <c>conversion</c>, <c>churn</c>.</summary>
    UnknownOutcome,

    /// <summary>A number (value or feedback) cannot be parsed.</summary>
    BadNumber,

    /// <summary>A number is NaN or infinite.</summary>
    NonFiniteValue,

    /// <summary>The feedback score lies outside the configured range.</summary>
    FeedbackOutOfRange,

    /// <summary>The same (customer, timestamp, touchpoint) was already read and de-duplication is on.</summary>
    Duplicate,

    /// <summary>A count or value that must not be negative is negative.</summary>
    NegativeValue,

    /// <summary>A path has no channel (after trimming and dropping empty tokens).</summary>
    EmptyPath,

    /// <summary>
    /// A touchpoint, channel or stage uses a label JourneyKit reserves for its own: a name in parentheses such as
    /// <c>(unknown)</c> or <c>(start)</c>, or one containing <c> &gt; </c>.
    /// </summary>
    ReservedLabel,

    /// <summary>An id or label is not valid Unicode (a lone surrogate), so it could not be stored and written back exactly.</summary>
    InvalidText,
}
