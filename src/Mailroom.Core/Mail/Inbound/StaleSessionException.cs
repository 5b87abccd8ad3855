namespace Mailroom.Core.Mail.Inbound;

/// <summary>The watching IMAP session no longer sees the mailbox the server has (see <see cref="InboundOptions.MailboxProbeSeconds"/>).</summary>
public sealed class StaleSessionException(string message) : Exception(message);
