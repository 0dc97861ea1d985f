using System.Globalization;

namespace JourneyKit.Metrics;

/// <summary>
/// A customer's purchase history summarised for buy-till-you-die models: repeat purchases (frequency x), the time of the
/// last purchase since the first (recency t_x) and the time observed since the first (T), in one time unit (weeks in the
/// published CDNOW analyses).
/// </summary>
/// <param name="Frequency">Repeat purchases (x). Range: whole number ≥ 0.</param>
/// <param name="Recency">Time of the last purchase after the first (t_x). Range: 0 ≤ t_x ≤ T; 0 when x = 0.</param>
/// <param name="T">Time observed since the first purchase. Range: finite, ≥ 0.</param>
public readonly record struct RfmSummary(double Frequency, double Recency, double T)
{
    /// <summary>
    /// Summarises transactions per customer: purchases on the same calendar day count once; frequency = purchase days − 1;
    /// recency and T are measured from the first purchase day, in units of <paramref name="unit"/>. Transactions after
    /// <paramref name="observationEnd"/> are ignored.
    /// </summary>
    /// <param name="transactions">(customer id, purchase date) pairs in any order.</param>
    /// <param name="observationEnd">The last day of the calibration period (inclusive).</param>
    /// <param name="unit">The time unit; default one week (7 days).</param>
    /// <returns>Per customer id (ordinal order), the summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not positive.</exception>
    public static IReadOnlyDictionary<string, RfmSummary> FromTransactions(IEnumerable<(string CustomerId, DateOnly Date)> transactions, DateOnly observationEnd, TimeSpan? unit = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        double days = (unit ?? TimeSpan.FromDays(7)).TotalDays;
        if (!(days > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "The time unit must be positive.");
        }

        var purchaseDays = new Dictionary<string, SortedSet<DateOnly>>(StringComparer.Ordinal);
        foreach (var (customer, date) in transactions)
        {
            if (date > observationEnd)
            {
                continue;
            }

            if (!purchaseDays.TryGetValue(customer, out var set))
            {
                purchaseDays[customer] = set = [];
            }

            set.Add(date);
        }

        var result = new SortedDictionary<string, RfmSummary>(StringComparer.Ordinal);
        foreach (var (customer, set) in purchaseDays)
        {
            int first = set.Min.DayNumber, last = set.Max.DayNumber;
            result[customer] = new RfmSummary(set.Count - 1, (last - first) / days, (observationEnd.DayNumber - first) / days);
        }

        return result.AsReadOnly();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"x = {Frequency:0.##} repeat purchases, t_x = {Recency:0.##}, T = {T:0.##}");

    internal void Validate(long index, string paramName = "customers")
    {
        if (!double.IsFinite(Frequency) || Frequency < 0 || Frequency != Math.Floor(Frequency) ||
            !double.IsFinite(Recency) || !double.IsFinite(T) || Recency < 0 || T < 0 || Recency > T + 1e-9 || (Frequency == 0 && Recency != 0))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                string.Create(CultureInfo.InvariantCulture,
                    $"Customer {index} has (x, t_x, T) = ({Frequency}, {Recency}, {T}); x must be a whole number ≥ 0 and 0 ≤ t_x ≤ T, with t_x = 0 when x = 0."));
        }
    }
}
