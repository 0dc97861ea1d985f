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

        IReadOnlyList<string> ids = log.CustomerIds;
        int[] order = CustomerOrder.Of(log);
        var names = new List<string>();
        int channels = log.ChannelNames.Count;
        int stages = log.StageNames.Count;
        bool ordered = log.Map is not null;
        names.AddRange(log.ChannelNames.Select(c => "channel:" + c));
        names.AddRange(log.StageNames.Select(s => "reached:" + s));
        if (ordered)
        {
            names.Add("backtracks");
            names.Add("skips");
        }

        names.Add("events");
        bool sessions = !log.SessionIds.IsEmpty;
        if (sessions)
        {
            names.Add("sessions");
        }

        names.Add("days");
        names.Add("converted");
        bool values = !log.Values.IsEmpty;
        if (values)
        {
            names.Add("value");
        }

        bool feedback = !log.Feedback.IsEmpty;
        if (feedback)
        {
            names.Add("feedback");
        }

        string[] numberAttributes = attributes is null ? [] : [.. attributes.Names.Where(attributes.IsNumber)];
        names.AddRange(numberAttributes.Select(a => "attribute:" + a));
        int width = names.Count;
        var x = new double[order.Length * width];
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        ReadOnlySpan<int> channel = log.ChannelIds;
        ReadOnlySpan<int> stage = log.StageIds;
        ReadOnlySpan<long> ticks = log.UtcTicks;
        ReadOnlySpan<EventOutcome> outcomes = log.Outcomes;
        ReadOnlySpan<int> sessionIds = log.SessionIds;
        ReadOnlySpan<double> eventValues = log.Values;
        ReadOnlySpan<double> eventFeedback = log.Feedback;
        var seenSessions = new HashSet<int>();
        for (int r = 0; r < order.Length; r++)
        {
            int c = order[r];
            int from = offsets[c];
            int to = offsets[c + 1];
            Span<double> row = x.AsSpan(r * width, width);
            int col = 0;
            for (int e = from; e < to; e++)
            {
                if (channel[e] >= 0)
                {
                    row[channel[e]] += 1.0 / (to - from);
                }

                if (stage[e] >= 0)
                {
                    row[channels + stage[e]] = 1;
                }
            }

            col = channels + stages;
            if (ordered)
            {
                int last = -1;
                for (int e = from; e < to; e++)
                {
                    if (stage[e] < 0)
                    {
                        continue;
                    }

                    if (last >= 0 && stage[e] < last)
                    {
                        row[col]++;
                    }
                    else if (last >= 0 && stage[e] > last + 1)
                    {
                        row[col + 1]++;
                    }

                    last = stage[e];
                }

                col += 2;
            }

            row[col++] = to - from;
            if (sessions)
            {
                seenSessions.Clear();
                for (int e = from; e < to; e++)
                {
                    if (sessionIds[e] >= 0)
                    {
                        seenSessions.Add(sessionIds[e]);
                    }
                }

                row[col++] = seenSessions.Count;
            }

            row[col++] = TimeSpan.FromTicks(ticks[to - 1] - ticks[from]).TotalDays;
            row[col++] = outcomes[from..to].Contains(EventOutcome.Conversion) ? 1 : 0;
            if (values)
            {
                double sum = 0;
                for (int e = from; e < to; e++)
                {
                    sum += double.IsNaN(eventValues[e]) ? 0 : eventValues[e];
                }

                row[col++] = sum;
            }

            if (feedback)
            {
                double sum = 0;
                int n = 0;
                for (int e = from; e < to; e++)
                {
                    if (!double.IsNaN(eventFeedback[e]))
                    {
                        sum += eventFeedback[e];
                        n++;
                    }
                }

                row[col++] = n == 0 ? double.NaN : sum / n;
            }

            foreach (string a in numberAttributes)
            {
                row[col++] = attributes!.Number(ids[c], a);
            }
        }

        // Missing numbers (no feedback, no attribute value) take the column mean of those who have one.
        for (int j = 0; j < width; j++)
        {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < order.Length; r++)
            {
                double v = x[(r * width) + j];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    n++;
                }
            }

            double mean = n == 0 ? 0 : sum / n;
            for (int r = 0; r < order.Length; r++)
            {
                if (double.IsNaN(x[(r * width) + j]))
                {
                    x[(r * width) + j] = mean;
                }
            }
        }

        return new BehaviourFeatures([.. names], order, x);
    }
}
