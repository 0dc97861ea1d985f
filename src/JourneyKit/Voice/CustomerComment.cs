using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>
/// What a customer wrote — a survey comment, a support ticket, a chat message, an app review — with when, and where it
/// belongs on the journey when the source says so.
/// </summary>
public sealed record CustomerComment
{
    /// <summary>Creates a comment.</summary>
    /// <param name="customerId">The customer, as the event log names them.</param>
    /// <param name="timestamp">When it was written.</param>
    /// <param name="text">The text (may be empty: it then scores neutral-free zeros and is counted).</param>
    /// <param name="touchpoint">The touchpoint it is about, when the source says so (a survey after checkout); otherwise it is placed on the journey.</param>
    /// <param name="channel">The channel it came through, or <see langword="null"/>.</param>
    /// <param name="source">Where it came from (survey, ticket, chat, review…), or <see langword="null"/>.</param>
    /// <param name="rating">A rating given with it (any scale), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is blank; a text is not valid Unicode; <paramref name="rating"/> is not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public CustomerComment(string customerId, DateTimeOffset timestamp, string text, string? touchpoint = null, string? channel = null, string? source = null, double? rating = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(customerId))
        {
            throw new ArgumentException("A comment needs a customer id.", nameof(customerId));
        }

        if (!Guard.IsValidUnicode(text))
        {
            throw new ArgumentException($"The comment of customer '{Guard.Clip(customerId)}' is not valid Unicode (a lone surrogate).", nameof(text));
        }

        if (rating is { } r && !double.IsFinite(r))
        {
            throw new ArgumentException($"The rating of the comment of customer '{Guard.Clip(customerId)}' is not finite.", nameof(rating));
        }

        CustomerId = customerId;
        Timestamp = timestamp;
        Text = text;
        Touchpoint = string.IsNullOrWhiteSpace(touchpoint) ? null : touchpoint;
        Channel = string.IsNullOrWhiteSpace(channel) ? null : channel;
        Source = string.IsNullOrWhiteSpace(source) ? null : source;
        Rating = rating;
    }

    /// <summary>Gets the customer id.</summary>
    public string CustomerId { get; }

    /// <summary>Gets when the comment was written.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the text.</summary>
    public string Text { get; }

    /// <summary>Gets the touchpoint the source names, or <see langword="null"/>.</summary>
    public string? Touchpoint { get; }

    /// <summary>Gets the channel, or <see langword="null"/>.</summary>
    public string? Channel { get; }

    /// <summary>Gets the source, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>Gets the rating given with it, or <see langword="null"/>.</summary>
    public double? Rating { get; }

    /// <summary>Formats the comment, its text clipped.</summary>
    /// <returns>"customer at time: text".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CustomerId} at {Timestamp:yyyy-MM-dd HH:mm}{(Touchpoint is null ? "" : $" on {Touchpoint}")}: {Guard.Clip(Text)}");
}
