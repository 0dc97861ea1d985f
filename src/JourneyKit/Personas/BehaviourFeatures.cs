using JourneyKit.Events;

namespace JourneyKit.Personas;

/// <summary>
/// What each customer does, as numbers: channel mix (share of events per channel), stages reached (0/1), backtracks and
/// skips between stages (with a map, whose stage order is the journey's), events, sessions, days from first to last event,
/// converted (0/1), total value, mean feedback, and the caller's number attributes. A missing feedback score or
/// attribute takes the mean of the customers who have one. Customers in customer-id order.
/// </summary>
internal sealed class BehaviourFeatures
{
    private BehaviourFeatures(string[] names, int[] customers, double[] values)
    {
        Names = names;
        Customers = customers;
        Values = values;
    }

    public string[] Names { get; }

    /// <summary>The log's customer index per row.</summary>
    public int[] Customers { get; }

    /// <summary>Row-major: customer × feature.</summary>
    public double[] Values { get; }

    public int Rows => Customers.Length;

    public int Columns => Names.Length;

    public static BehaviourFeatures From(EventLog log, CustomerAttributes? attributes)
    {
        if (log.EventCount == 0)
        {
            throw new ArgumentException("The event log has no events; there are no customers to group.", nameof(log));
        }

        int[] order = CustomerOrder.Of(log);
        var layout = new Layout(
            log.ChannelNames.Count, log.StageNames.Count, log.Map is not null, !log.SessionIds.IsEmpty, !log.Values.IsEmpty, !log.Feedback.IsEmpty,
            attributes is null ? [] : [.. attributes.Names.Where(attributes.IsNumber)]);
        string[] names = ColumnNames(log, layout);
        int width = names.Length;
        var x = new double[order.Length * width];
        var seenSessions = new HashSet<int>();
        for (int r = 0; r < order.Length; r++)
        {
            FillRow(log, layout, attributes, order[r], x.AsSpan(r * width, width), seenSessions);
        }

        ImputeMissing(x, order.Length, width);
        return new BehaviourFeatures(names, order, x);
    }

    // The columns: channel mix, stages reached, backtracks and skips (with a map's stage order), events, sessions, days,
    // converted, value, feedback, numeric attributes — each only where the log has the data.
    private static string[] ColumnNames(EventLog log, Layout layout)
    {
        var names = new List<string>();
        names.AddRange(log.ChannelNames.Select(c => "channel:" + c));
        names.AddRange(log.StageNames.Select(s => "reached:" + s));
        if (layout.Ordered)
        {
            names.Add("backtracks");
            names.Add("skips");
        }

        names.Add("events");
        if (layout.Sessions)
        {
            names.Add("sessions");
        }

        names.Add("days");
        names.Add("converted");
        if (layout.Values)
        {
            names.Add("value");
        }

        if (layout.Feedback)
        {
            names.Add("feedback");
        }

        names.AddRange(layout.NumberAttributes.Select(a => "attribute:" + a));
        return [.. names];
    }

    private static void FillRow(EventLog log, Layout layout, CustomerAttributes? attributes, int c, Span<double> row, HashSet<int> seenSessions)
    {
        int from = log.CustomerOffsets[c], to = log.CustomerOffsets[c + 1];
        ReadOnlySpan<int> channel = log.ChannelIds, stage = log.StageIds;
        for (int e = from; e < to; e++)
        {
            if (channel[e] >= 0)
            {
                row[channel[e]] += 1.0 / (to - from);
            }

            if (stage[e] >= 0)
            {
                row[layout.Channels + stage[e]] = 1;
            }
        }

        int col = layout.Channels + layout.Stages;
        if (layout.Ordered)
        {
            (row[col], row[col + 1]) = BacktracksAndSkips(stage[from..to]);
            col += 2;
        }

        row[col++] = to - from;
        if (layout.Sessions)
        {
            seenSessions.Clear();
            foreach (int session in log.SessionIds[from..to])
            {
                if (session >= 0)
                {
                    seenSessions.Add(session);
                }
            }

            row[col++] = seenSessions.Count;
        }

        row[col++] = TimeSpan.FromTicks(log.UtcTicks[to - 1] - log.UtcTicks[from]).TotalDays;
        row[col++] = log.Outcomes[from..to].Contains(EventOutcome.Conversion) ? 1 : 0;
        if (layout.Values)
        {
            double sum = 0;
            foreach (double v in log.Values[from..to])
            {
                sum += double.IsNaN(v) ? 0 : v;
            }

            row[col++] = sum;
        }

        if (layout.Feedback)
        {
            double sum = 0;
            int n = 0;
            foreach (double f in log.Feedback[from..to])
            {
                if (!double.IsNaN(f))
                {
                    sum += f;
                    n++;
                }
            }

            row[col++] = n == 0 ? double.NaN : sum / n;
        }

        foreach (string a in layout.NumberAttributes)
        {
            row[col++] = attributes!.Number(log.CustomerIds[c], a);
        }
    }

    // Moves back to an earlier stage of the map, and jumps over at least one stage, among events with a stage.
    private static (double Backtracks, double Skips) BacktracksAndSkips(ReadOnlySpan<int> stages)
    {
        double backtracks = 0, skips = 0;
        int last = -1;
        foreach (int stage in stages)
        {
            if (stage < 0)
            {
                continue;
            }

            if (last >= 0 && stage < last)
            {
                backtracks++;
            }
            else if (last >= 0 && stage > last + 1)
            {
                skips++;
            }

            last = stage;
        }

        return (backtracks, skips);
    }

    // Missing numbers (no feedback, no attribute value) take the column mean of those who have one.
    private static void ImputeMissing(double[] x, int rows, int width)
    {
        for (int j = 0; j < width; j++)
        {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < rows; r++)
            {
                double v = x[(r * width) + j];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    n++;
                }
            }

            double mean = n == 0 ? 0 : sum / n;
            for (int r = 0; r < rows; r++)
            {
                if (double.IsNaN(x[(r * width) + j]))
                {
                    x[(r * width) + j] = mean;
                }
            }
        }
    }

    private readonly record struct Layout(int Channels, int Stages, bool Ordered, bool Sessions, bool Values, bool Feedback, string[] NumberAttributes);
}
