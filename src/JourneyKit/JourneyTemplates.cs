namespace JourneyKit;

/// <summary>
/// Ready stage sets used in practice. Each property returns new stages at positions 0..n−1, ready for
/// <see cref="JourneyMapBuilder.AddStages"/>; touchpoints then refer to the stage ids listed in each summary.
/// </summary>
public static class JourneyTemplates
{
    /// <summary>
    /// Gets the five-stage customer journey: <c>awareness</c>, <c>consideration</c>, <c>purchase</c>,
    /// <c>retention</c>, <c>advocacy</c>.
    /// </summary>
    public static IReadOnlyList<Stage> FiveStage =>
    [
        new("awareness", "Awareness", 0, goal: "Learn that the brand and its offer exist"),
        new("consideration", "Consideration", 1, goal: "Compare the offer with alternatives"),
        new("purchase", "Purchase", 2, goal: "Buy with confidence and without friction"),
        new("retention", "Retention", 3, goal: "Get value from the purchase and keep using it"),
        new("advocacy", "Advocacy", 4, goal: "Recommend the brand to others"),
    ];

    /// <summary>Gets the three-stage marketing funnel: <c>awareness</c>, <c>consideration</c>, <c>purchase</c>.</summary>
    public static IReadOnlyList<Stage> ThreeStageFunnel =>
    [
        new("awareness", "Awareness", 0, goal: "Learn that the brand and its offer exist"),
        new("consideration", "Consideration", 1, goal: "Compare the offer with alternatives"),
        new("purchase", "Purchase", 2, goal: "Buy with confidence and without friction"),
    ];

    /// <summary>
    /// Gets the six-step consumer buying decision process: <c>need-recognition</c>, <c>information-search</c>,
    /// <c>evaluation-of-alternatives</c>, <c>purchase-decision</c>, <c>post-purchase-evaluation</c>,
    /// <c>advocacy</c> (advocacy or repurchase).
    /// </summary>
    public static IReadOnlyList<Stage> BuyingDecision =>
    [
        new("need-recognition", "Need recognition", 0, goal: "Realise there is a problem or want to address"),
        new("information-search", "Information search", 1, goal: "Find the options that could meet the need"),
        new("evaluation-of-alternatives", "Evaluation of alternatives", 2, goal: "Weigh the options against what matters"),
        new("purchase-decision", "Purchase decision", 3, goal: "Choose and buy"),
        new("post-purchase-evaluation", "Post-purchase evaluation", 4, goal: "Judge whether the purchase met expectations"),
        new("advocacy", "Advocacy / repurchase", 5, goal: "Buy again and recommend"),
    ];
}
