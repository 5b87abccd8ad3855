namespace Mailroom.Core.Mail.Outbound;

/// <summary>An outgoing message changed delivery state (sent, retrying, failed with the server's words); the UI shows it.</summary>
public sealed record OutboundStatusChanged(long MessageId, long InteractionId, int AccountId, OutboxState State, int Attempts, string? Error);

/// <summary>
/// Mail an agent sent came back undeliverable (a bounce after the server's 250); addressed to that agent, whose
/// desktop says so at once.
/// </summary>
public sealed record MessageBounced(long MessageId, long InteractionId, int AccountId, IReadOnlyList<string> Recipients, string Diagnostic);
