using System.Globalization;

namespace JourneyKit.Experiments;

/// <summary>
/// The sufficient statistics of a metric in one arm: the number of users, the sum of their values and the sum of the
/// squared values (GrowthBook's <c>SampleMeanStatistic</c>). What a SQL <c>COUNT(*), SUM(x), SUM(x*x)</c> returns.
/// </summary>
/// <remarks>The default value has no users.</remarks>
public readonly record struct MeanSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="Count">The number of users. Range: ≥ 0.</param>
    /// <param name="Sum">The sum of their values. Finite.</param>
    /// <param name="SumOfSquares">The sum of their squared values. Range: ≥ Sum² / Count (up to rounding).</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative, a sum is not finite, the sum of squares is negative or smaller than the values' sum allows.</exception>
    public MeanSummary(long Count, double Sum, double SumOfSquares)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Count);
        if (!double.IsFinite(Sum))
        {
            throw new ArgumentOutOfRangeException(nameof(Sum), Sum, "The sum must be finite.");
        }

        if (!double.IsFinite(SumOfSquares) || SumOfSquares < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SumOfSquares), SumOfSquares, "The sum of squares must be finite and not negative.");
        }

        // Σx² ≥ (Σx)²/n for any real values; a little rounding is allowed.
        if (Count > 0 && SumOfSquares < Sum * Sum / Count * (1 - 1e-9) - 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(SumOfSquares), SumOfSquares, string.Create(CultureInfo.InvariantCulture,
                $"A sum of squares of {SumOfSquares} is impossible for {Count} values summing to {Sum} (it must be at least Sum²/Count = {Sum * Sum / Count})."));
        }

        if (Count == 0 && (Sum != 0 || SumOfSquares != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Sum), Sum, "With no users the sums must be 0.");
        }

        this.Count = Count;
        this.Sum = Sum;
        this.SumOfSquares = SumOfSquares;
    }

    /// <summary>Gets the number of users.</summary>
    public long Count { get; }

    /// <summary>Gets the sum of the values.</summary>
    public double Sum { get; }

    /// <summary>Gets the sum of the squared values.</summary>
    public double SumOfSquares { get; }

    /// <summary>Gets the mean.</summary>
    /// <value>NaN with no users.</value>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Gets the sample variance (n − 1 in the denominator), never below 0.</summary>
    /// <value>0 with fewer than two users (as gbstats).</value>
    public double Variance => Count <= 1 ? 0 : Math.Max(0, (SumOfSquares - Sum * Sum / Count) / (Count - 1));

    /// <summary>Summarises values.</summary>
    /// <param name="values">The values, one per user. Each finite.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static MeanSummary Of(ReadOnlySpan<double> values)
    {
        double sum = 0, squares = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (!double.IsFinite(x))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Value {i} is {x}; values must be finite."), nameof(values));
            }

            sum += x;
            squares += x * x;
        }

        return new MeanSummary(values.Length, sum, squares);
    }

    /// <summary>Gets the summary of two groups of users together.</summary>
    /// <param name="other">The other group.</param>
    /// <returns>The combined summary.</returns>
    public MeanSummary Add(MeanSummary other) => new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);

    /// <summary>Describes the summary, e.g. <c>n 3,407, mean 0.41, variance 15.2</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"n {Count:N0}, mean {Mean:G4}, variance {Variance:G4}");
}
