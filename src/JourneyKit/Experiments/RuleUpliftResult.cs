using JourneyKit.Internal;
using JourneyKit.Rules;

namespace JourneyKit.Experiments;

/// <summary>
/// What a rule's holdout shows (<see cref="RuleUplift"/>.Measure): per arm the complete firings and those followed by the
/// outcome within the window, the test between the arms, and the sample-ratio-mismatch check of the split.
/// </summary>
public sealed class RuleUpliftResult
{
    /// <summary>The p-value below which the split is flagged as broken (GrowthBook's default SRM threshold).</summary>
    public const double SampleRatioMismatchThreshold = 0.001;

    internal RuleUpliftResult(string ruleName, IHoldoutAssignment split, RuleUpliftOptions options, DateTimeOffset observedUntil, ArmOutcome treatment, ArmOutcome control,
        AbTestResult test, double srm, long outside, long incomplete, IReadOnlyList<SegmentUplift> segments)
    {
        RuleName = ruleName;
        Split = split;
        Window = options.Window;
        SegmentBy = options.SegmentBy;
        ObservedUntil = observedUntil;
        Treatment = treatment;
        Control = control;
        Test = test;
        SampleRatioMismatch = srm;
        OutsideExperiment = outside;
        Incomplete = incomplete;
        Segments = segments;
    }

    /// <summary>Gets the rule's name.</summary>
    public string RuleName { get; }

    /// <summary>Gets the rule's holdout split.</summary>
    public IHoldoutAssignment Split { get; }

    /// <summary>Gets the window after a firing in which the outcome counted.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets the end of what was observed: firings whose window ends later are <see cref="Incomplete"/>.</summary>
    public DateTimeOffset ObservedUntil { get; }

    /// <summary>Gets the treatment arm: firings that were acted on.</summary>
    public ArmOutcome Treatment { get; }

    /// <summary>Gets the control arm: held-out firings (<see cref="RuleFiring.IsHoldout"/>).</summary>
    public ArmOutcome Control { get; }

    /// <summary>Gets the test of the treatment's outcome rate against the control's (a firing is the unit).</summary>
    public AbTestResult Test { get; }

    /// <summary>Gets the sample-ratio-mismatch p-value: the customers with a complete firing per arm against the split's control share.</summary>
    public double SampleRatioMismatch { get; }

    /// <summary>Gets whether <see cref="SampleRatioMismatch"/> is below <see cref="SampleRatioMismatchThreshold"/>: the arms are not the split's, so their comparison cannot be trusted.</summary>
    public bool HasSampleRatioMismatch => SampleRatioMismatch < SampleRatioMismatchThreshold;

    /// <summary>Gets the firings of customers outside the experiment (a namespace left them out): acted on, not measured.</summary>
    public long OutsideExperiment { get; }

    /// <summary>Gets the firings whose window had not ended by <see cref="ObservedUntil"/>: their outcome is unknown, so they are in neither arm.</summary>
    public long Incomplete { get; }

    /// <summary>Gets the attribute the <see cref="Segments"/> break the uplift down by, or <see langword="null"/>.</summary>
    public string? SegmentBy { get; }

    /// <summary>Gets the uplift per segment, largest first (empty without <see cref="RuleUpliftOptions.SegmentBy"/>).</summary>
    public IReadOnlyList<SegmentUplift> Segments { get; }

    /// <summary>Describes the result, e.g. <c>cart-abandoned: treatment 13.2 % vs control 9.8 % …, SRM p = 0.41</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Guard.Clip(RuleName)}: treatment {Treatment}, control {Control}; {Test}; SRM p = {Show.Number(SampleRatioMismatch)}" +
        (HasSampleRatioMismatch ? " (sample ratio mismatch: the split is broken)" : string.Empty);
}
