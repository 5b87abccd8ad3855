namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Why a message should be held, found in the message itself while it is parsed; for a bounce, the
/// Message-ID of the message it reports on and the recipients it says failed.
/// </summary>
public sealed record HoldVerdict(HoldReason Reason, string Detail, string? ReportsOn = null, IReadOnlyList<BouncedRecipient>? Failed = null);
