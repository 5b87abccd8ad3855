namespace Mailroom.Core.Mail.Outbound;

/// <summary>The <c>Mailroom:Outbound</c> configuration section.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Mailroom:Outbound";

    /// <summary>False stops this process from sending (another instance, or a test, does it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due messages are looked for when nobody wakes the sender (another instance queued them).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed message may stay in Sending without its sender renewing the claim (every third of this,
    /// for as long as the SMTP transaction runs) before it is assumed abandoned (the process died) and queued
    /// again: so after a kill -9 a claimed reply goes out within this, however long real transactions take.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SMTP connections one account may use at the same time. Most servers accept several per user (Gmail and
    /// Outlook 365 allow more than 4); 1 sends strictly one after another.
    /// </summary>
    public int ConnectionsPerAccount { get; set; } = 4;

    /// <summary>
    /// How long an agent's message waits in the outbox before delivery may start, so that Undo can still take it
    /// back (nothing has reached the SMTP server yet). Zero sends at once. Automatic replies never wait.
    /// </summary>
    public TimeSpan UndoHold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages claimed per pass.</summary>
    public int BatchSize { get; set; } = 50;
}
