using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Attribution;

/// <summary>
/// One aggregated customer path, the format attribution data comes in: the channels touched in order, and how many
/// journeys on this path converted (with their total value) and how many did not ("nulls").
/// </summary>
public sealed class PathRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="channels">The channels in order; at least one, none blank.</param>
    /// <param name="conversions">Conversions on this path. Range: finite, ≥ 0.</param>
    /// <param name="conversionValue">Their total value. Range: finite, ≥ 0.</param>
    /// <param name="nulls">Journeys on this path without conversion. Range: finite, ≥ 0.</param>
    /// <param name="touchAges">
    /// Optional: for each touch, the time from the touch to the conversion (or the end of the path); needed by the
    /// time-decay model. Same length as <paramref name="channels"/>, non-negative.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">The path is empty, a channel is blank or reserved (in parentheses, such as <c>(start)</c>, or containing <c> &gt; </c>; <c>(unknown)</c>, the channel of events without one, is allowed), or the ages do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the value is negative, NaN or infinite.</exception>
    public PathRecord(IEnumerable<string> channels, double conversions, double conversionValue, double nulls, IEnumerable<TimeSpan>? touchAges = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var list = channels.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A path needs at least one channel.", nameof(channels));
        }

        for (int i = 0; i < list.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i]))
            {
                throw new ArgumentException($"Channel {i} of the path is blank.", nameof(channels));
            }

            if (list[i] != UnknownChannel && Guard.ReservedLabel(list[i]) is { } reserved)
            {
                throw new ArgumentException($"Channel {i} of the path, '{Guard.Clip(list[i])}', {reserved}", nameof(channels));
            }
        }

        Channels = list;
        Conversions = Check(conversions, nameof(conversions));
        ConversionValue = Check(conversionValue, nameof(conversionValue));
        Nulls = Check(nulls, nameof(nulls));
        if (touchAges is not null)
        {
            var ages = touchAges.ToArray();
            if (ages.Length != list.Length || ages.Any(a => a < TimeSpan.Zero))
            {
                throw new ArgumentException($"Touch ages must be non-negative, one per channel ({list.Length}).", nameof(touchAges));
            }

            TouchAges = ages;
        }
    }

    // The step of events whose channel (or stage) is not known; the one reserved label a path may carry.
    internal const string UnknownChannel = LevelColumns.Unknown;

    /// <summary>Gets the channels in order.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>Gets the number of conversions on this path.</summary>
    public double Conversions { get; }

    /// <summary>Gets the total conversion value.</summary>
    public double ConversionValue { get; }

    /// <summary>Gets the number of journeys on this path that did not convert.</summary>
    public double Nulls { get; }

    /// <summary>Gets the age of each touch at conversion (or path end), or <see langword="null"/> when unknown.</summary>
    public IReadOnlyList<TimeSpan>? TouchAges { get; }

    /// <summary>Parses a path written as channels separated by <c>&gt;</c> ("search &gt; email &gt; direct"); tokens are trimmed and empty tokens ignored.</summary>
    /// <param name="path">The path text.</param>
    /// <param name="conversions">Conversions. Range: finite, ≥ 0.</param>
    /// <param name="conversionValue">Total conversion value. Range: finite, ≥ 0.</param>
    /// <param name="nulls">Non-conversions. Range: finite, ≥ 0.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The path has no channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the value is negative, NaN or infinite.</exception>
    public static PathRecord Parse(string path, double conversions, double conversionValue, double nulls)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tokens = path.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw new ArgumentException($"Path '{path}' has no channel.", nameof(path));
        }

        return new PathRecord(tokens, conversions, conversionValue, nulls);
    }

    /// <summary>Builds paths from an event log as records: the second way from a log to paths, before the API grammar kept one.</summary>
    /// <param name="log">The log.</param>
    /// <param name="level">The step level.</param>
    /// <param name="lookback">Only touches this long before the conversion count; <see langword="null"/> for all.</param>
    /// <returns>The rows of <see cref="PathDataSet.FromEventLog"/>, as records.</returns>
    [Obsolete("Use PathDataSet.FromEventLog(log, level, lookback): the one way from a log to paths, which every attribution model takes (Records() lists its rows). FromEventLog will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static IReadOnlyList<PathRecord> FromEventLog(EventLog log, PathLevel level = PathLevel.Channel, TimeSpan? lookback = null) =>
        Build(log, level, lookback, CancellationToken.None);

    // Per customer, the steps up to and including each conversion within the lookback, and the trailing path with one null.
    internal static IReadOnlyList<PathRecord> Build(EventLog log, PathLevel level, TimeSpan? lookback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (lookback is { } l && l <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lookback), l, "The lookback window must be positive.");
        }

        var (ids, names) = LevelColumns.At(log, level);
        var ticks = log.UtcTicks;
        var outcomes = log.Outcomes;
        var values = log.Values;
        var records = new List<PathRecord>();
        foreach (var journey in log.Journeys.Checked(cancellationToken))
        {
            int from = journey.Start, end = journey.Start + journey.Count;
            for (int k = from; k < end; k++)
            {
                bool converted = outcomes[k] == EventOutcome.Conversion;
                if (!converted && k < end - 1)
                {
                    continue;
                }

                int first = from;
                if (converted && lookback is { } window)
                {
                    while (first < k && ticks[k] - ticks[first] > window.Ticks)
                    {
                        first++;
                    }
                }

                var channels = new string[k - first + 1];
                var ages = new TimeSpan[channels.Length];
                for (int i = first; i <= k; i++)
                {
                    channels[i - first] = ids[i] >= 0 ? names[ids[i]] : UnknownChannel;
                    ages[i - first] = TimeSpan.FromTicks(ticks[k] - ticks[i]);
                }

                double value = converted && !values.IsEmpty && !double.IsNaN(values[k]) ? values[k] : 0;
                records.Add(new PathRecord(channels, converted ? 1 : 0, value, converted ? 0 : 1, ages));
                from = k + 1;
            }
        }

        return records.AsReadOnly();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{string.Join(" > ", Channels)}: {Conversions} conversions ({ConversionValue}), {Nulls} nulls");

    private static double Check(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} is {value.ToString(CultureInfo.InvariantCulture)}; it must be finite and non-negative.");
        }

        return value;
    }
}
