namespace JourneyKit.Identity;

/// <summary>The usual roles in a B2B buying group; any other label is allowed too.</summary>
public static class BuyingRoles
{
    /// <summary>Signs the contract: <c>decision maker</c>.</summary>
    public const string DecisionMaker = "decision maker";

    /// <summary>Shapes the choice without signing: <c>influencer</c>.</summary>
    public const string Influencer = "influencer";

    /// <summary>Will use the product: <c>user</c>.</summary>
    public const string User = "user";

    /// <summary>Pushes for the purchase inside the account: <c>champion</c>.</summary>
    public const string Champion = "champion";
}
