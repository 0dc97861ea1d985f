using System.Globalization;
using JourneyKit.Events;

namespace JourneyKit.Discovery;

/// <summary>A pain point found in the log: what the map gets, and the numbers behind it.</summary>
internal sealed record DiscoveredPainPoint(string Id, string Description, string StageId, string Touchpoint, Severity Severity, string Category, IReadOnlyList<string> Lines, PainPointEvidence Evidence);

/// <summary>
/// Pain points with evidence, each anchored on its touchpoint and stage, and each resting on at least
/// <see cref="MapDiscoveryOptions.MinimumEvidence"/> journeys, transitions or ratings:
/// unusual exits (exit share at least twice the median of the stage's other touchpoints and 10 points above it), backtracks (a quarter or more of
/// the transitions from a touchpoint go to an earlier stage), long dwell (median time to the next step at least three
/// times that of the stage's other touchpoints, and at least an hour longer), low feedback (mean rating at −0.5 or below on the −2..+2 scale).
/// </summary>
internal static class DiscoveredPainPoints
{
    public static List<DiscoveredPainPoint> Find(EventLog log, TouchpointTally t, List<DiscoveredStage> stages, int[] stageOf, List<TouchpointEvidence> evidence,
        long[] backFrom, long[] transFrom, (double Minimum, double Maximum)? scale, double logBackShare, MapDiscoveryOptions options)
    {
        var found = new List<DiscoveredPainPoint>();
        int min = options.MinimumEvidence;
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        // A map draws a pain point's description in a box: a short headline there, the full account in its evidence.
        static string Short(string label) => label.Length <= 24 ? label : label[..23] + "…";
        void Add(int tp, string kind, string category, double observed, double typical, long count, Severity severity, string description, params string[] lines)
        {
            string id = F($"pain-{kind}-{found.Count(f => f.Evidence.Kind == kind) + 1}");
            found.Add(new DiscoveredPainPoint(id, description, stages[stageOf[tp]].Id, log.TouchpointNames[tp], severity, category, lines,
                new PainPointEvidence(id, log.TouchpointNames[tp], kind, observed, typical, count, severity)));
        }

        // A touchpoint is compared with the other touchpoints of its stage (with enough evidence); alone in its stage, with
        // every other touchpoint of the log.
        (double Value, string Of) Typical(TouchpointEvidence self, DiscoveredStage stage, List<TouchpointEvidence> members, Func<TouchpointEvidence, bool> enough, Func<TouchpointEvidence, double> figure)
        {
            var others = members.Where(o => o != self && enough(o)).ToList();
            return others.Count > 0
                ? (Median(others.Select(figure)), $"the other touchpoints of {stage.Name}")
                : (Median(evidence.Where(o => o != self && enough(o)).Select(figure)), "the log's other touchpoints");
        }

        foreach (var stage in stages)
        {
            var members = stage.Touchpoints.Select(label => evidence.First(e => e.Touchpoint == label)).ToList();
            foreach (var e in members)
            {
                int tp = Index(log, e.Touchpoint);
                var (typicalExit, exitScope) = Typical(e, stage, members, o => o.Journeys >= min, o => o.ExitShare);
                var (typicalDwell, dwellScope) = Typical(e, stage, members, o => t.DwellCount[Index(log, o.Touchpoint)] >= min, o => o.MedianTimeToNext.TotalHours);
                long exits = t.Exits[tp];
                if (e.Journeys >= min && exits >= min && e.ExitShare >= Math.Max(2 * typicalExit, typicalExit + 0.10))
                {
                    double excess = e.ExitShare - typicalExit;
                    Add(tp, "exit", "drop-off", e.ExitShare, typicalExit, exits,
                        excess >= 0.40 ? Severity.Critical : excess >= 0.25 ? Severity.High : excess >= 0.15 ? Severity.Medium : Severity.Low,
                        F($"Drop-off at '{Short(e.Touchpoint)}': {e.ExitShare:P0} exit (typically {typicalExit:P0})"),
                        F($"Journeys end at '{e.Touchpoint}' without converting: {e.ExitShare:P0} of the {e.Journeys:N0} journeys that reach it, against {typicalExit:P0} typical of {exitScope}."),
                        F($"{exits:N0} of {e.Journeys:N0} journeys reaching '{e.Touchpoint}' end there without converting ({e.ExitShare:P1})"),
                        F($"median exit share of {exitScope}: {typicalExit:P1}"));
                }

                double backShare = (double)backFrom[tp] / Math.Max(1, transFrom[tp]);
                if (backFrom[tp] >= min && backShare >= 0.25)
                {
                    Add(tp, "backtrack", "backtrack", backShare, logBackShare, backFrom[tp],
                        backShare >= 0.6 ? Severity.High : backShare >= 0.4 ? Severity.Medium : Severity.Low,
                        F($"Backtracks from '{Short(e.Touchpoint)}': {backShare:P0} go back"),
                        F($"Customers go back to an earlier stage from '{e.Touchpoint}': {backShare:P0} of its {transFrom[tp]:N0} onward steps, against {logBackShare:P0} across the log."),
                        F($"{backFrom[tp]:N0} of {transFrom[tp]:N0} steps from '{e.Touchpoint}' go to an earlier stage ({backShare:P1})"),
                        F($"share of all steps that go back: {logBackShare:P1}"));
                }

                double hours = e.MedianTimeToNext.TotalHours;
                if (t.DwellCount[tp] >= min && typicalDwell > 0 && hours >= 3 * typicalDwell && hours - typicalDwell >= 1)
                {
                    double ratio = hours / typicalDwell;
                    Add(tp, "dwell", "waiting", hours, typicalDwell, t.DwellCount[tp],
                        ratio >= 10 ? Severity.High : ratio >= 5 ? Severity.Medium : Severity.Low,
                        F($"Long wait after '{Short(e.Touchpoint)}': {hours:0.#} h (typically {typicalDwell:0.#} h)"),
                        F($"Customers wait long after '{e.Touchpoint}': a median {hours:0.#} h to the next step, {ratio:0.#}× the {typicalDwell:0.#} h typical of {dwellScope}."),
                        F($"median time to the next step after '{e.Touchpoint}': {hours:0.##} h over {t.DwellCount[tp]:N0} steps"),
                        F($"median of {dwellScope}: {typicalDwell:0.##} h"));
                }

                if (scale is { } s && e.Ratings >= min)
                {
                    double value = Emotion.FromScale(e.MeanRating, s.Minimum, s.Maximum).Value;
                    if (value <= -0.5)
                    {
                        Add(tp, "feedback", "dissatisfaction", value, 0, e.Ratings,
                            value <= -1.5 ? Severity.Critical : value <= -1 ? Severity.High : value <= -0.75 ? Severity.Medium : Severity.Low,
                            F($"Low ratings at '{Short(e.Touchpoint)}': {e.MeanRating:0.0} of {s.Maximum:0}"),
                            F($"Customers rate '{e.Touchpoint}' low: a mean {e.MeanRating:0.0} on the {s.Minimum:0}–{s.Maximum:0} scale ({value:+0.0;-0.0} on −2..+2) over {e.Ratings:N0} ratings."),
                            F($"{e.Ratings:N0} ratings at '{e.Touchpoint}', mean {e.MeanRating:0.00} on {s.Minimum:0}–{s.Maximum:0}"));
                    }
                }
            }
        }

        return found;
    }

    private static int Index(EventLog log, string label)
    {
        for (int i = 0; i < log.TouchpointNames.Count; i++)
        {
            if (string.Equals(log.TouchpointNames[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
