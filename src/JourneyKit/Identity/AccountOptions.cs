using JourneyKit.Internal;
namespace JourneyKit.Identity;

/// <summary>How account memberships are read.</summary>
public sealed record AccountOptions
{
    /// <summary>
    /// Gets a value indicating whether a person may belong to several accounts (a consultant advising two companies). When
    /// <see langword="false"/> (the default) a person's membership in a second account is refused and reported, and the
    /// person stays in the account added first; when <see langword="true"/> their events count in every account's journey.
    /// </summary>
    public bool AllowSeveralAccounts { get; init; }

    /// <summary>Gets the role that marks the decision maker, compared ignoring case. Default <see cref="BuyingRoles.DecisionMaker"/>.</summary>
    public string DecisionMakerRole { get; init; } = BuyingRoles.DecisionMaker;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(AccountOptions))
            .NotBlank(DecisionMakerRole, nameof(DecisionMakerRole))
            .ThrowIfAny();
    }
}
