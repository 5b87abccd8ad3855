using Mailroom.Core.Users;

namespace Mailroom.Core.Routing;

// Events of routing, appended in the same transaction as the change they describe.

/// <summary>An interaction is offered to one agent (the event carries UserId, so only that agent receives it).</summary>
public sealed record OfferCreated(
    long OfferId, long InteractionId, int AccountId, int? QueueId, int UserId, DateTime DueAt, OfferReason Reason,
    string Subject, bool Sound, bool Shake, string? Notification);

/// <summary>An open offer ended without the agent's own answer: taken by someone else, expired, or moved on.</summary>
public sealed record OfferWithdrawn(long OfferId, long InteractionId, int UserId, string Why);

/// <summary>An agent accepted and now owns the interaction.</summary>
public sealed record InteractionAssigned(long InteractionId, int AccountId, int UserId, int? QueueId);
