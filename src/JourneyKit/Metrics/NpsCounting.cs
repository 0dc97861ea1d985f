namespace JourneyKit.Metrics;

/// <summary>How feedback events become NPS responses when a customer answered more than once.</summary>
public enum NpsCounting
{
    /// <summary>One response per customer (per group): the latest answer. The default of the log breakdowns.</summary>
    LatestPerCustomer = 0,

    /// <summary>One response per customer (per group): the first answer.</summary>
    FirstPerCustomer,

    /// <summary>One response per customer (per group): the mean of the answers, classified as a rating (≥ 9 promoter, ≥ 7 passive).</summary>
    MeanPerCustomer,

    /// <summary>Every feedback event is a response: a customer answering five times counts five times, and intervals are too narrow when answers of one customer are alike. Only by explicit choice.</summary>
    EveryResponse,
}
