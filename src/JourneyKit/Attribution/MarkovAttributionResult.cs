using JourneyKit.Internal;
using JourneyKit.Markov;

namespace JourneyKit.Attribution;

/// <summary>The result of Markov removal-effect attribution: credits plus the quantities behind them.</summary>
public sealed class MarkovAttributionResult : AttributionResult
{
    private readonly Func<MarkovChain> _chain;

    internal MarkovAttributionResult(
        IEnumerable<ChannelCredit> credits,
        double totalConversions,
        double totalValue,
        IReadOnlyDictionary<string, double> removalEffects,
        IReadOnlyDictionary<string, double> valueRemovalEffects,
        IReadOnlyDictionary<string, double> stateRemovalEffects,
        double conversionProbability,
        double expectedValue,
        IReadOnlyList<StateTransition> transitions,
        int order,
        Func<MarkovChain> chain)
        : base($"Markov (order {order})", credits, totalConversions, totalValue)
    {
        RemovalEffects = removalEffects;
        ValueRemovalEffects = valueRemovalEffects;
        StateRemovalEffects = stateRemovalEffects;
        ConversionProbability = conversionProbability;
        ExpectedValue = expectedValue;
        Transitions = transitions;
        Order = order;
        _chain = chain;
    }

    /// <summary>Gets the unnormalised removal effect of each channel: 1 − P₋c(conversion) / P(conversion). Range: 0..1.</summary>
    public IReadOnlyDictionary<string, double> RemovalEffects { get; }

    /// <summary>Gets the unnormalised value removal effect of each channel: 1 − V₋c / V on expected conversion value. Range: 0..1.</summary>
    public IReadOnlyDictionary<string, double> ValueRemovalEffects { get; }

    /// <summary>Gets the removal effect of each state (channel window); empty unless <see cref="MarkovAttributionOptions.IncludeStateRemovalEffects"/>.</summary>
    public IReadOnlyDictionary<string, double> StateRemovalEffects { get; }

    /// <summary>Gets the probability of conversion from the start state; equals conversions / (conversions + nulls).</summary>
    public double ConversionProbability { get; }

    /// <summary>Gets the expected conversion value per path from the start state.</summary>
    public double ExpectedValue { get; }

    /// <summary>Gets every transition of the chain with its weight and probability.</summary>
    public IReadOnlyList<StateTransition> Transitions { get; }

    /// <summary>Gets the order of the chain.</summary>
    public int Order { get; }

    /// <summary>Gets the chain as a <see cref="MarkovChain"/> (for its analyses); <c>(conversion)</c> and <c>(null)</c> are absorbing.</summary>
    /// <returns>The chain.</returns>
    /// <exception cref="InvalidOperationException">The chain has more than <see cref="MarkovChain.MaxAnalysisStates"/> states.</exception>
    public MarkovChain ToChain() => _chain();

    /// <inheritdoc/>
    public override string ToString() =>
        $"Markov order {Order}, P(convert) {Show.Percent(ConversionProbability)}: " + string.Join(", ", Channels.OrderByDescending(c => c.Conversions).Select(c => $"{c.Channel} {Show.Number(c.Conversions)}"));
}
