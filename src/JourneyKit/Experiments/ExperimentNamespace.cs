using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Experiments;

/// <summary>
/// A GrowthBook namespace range: splits over disjoint ranges of one namespace never share a customer. A customer is in
/// the range when GrowthBook's hash version 1 of the id with seed <c>"__" + Id</c> lies in [<see cref="Start"/>, <see cref="End"/>).
/// </summary>
public sealed record ExperimentNamespace
{
    /// <summary>Creates a namespace range.</summary>
    /// <param name="id">The namespace id. Not blank.</param>
    /// <param name="start">The range's start. Range: 0 ≤ start &lt; end.</param>
    /// <param name="end">The range's end. Range: start &lt; end ≤ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or leaves [0, 1].</exception>
    public ExperimentNamespace(string id, double start, double end)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!(start >= 0 && start < end && end <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, string.Create(CultureInfo.InvariantCulture, $"The namespace range [{start}, {end}) must satisfy 0 ≤ start < end ≤ 1."));
        }

        Id = id;
        Start = start;
        End = end;
    }

    /// <summary>Gets the namespace id.</summary>
    public string Id { get; }

    /// <summary>Gets the range's start (inclusive).</summary>
    public double Start { get; }

    /// <summary>Gets the range's end (exclusive).</summary>
    public double End { get; }

    /// <summary>Gets whether a customer id falls in the range.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <returns><see langword="true"/> when the id's namespace hash lies in [<see cref="Start"/>, <see cref="End"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public bool Contains(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        double n = HoldoutSplit.BucketV1("__" + Id, customerId);
        return n >= Start && n < End;
    }

    /// <summary>Describes the range, e.g. <c>namespace 'checkout' [0, 0.5)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"namespace '{Guard.Clip(Id)}' [{Start}, {End})");
}
