namespace JourneyKit.Experiments;

/// <summary>A rule's uplift within one segment of customers (<see cref="RuleUpliftOptions.SegmentBy"/>).</summary>
/// <param name="Segment">The attribute's value (<see cref="Events.CustomerAttributes.Missing"/> for customers without one).</param>
/// <param name="Treatment">The treatment arm within the segment.</param>
/// <param name="Control">The control arm within the segment.</param>
/// <param name="Test">The comparison within the segment (no result where an arm is empty).</param>
public sealed record SegmentUplift(string Segment, ArmOutcome Treatment, ArmOutcome Control, AbTestResult Test);
