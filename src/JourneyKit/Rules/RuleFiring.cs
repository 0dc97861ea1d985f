using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>One firing of a rule for one customer.</summary>
/// <param name="RuleName">The rule's name.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="StartedAt">When the episode started: t_X of the opening (or, under <see cref="RearmPolicy.Restart"/>, the restarting) X.</param>
/// <param name="DueAt">When the episode fell due: t_X + T (= <paramref name="StartedAt"/> for an <see cref="RuleKind.Occurrence"/> rule).</param>
/// <param name="FiredAt">The event time of the firing: <paramref name="DueAt"/> for absence and stall rules, t_Y for a sequence rule, t_X for an occurrence rule.</param>
/// <remarks>All times are UTC. The default value has null names and is not a firing.</remarks>
public readonly record struct RuleFiring(string RuleName, string CustomerId, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset FiredAt)
{
    /// <summary>
    /// Gets whether the firing is held out: the customer is in the control arm of the rule's
    /// <see cref="JourneyRule.Holdout"/>. It is listed so that it can be measured; a sender must not act on it.
    /// Always <see langword="false"/> for a rule without a holdout.
    /// </summary>
    public bool IsHoldout { get; init; }

    /// <summary>
    /// Gets the episode's number among the episodes of this rule and customer that started at the same instant
    /// (<see cref="StartedAt"/>): 0 for the first — nearly always — 1 for an occurrence rule's second X at one instant or
    /// a sequence rule's X, Y, X at one instant, and so on (from the 255th such episode on, all are 254). Counted in event
    /// order (ties in the order events were added or arrived), the same in batch and live.
    /// </summary>
    public int Ordinal { get; init; }

    /// <summary>
    /// Gets the firing's deterministic id, the same wherever and however often the firing is computed (batch, live,
    /// after a restart), so that an outbox can de-duplicate: a name-based UUID (version 8) from the SHA-256 of the rule
    /// name, the customer id (UTF-8, each length-prefixed), <see cref="StartedAt"/> in UTC ticks and, when it is not 0,
    /// <see cref="Ordinal"/> — so episodes that start at the same instant for one customer and rule have distinct ids,
    /// and the first keeps the id it had before ordinals existed.
    /// </summary>
    public Guid Id
    {
        get
        {
            int nameBytes = Encoding.UTF8.GetByteCount(RuleName ?? string.Empty);
            int customerBytes = Encoding.UTF8.GetByteCount(CustomerId ?? string.Empty);
            int length = 16 + nameBytes + customerBytes + (Ordinal != 0 ? 4 : 0);
            byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
            Span<byte> buffer = rented ?? stackalloc byte[512];
            BinaryPrimitives.WriteInt32LittleEndian(buffer, nameBytes);
            Encoding.UTF8.GetBytes(RuleName ?? string.Empty, buffer[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(buffer[(4 + nameBytes)..], customerBytes);
            Encoding.UTF8.GetBytes(CustomerId ?? string.Empty, buffer[(8 + nameBytes)..]);
            BinaryPrimitives.WriteInt64LittleEndian(buffer[(8 + nameBytes + customerBytes)..], StartedAt.UtcTicks);
            if (Ordinal != 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(buffer[(16 + nameBytes + customerBytes)..], Ordinal);
            }

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer[..length], hash);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
            return new Guid(hash[..16], bigEndian: true);
        }
    }

    /// <summary>Describes the firing, e.g. <c>cart-abandoned for c42: started 2026-03-01 10:00, due 2026-03-02 10:00</c>, naming a same-instant episode's number and ending " (held out)" for a held-out firing.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Guard.Clip(RuleName)} for {Guard.Clip(CustomerId)}: started {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}, due {DueAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}, fired {FiredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}" +
        (Ordinal != 0 ? $" (episode {Ordinal + 1} started at that instant)" : string.Empty) + (IsHoldout ? " (held out)" : string.Empty);
}
