using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

public sealed partial class JourneyModel
{
    /// <summary>
    /// Resolves a scenario's steps to indices and checks every change on the fitted chain, in order, so that an error
    /// names the change at fault before any draw is made.
    /// </summary>
    private ResolvedChange[] Resolve(JourneyScenario scenario, List<string> notes)
    {
        var chain = new DenseChain(_steps.Length, Absorbing);
        FillFitted(chain);
        var resolved = new ResolvedChange[scenario.Changes.Count];
        for (int i = 0; i < resolved.Length; i++)
        {
            ScenarioChange change = scenario.Changes[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"Change {i + 1} of scenario '{scenario.Name}' ({change})");
            if (change.FromMap && change.Kind == ScenarioChangeKind.RemoveStep && !_index.ContainsKey(change.Step!))
            {
                // A touchpoint the future map drops that no journey had before converting cannot change a conversion.
                notes.Add($"{change}: {(_afterConversionOnly.Contains(change.Step!) ? "the step only appears after conversion in this log" : "no journey of the log has the step")}, so removing it changes no conversion.");
                resolved[i] = new ResolvedChange(ScenarioChangeKind.RemoveStep, -1, -1, double.NaN);
                continue;
            }

            resolved[i] = change.Kind switch
            {
                ScenarioChangeKind.SetTransition or ScenarioChangeKind.ScaleTransition => Transition(chain, change, at, nameof(scenario)),
                ScenarioChangeKind.RemoveStep or ScenarioChangeKind.ScaleDwell => new ResolvedChange(change.Kind, ScenarioStep(change.Step!, at, nameof(scenario)), -1, change.Value),
                _ => new ResolvedChange(change.Kind, -1, -1, change.Value),
            };
            Apply(chain, resolved.AsSpan(i, 1), at, nameof(scenario));
        }

        if (!chain.Factor())
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' traps journeys in a loop they never leave (between {Trapped(chain)}): every path out was set to 0. Leave each step some way to convert or end.", nameof(scenario));
        }

        return resolved;
    }

    private ResolvedChange Transition(DenseChain chain, ScenarioChange change, string at, string paramName)
    {
        int from = ScenarioStep(change.Step!, at, paramName);
        int to = change.To switch
        {
            ConvertedState => _steps.Length,
            LostState => _steps.Length + 1,
            ChurnedState when Absorbing == 3 => _steps.Length + 2,
            ChurnedState => throw new ArgumentException($"{at}: the model has no '{ChurnedState}' state; fit with ChurnIsAbsorbing to make churn one.", paramName),
            _ => ScenarioStep(change.To!, at, paramName),
        };
        if (chain.P[(from * chain.W) + to] <= 0)
        {
            throw new ArgumentException($"{at}: no journey went from '{Guard.Clip(change.Step!)}' to '{Guard.Clip(change.To!)}', so the model has no such transition to change. A new path needs a stated assumption on observed ones (a new touchpoint is priced through the transitions it would change).", paramName);
        }

        return new ResolvedChange(change.Kind, from, to, change.Value);
    }

    private int ScenarioStep(string step, string at, string paramName) =>
        _index.TryGetValue(step, out int s) ? s : throw new ArgumentException($"{at}: {UnknownStep(step)}", paramName);

    private static void Apply(DenseChain chain, ReadOnlySpan<ResolvedChange> changes, string? at = null, string? paramName = null)
    {
        foreach (ResolvedChange change in changes)
        {
            switch (change.Kind)
            {
                case ScenarioChangeKind.SetTransition:
                    SetRow(chain, change.From, change.To, change.Value, at, paramName);
                    break;
                case ScenarioChangeKind.ScaleTransition:
                    SetRow(chain, change.From, change.To, Math.Min(1, chain.P[(change.From * chain.W) + change.To] * change.Value), at, paramName);
                    break;
                case ScenarioChangeKind.RemoveStep when change.From >= 0:
                    RemoveStep(chain, change.From);
                    break;
                case ScenarioChangeKind.RemoveStep:
                    break;
                case ScenarioChangeKind.ScaleDwell:
                    chain.Dwell[change.From] *= change.Value;
                    break;
                default:
                    chain.Value = change.Value;
                    break;
            }
        }
    }

    /// <summary>P(from → to) = p, the rest of the row scaled by (1 − p) / (1 − old).</summary>
    private static void SetRow(DenseChain chain, int from, int to, double p, string? at, string? paramName)
    {
        var row = chain.P.AsSpan(from * chain.W, chain.W);
        double rest = 1 - row[to];
        if (rest <= 1e-15)
        {
            if (p < 1 && at is not null)
            {
                throw new ArgumentException($"{at}: every journey at that step takes this transition, so there is nothing to scale up when it falls to {p.ToString("0.####", CultureInfo.InvariantCulture)}; change another transition of the row instead.", paramName);
            }

            // In a draw the row is all but this one transition: its tiny rest takes the remainder.
            rest = Math.Max(rest, 1e-300);
        }

        double scale = (1 - p) / rest;
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = j == to ? p : row[j] * scale;
        }
    }

    /// <summary>
    /// Journeys skip the step: flow into it (and the journeys that started there) goes on as the journeys that left it
    /// for another step or a conversion did, in their proportions — its losses go with it. A step no journey went on
    /// from (only losses) passes its in-flow to where its journeys ended.
    /// </summary>
    /// <remarks>
    /// Sending the in-flow to every exit, losses included, would be the elimination of a state, which leaves every
    /// absorption probability unchanged: removing a step could then never change conversion, only time.
    /// </remarks>
    private static void RemoveStep(DenseChain chain, int step)
    {
        int w = chain.W, t = chain.T;
        var own = chain.P.AsSpan(step * w, w);
        double onward = 0, leave = 0;
        for (int j = 0; j < w; j++)
        {
            if (j != step)
            {
                leave += own[j];
                onward += j <= t ? own[j] : 0;
            }
        }

        bool keepLosses = onward <= 0;
        double through = keepLosses ? leave : onward;
        if (through <= 0)
        {
            return;
        }

        for (int r = -1; r < t; r++)
        {
            if (r == step)
            {
                continue;
            }

            Span<double> row = r < 0 ? chain.Start.AsSpan() : chain.P.AsSpan(r * w, w);
            double inflow = row[step];
            if (inflow == 0)
            {
                continue;
            }

            row[step] = 0;
            double share = inflow / through;
            int width = r < 0 ? t : w;
            for (int j = 0; j < width; j++)
            {
                if (j != step && (keepLosses || j <= t))
                {
                    row[j] += share * own[j];
                }
            }

            if (r < 0)
            {
                // Journeys that started at the step go on as its journeys did: those that converted there convert at once
                // (the rest of the start mass for losses, when losses are kept, ends at once and adds nothing).
                chain.StartConverted += share * own[t];
            }
        }
    }
}
