using JourneyKit.Experiments;
using JourneyKit.Forecasting;
using JourneyKit.Internal;
using JourneyKit.Personas;
using JourneyKit.Voice;
using JourneyKit.Rules;

namespace JourneyKit.Rendering;

/// <summary>Settings of <see cref="HtmlReport"/>.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>Gets the report title; default the map's name.</summary>
    public string? Title { get; init; }

    /// <summary>Gets a sentence shown under the title (how the map was made, what the data covers), or <see langword="null"/> for none.</summary>
    public string? Notice { get; init; }

    /// <summary>Gets how many path variants the report lists. Default 10. Range: 1..100.</summary>
    public int TopVariants { get; init; } = 10;

    /// <summary>Gets the scale of the feedback scores in the log (for NPS and the observed emotion curve). Default 0–10.</summary>
    public (double Minimum, double Maximum) FeedbackScale { get; init; } = (0, 10);

    /// <summary>Gets journey rules to back-test in the report (as of the log's last event): a section per rule with its firings over time and the share that recovered anyway. Default none.</summary>
    public IReadOnlyList<JourneyRule>? Rules { get; init; }

    /// <summary>Gets the settings for discovering behavioural personas in the report (a card and a small multiple of its own steps per persona), or <see langword="null"/> for none. Default none.</summary>
    public MarkovMixtureOptions? Personas { get; init; }

    /// <summary>
    /// Gets future-state scenarios to price in a "What if" section (a <see cref="JourneyModel"/> fitted at touchpoint
    /// level, each scenario forecast against it, and the levers worth investing in), or <see langword="null"/> for no such
    /// section. An empty list draws the levers alone. Default none. The section is left out when no journey converts.
    /// </summary>
    public IReadOnlyList<JourneyScenario>? Scenarios { get; init; }

    /// <summary>Gets the draws, seed and interval level of the "What if" section. Default <see cref="ForecastOptions"/>'s (1,000 draws, seed 0, 95 %).</summary>
    public ForecastOptions Forecast { get; init; } = new();

    /// <summary>
    /// Gets what customers wrote — survey comments, tickets, reviews — for a "Voice of the customer" section (sentiment per
    /// stage, the emotion curve from words against the designed one, the most negative phrases with quotes), or
    /// <see langword="null"/> for no such section. Default none.
    /// </summary>
    public IReadOnlyList<CustomerComment>? Comments { get; init; }

    /// <summary>Gets how the comments are placed and summarised. Default <see cref="VoiceOptions"/>'s.</summary>
    public VoiceOptions Voice { get; init; } = new();

    /// <summary>
    /// Gets how the "Experiments" section measures each of <see cref="Rules"/> that has a holdout (outcome, window, test).
    /// Default <see cref="RuleUpliftOptions"/>'s: a conversion within 7 days, the relative effect at 95 %.
    /// </summary>
    public RuleUpliftOptions Uplift { get; init; } = new();

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(nameof(HtmlReportOptions))
            .InRange(TopVariants, 1, 100, nameof(TopVariants))
            .Require(double.IsFinite(FeedbackScale.Minimum) && double.IsFinite(FeedbackScale.Maximum) && FeedbackScale.Maximum > FeedbackScale.Minimum,
                nameof(FeedbackScale), $"must be a finite, non-empty range (was [{FeedbackScale.Minimum}, {FeedbackScale.Maximum}]).")
            .Require(Rules is null || !Rules.Any(r => r is null), nameof(Rules), "must not contain null.", "Required")
            .Require(Scenarios is null || !Scenarios.Any(r => r is null), nameof(Scenarios), "must not contain null.", "Required")
            .Nested(Forecast, nameof(Forecast), () => Forecast.Validate())
            .Require(Comments is null || !Comments.Any(c => c is null), nameof(Comments), "must not contain null.", "Required")
            .Nested(Voice, nameof(Voice), () => Voice.Validate())
            .Nested(Uplift, nameof(Uplift), () => Uplift.Validate());
        if (Personas is not null)
        {
            check.Nested(Personas, nameof(Personas), Personas.Validate);
        }

        check.ThrowIfAny();
    }
}
