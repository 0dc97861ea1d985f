using System.Globalization;
using System.Text;
using JourneyKit.Personas;

namespace JourneyKit.Rendering;

public static partial class Charts
{
    /// <summary>
    /// Draws one behavioural persona's own steps as a small multiple: its most distinctive steps, each as a bar of the
    /// persona's probability beside everyone's, with the lift — drawn at one scale for every persona so they compare.
    /// </summary>
    /// <param name="result">A result of <see cref="PersonaDiscovery.MarkovMixture(Events.EventLog, MarkovMixtureOptions?, CancellationToken)"/>.</param>
    /// <param name="persona">The persona index.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public static string PersonaSteps(PersonaDiscoveryResult result, int persona)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(persona);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(persona, result.Personas.Count);
        DiscoveredPersona p = result.Personas[persona];
        const double Width = 470, Row = 34, Top = 30, Label = 170, Bar = 180;
        IReadOnlyList<PersonaTransition> steps = p.DistinctiveTransitions;
        double height = Top + (Math.Max(1, steps.Count) * Row) + 24;
        var body = new StringBuilder();
        body.Append(Svg.Text(10, 18, $"Persona {persona}: its own steps (vs everyone)", 60, "font-size=\"13\" font-weight=\"700\""));
        for (int i = 0; i < steps.Count; i++)
        {
            PersonaTransition step = steps[i];
            double y = Top + (i * Row);
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"persona-step\"><title>{Svg.Escape(step.ToString())}</title>");
            body.Append(Svg.Text(10, y + 16, $"{step.From} → {step.To}", 26, "font-size=\"11\""));
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{Svg.N(y + 2)}\" width=\"{Svg.N(Math.Max(1, Bar * step.Probability))}\" height=\"11\" fill=\"{Palette[persona % Palette.Length]}\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{Svg.N(y + 15)}\" width=\"{Svg.N(Math.Max(1, Bar * step.PopulationProbability))}\" height=\"7\" fill=\"#7f8c8d\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label + Bar + 8}\" y=\"{Svg.N(y + 16)}\" font-size=\"11\">{step.Probability:P0} ({step.Lift:F1}×)</text></g>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{Svg.N(height - 8)}\" font-size=\"10\" fill=\"#576574\">coloured: this persona · grey: everyone · (lift)</text>");
        return Svg.Open(Width, height, $"Persona {persona} steps", p.Description) + body + Svg.Close;
    }
}
