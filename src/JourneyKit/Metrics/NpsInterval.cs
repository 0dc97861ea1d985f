namespace JourneyKit.Metrics;

/// <summary>How an NPS confidence interval is computed.</summary>
public enum NpsInterval
{
    /// <summary>Wald: score ± z · SE from the trinomial variance.</summary>
    Wald = 0,

    /// <summary>Adjusted Wald (Rocks 2016): add ¾ promoter, ¾ detractor and 3 respondents, then Wald. Better coverage for small samples.</summary>
    AdjustedWald,
}
