// CDNOW end to end: transactions → RFM summary → BG/NBD fit → probability alive and expected purchases for the best
// customers → spend and lifetime value → Kaplan–Meier survival by acquisition cohort with a log-rank test.
// Run with: dotnet run --project samples/JourneyKit.Samples.Churn [-- path/to/CDNOW_master.txt]
// Without an argument it reads the copy shipped in the repository (datasets/CDNOW_master.txt.gz; MIT, see datasets/DATA.md).
using System.Globalization;
using System.IO.Compression;
using JourneyKit.Events;
using JourneyKit.Metrics;

string? path = args.Length > 0 ? args[0] : FindDefault();
if (path is null || !File.Exists(path))
{
    Console.Error.WriteLine(
        "This sample needs the CDNOW transaction file (CDNOW_master.txt: a header line, then 'customer_id yyyymmdd cds dollars' " +
        "per line, whitespace separated). Pass its path as the first argument; by default it reads datasets/CDNOW_master.txt.gz of this repository." +
        (path is null ? "" : $" Not found: {path}"));
    return 2;
}

var rows = Lines(path).Skip(1)
    .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(f => f.Length == 4)
    .Select(f => (Customer: f[0], Date: DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture), Dollars: double.Parse(f[3], CultureInfo.InvariantCulture)))
    .ToList();
var calibrationEnd = new DateOnly(1997, 9, 30);
var observationEnd = new DateOnly(1998, 6, 30);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{rows.Count:N0} transactions of {rows.Select(r => r.Customer).Distinct().Count():N0} customers, {rows.Min(r => r.Date):yyyy-MM-dd} to {rows.Max(r => r.Date):yyyy-MM-dd}"));

// 1. RFM in weeks over the calibration period (purchases on one day count once), then BG/NBD.
var rfm = RfmSummary.FromTransactions(rows.Select(r => (r.Customer, r.Date)), calibrationEnd);
BgNbdModel bgnbd = BgNbdModel.Fit(rfm.Values);
Console.WriteLine($"{bgnbd}  (all {rfm.Count:N0} customers; Fader, Hardie & Lee's 2,357-customer sample gives r = 0.243, as the tests check)");

// 2. Spend per repeat transaction (same-day purchases merged) and the Gamma-Gamma model.
var meanRepeatSpend = rows.Where(r => r.Date <= calibrationEnd)
    .GroupBy(r => r.Customer)
    .ToDictionary(g => g.Key, g =>
    {
        var days = g.GroupBy(r => r.Date).OrderBy(d => d.Key).Select(d => d.Sum(r => r.Dollars)).Skip(1).ToList();
        return days.Count == 0 ? 0 : days.Average();
    });
GammaGammaModel spend = GammaGammaModel.Fit(rfm.Select(kv => (kv.Value.Frequency, meanRepeatSpend[kv.Key])));
Console.WriteLine(spend);

Console.WriteLine();
Console.WriteLine("Best customers by expected purchases in the next 39 weeks:");
Console.WriteLine("  customer   x   t_x      T   P(alive)  next 39 wk   12-month CLV");
foreach (var (customer, summary) in rfm.OrderByDescending(kv => bgnbd.ConditionalExpectedPurchases(39, kv.Value)).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10))
{
    double clv = spend.CustomerLifetimeValue(bgnbd, summary, meanRepeatSpend[customer], periods: 12, discountRate: 0.01);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {customer,8} {summary.Frequency,3} {summary.Recency,5:F1} {summary.T,6:F1}   {bgnbd.ProbabilityAlive(summary),7:P1}  {bgnbd.ConditionalExpectedPurchases(39, summary),10:F2}   {"$" + clv.ToString("N0", CultureInfo.InvariantCulture),12}"));
}

// 3. Survival by acquisition cohort, from the purchases as an event log: a customer is lost once 180 days pass without
//    a purchase — at the last purchase + 180 days — or still active at the end of observation (censored).
Console.WriteLine();
var purchases = new EventLogBuilder();
foreach (var row in rows)
{
    purchases.Add(new JourneyEvent(row.Customer, new DateTimeOffset(row.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "purchase") { Value = row.Dollars });
}

EventLog log = purchases.Build();
var end = new DateTimeOffset(observationEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
var lifetimes = SurvivalData.UntilInactive(log, TimeSpan.FromDays(180), end)
    .Select((observation, c) => (Cohort: log.GetEvent(log.CustomerOffsets[c]).Timestamp.ToString("yyyy-MM", CultureInfo.InvariantCulture), Observation: observation))
    .ToList();
var cohorts = lifetimes.GroupBy(l => l.Cohort).OrderBy(g => g.Key).ToList();
Console.WriteLine("Lifetime by acquisition cohort (lost = 180 days without a purchase):");
foreach (var cohort in cohorts)
{
    var km = KaplanMeier.Fit(cohort.Select(c => c.Observation));
    var (lo, hi) = km.ConfidenceIntervalAt(365);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {cohort.Key}: {cohort.Count():N0} customers; still buying a year after their first purchase {km.SurvivalAt(365):P1} [{lo:P1}, {hi:P1}]; median lifetime {km.MedianSurvival:F0} days; RMST(540) {km.RestrictedMeanSurvivalTime(540):F0} days"));
}

var test = LogRank.Test(cohorts[0].Select(c => c.Observation), cohorts[^1].Select(c => c.Observation));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Log-rank {cohorts[0].Key} vs {cohorts[^1].Key}: χ² = {test.ChiSquare:F2}, p = {test.PValue:G3}"));
return 0;

// The repository's compressed copy, found upwards from the working directory or the program.
static string? FindDefault()
{
    foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "datasets", "CDNOW_master.txt.gz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    return null;
}

// The lines of a plain or gzip-compressed text file.
static IEnumerable<string> Lines(string path)
{
    using Stream file = File.OpenRead(path);
    using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    using var reader = new StreamReader(stream);
    while (reader.ReadLine() is { } line)
    {
        yield return line;
    }
}
