namespace JourneyKit.Identity;

/// <summary>Why an account membership was not used.</summary>
public enum MembershipRefusal
{
    /// <summary>The account or person id is blank.</summary>
    BlankId,

    /// <summary>An id or role is not valid Unicode (a lone surrogate).</summary>
    InvalidText,

    /// <summary>The person is already in another account and <see cref="AccountOptions.AllowSeveralAccounts"/> is off.</summary>
    SeveralAccounts,

    /// <summary>The person is already a member of this account (the first membership, and its role, is kept).</summary>
    Duplicate,
}
