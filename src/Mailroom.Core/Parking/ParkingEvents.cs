namespace Mailroom.Core.Parking;

/// <summary>
/// Its owner set the interaction aside until <paramref name="Until"/> (null: until the customer writes): it holds
/// no capacity slot and its service-level clocks pause meanwhile.
/// </summary>
public sealed record InteractionParked(long InteractionId, int AccountId, int? OwnerUserId, DateTime? Until);

/// <summary>A parked interaction is active work again, and why.</summary>
public sealed record InteractionUnparked(long InteractionId, int AccountId, int? OwnerUserId, UnparkReason Reason);

public enum UnparkReason
{
    /// <summary>Its time came: it goes back to its owner through the sticky-owner path, then to the queue.</summary>
    Due = 0,

    /// <summary>The customer wrote: the new message is routed to the owner as any would be.</summary>
    CustomerWrote = 1,

    /// <summary>The owner (or a supervisor) took it back before its time.</summary>
    TakenBack = 2,

    /// <summary>Closed, transferred or taken over: parking was its owner's, and the owner changed.</summary>
    OwnerChanged = 3,
}
