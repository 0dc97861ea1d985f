using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>An <see cref="EventCondition"/> with its labels resolved to the dense ids of one label space (a log's or a monitor's).</summary>
internal sealed class CompiledCondition
{
    private readonly ConditionKind _kind;
    private readonly int _id;
    private readonly EventOutcome _outcome;
    private readonly double _atLeast;
    private readonly double _atMost;
    private readonly CompiledCondition[] _operands;

    /// <param name="condition">The condition.</param>
    /// <param name="resolve">Maps (kind, label) to a dense id, or −1 when the label space has no such label (never matches).</param>
    public CompiledCondition(EventCondition condition, Func<ConditionKind, string, int> resolve)
    {
        _kind = condition.Kind;
        _id = condition.Id is { } id ? resolve(condition.Kind, id) : -1;
        _outcome = condition.ExpectedOutcome;
        _atLeast = condition.AtLeast ?? double.NegativeInfinity;
        _atMost = condition.AtMost ?? double.PositiveInfinity;
        _operands = condition.Operands.Select(o => new CompiledCondition(o, resolve)).ToArray();
    }

    public bool Matches(int touchpoint, int channel, int stage, EventOutcome outcome, double value, double feedback)
    {
        switch (_kind)
        {
            case ConditionKind.Touchpoint: return _id >= 0 && touchpoint == _id;
            case ConditionKind.Stage: return _id >= 0 && stage == _id;
            case ConditionKind.Channel: return _id >= 0 && channel == _id;
            case ConditionKind.Outcome: return outcome == _outcome;
            case ConditionKind.Value: return value >= _atLeast && value <= _atMost; // NaN (no value) never matches
            case ConditionKind.Feedback: return feedback >= _atLeast && feedback <= _atMost;
            case ConditionKind.Not: return !_operands[0].Matches(touchpoint, channel, stage, outcome, value, feedback);
            case ConditionKind.All:
                foreach (CompiledCondition o in _operands)
                {
                    if (!o.Matches(touchpoint, channel, stage, outcome, value, feedback))
                    {
                        return false;
                    }
                }

                return true;
            default:
                foreach (CompiledCondition o in _operands)
                {
                    if (o.Matches(touchpoint, channel, stage, outcome, value, feedback))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}
