namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Why a message should be held, found in the message itself while it is parsed; for a bounce, the
/// Message-ID of the message it reports on.
/// </summary>
public sealed record HoldVerdict(HoldReason Reason, string Detail, string? ReportsOn = null);
