using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Mailroom.TestSupport;

/// <summary>
/// The customers' side of the tests: sends through the real Postfix and reads mailboxes on the real Dovecot
/// that <c>./test.sh</c> started. Users and passwords are those of <c>scripts/mail-up.sh</c>.
/// </summary>
public static class LocalMail
{
    public const string Host = "127.0.0.1";

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["support@example.test"] = "support-pass",
        ["sales@example.test"] = "sales-pass",
        ["billing@example.test"] = "billing-pass",
        ["sla@example.test"] = "sla-pass",
        ["parking@example.test"] = "parking-pass",
        ["customer@customer.test"] = "customer-pass",
        ["customer2@customer.test"] = "customer2-pass",
        ["sink@example.test"] = "sink-pass",
    };

    /// <summary>
    /// An account body for <c>POST /api/accounts</c> on the local servers; <paramref name="imapPort"/> or
    /// <paramref name="smtpPort"/> point elsewhere (a <see cref="FaultProxy"/>).
    /// </summary>
    public static object AccountBody(string address, string key, bool active = true, object? transfer = null, int? imapPort = null, int? smtpPort = null) => new
    {
        name = key + " account",
        key,
        address,
        active,
        service = "custom",
        imap = new { host = Host, port = imapPort ?? TestEnvironment.ImapPort, ssl = false, authentication = true, username = address, password = Passwords[address] },
        smtp = new { host = Host, port = smtpPort ?? TestEnvironment.SmtpPort, secure = false, authentication = true, username = address, password = Passwords[address] },
        transfer,
    };

    public static async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Host, TestEnvironment.SmtpPort, SecureSocketOptions.None, ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>
    /// Hands the message to Postfix's local queue instead of its SMTP port (<c>mail-ctl.sh submit</c>): the way
    /// mail "arrives" while Dovecot is down, when Postfix's SMTP, which asks Dovecot about SASL, drops clients.
    /// </summary>
    public static async Task QueueAsync(MimeMessage message)
    {
        var file = Path.GetTempFileName();
        try
        {
            await message.WriteToAsync(file);
            await ControlAsync("submit", message.From.Mailboxes.Single().Address, message.To.Mailboxes.Single().Address, file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static MimeMessage Compose(string from, string to, string subject, string body, string? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.test");
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>Waits until a message matching the subject (and sender and body text, if given) is in the user's INBOX, and returns it.</summary>
    public static async Task<MimeMessage> WaitForAsync(string user, string subjectContains, TimeSpan? timeout = null, string? from = null,
        string? bodyContains = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (true)
        {
            using var imap = new ImapClient();
            await imap.ConnectAsync(Host, TestEnvironment.ImapPort, SecureSocketOptions.None);
            await imap.AuthenticateAsync(user, Passwords[user]);
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
            SearchQuery query = SearchQuery.SubjectContains(subjectContains);
            query = from is null ? query : query.And(SearchQuery.FromContains(from));
            query = bodyContains is null ? query : query.And(SearchQuery.BodyContains(bodyContains));
            var uids = await imap.Inbox.SearchAsync(query);
            if (uids.Count > 0)
            {
                return await imap.Inbox.GetMessageAsync(uids[^1]);
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"No message with subject containing '{subjectContains}' reached {user}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Runs <c>scripts/mail-ctl.sh</c> (stop/start Dovecot or Postfix, recreate a mailbox, …).</summary>
    public static async Task ControlAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(TestEnvironment.MailCtl);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mail-ctl {string.Join(' ', args)} failed: {stderr}");
        }
    }
}
