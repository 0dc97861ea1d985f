namespace JourneyKit.Rules;

/// <summary>Where one customer's <see cref="EpisodeSlot"/>s live (an array in the batch engine, tables in the monitor); implemented by value types so calls inline.</summary>
internal interface ISlotStore
{
    /// <summary>The customer's slot for a rule.</summary>
    EpisodeSlot Load(int rule);

    /// <summary>Writes the slot back after the machine ran.</summary>
    void Store(int rule, in EpisodeSlot slot);
}
