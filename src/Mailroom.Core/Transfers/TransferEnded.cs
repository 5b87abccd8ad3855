namespace Mailroom.Core.Transfers;

/// <summary>
/// An offered transfer (to a queue, an agent, or a group without a chosen member) ended: accepted by
/// <paramref name="UserId"/>, or returned to the sender <paramref name="UserId"/> unread. The sender's screen
/// shows the outcome live.
/// </summary>
public sealed record TransferEnded(long InteractionId, int AccountId, string Kind, string Outcome, int? UserId);
