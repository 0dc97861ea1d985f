namespace JourneyKit.Rules;

/// <summary>
/// Splits customers into a control arm that a rule holds out — its firings are still listed, flagged
/// <see cref="RuleFiring.IsHoldout"/>, so they are measured and never sent — and a treatment arm the rule acts on
/// (<see cref="JourneyRule.WithHoldout"/>). <c>JourneyKit.Experiments.HoldoutSplit</c> is the implementation that
/// agrees with GrowthBook's SDKs.
/// </summary>
/// <remarks>
/// An assignment must be deterministic and stateless: the same customer is in the same arm in every driver
/// (<see cref="RuleEngine"/>, <see cref="JourneyMonitor"/>, a cluster of grains), on every node and after every restart —
/// the arm is computed from the customer id, never stored.
/// </remarks>
public interface IHoldoutAssignment
{
    /// <summary>Gets the key that names the split (the experiment key), recorded in monitor snapshots.</summary>
    string Key { get; }

    /// <summary>Gets the share of the customers in the experiment who are held out. Range: 0 &lt; share &lt; 1.</summary>
    double ControlShare { get; }

    /// <summary>Gets whether a customer takes part in the experiment at all (a namespace may leave some out; the rule acts on them as usual and they are not measured).</summary>
    /// <param name="customerId">The customer id.</param>
    /// <returns><see langword="true"/> when the customer is in the control or the treatment arm.</returns>
    bool IsInExperiment(string customerId);

    /// <summary>Gets whether a customer is in the control arm: the rule's firings for them are held out.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <returns><see langword="true"/> for a customer in the experiment and in the control arm.</returns>
    bool IsControl(string customerId);
}
