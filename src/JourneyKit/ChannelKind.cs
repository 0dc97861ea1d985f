namespace JourneyKit;

/// <summary>The kind of medium a channel uses to reach the customer.</summary>
public enum ChannelKind
{
    /// <summary>Any other medium.</summary>
    Other = 0,

    /// <summary>A website.</summary>
    Web,

    /// <summary>A mobile app.</summary>
    MobileApp,

    /// <summary>E-mail.</summary>
    Email,

    /// <summary>Phone or call centre.</summary>
    Phone,

    /// <summary>A physical store or branch.</summary>
    Store,

    /// <summary>Social media.</summary>
    Social,

    /// <summary>Paid advertising (search, display, video, print).</summary>
    Advertising,

    /// <summary>A partner, reseller or marketplace.</summary>
    Partner,

    /// <summary>Live chat or messaging.</summary>
    Chat,

    /// <summary>Postal mail.</summary>
    Mail,
}
