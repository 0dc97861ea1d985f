namespace JourneyKit.Identity;

/// <summary>Why a link between two identifiers was not merged.</summary>
public enum LinkRefusal
{
    /// <summary>A value is empty or white space (after normalisation).</summary>
    BlankValue,

    /// <summary>A value is not valid Unicode (a lone surrogate).</summary>
    InvalidText,

    /// <summary>A value is one of <see cref="IdentityOptions.BlockedValues"/> (such as <c>unknown</c> or a test address).</summary>
    BlockedValue,

    /// <summary>A kind is not one of <see cref="IdentityOptions.KindPriority"/>.</summary>
    UnknownKind,

    /// <summary>Both sides are the same identifier.</summary>
    SelfLink,

    /// <summary>Merging would give a profile more identifiers of a kind than <see cref="IdentityOptions.MaxPerProfile"/> allows.</summary>
    LimitExceeded,
}
