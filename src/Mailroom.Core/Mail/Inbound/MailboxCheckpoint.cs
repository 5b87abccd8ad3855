namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// How far an account's mailbox has been ingested. Committed in the same transaction as the messages it
/// covers, so a crash can never skip or repeat a message.
/// </summary>
public sealed class MailboxCheckpoint
{
    public int AccountId { get; set; }
    public required string Mailbox { get; set; }
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    public DateTime UpdatedAt { get; set; }
}
