namespace Mailroom.Core.Mail.Outbound;

/// <summary>An outgoing message changed delivery state (sent, retrying, failed with the server's words); the UI shows it.</summary>
public sealed record OutboundStatusChanged(long MessageId, long InteractionId, int AccountId, OutboxState State, int Attempts, string? Error);
