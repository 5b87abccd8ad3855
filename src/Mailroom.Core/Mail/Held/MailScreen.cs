using System.Text.RegularExpressions;
using MimeKit;

namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Reads the signs that a message is not a person writing: a delivery report, a spam verdict the receiving
/// server already put on it, an automatic reply. Bounces first (they are also "automatic"), then spam, then
/// the rest, so the reason shown is the most specific one.
/// </summary>
public static partial class MailScreen
{
    public static HoldVerdict? Screen(MimeMessage message, bool isAutomatic) =>
        Bounce(message) ?? Spam(message) ?? Automatic(message, isAutomatic);

    /// <summary>Out-of-office and auto-reply subjects in common languages; anchored at the start, so a customer's "Re: out of office?" is not one.</summary>
    public static bool IsOutOfOfficeSubject(string subject) => OutOfOffice().IsMatch(subject.Trim());

    private static HoldVerdict? Bounce(MimeMessage message)
    {
        if (message.Body is MultipartReport { ReportType: var type } report
            && string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return new HoldVerdict(HoldReason.Bounce, DeliveryReport.Describe(report), DeliveryReport.Read(report).OriginalMessageId);
        }

        // Non-standard bounces (older qmail, Exchange, hosted mailers): a mailer daemon sender and a bounce subject.
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        return MailerDaemon().IsMatch(from) && BounceSubject().IsMatch(message.Subject ?? "")
            ? new HoldVerdict(HoldReason.Bounce, $"{message.Subject} (from {from})")
            : null;
    }

    private static HoldVerdict? Spam(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers["X-Spam-Flag"]?.Trim().Equals("YES", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new HoldVerdict(HoldReason.Spam, "X-Spam-Flag: YES" + (headers["X-Spam-Status"] is { } s ? $" ({Short(s)})" : ""));
        }

        if (headers["X-Spam-Status"] is { } status && status.TrimStart().StartsWith("Yes", StringComparison.OrdinalIgnoreCase))
        {
            return new HoldVerdict(HoldReason.Spam, "X-Spam-Status: " + Short(status));
        }

        // rspamd: its action (what it advised the MTA to do) and its own yes/no header.
        if (headers["X-Rspamd-Action"]?.Trim() is ("reject" or "add header" or "rewrite subject") and { } action)
        {
            return new HoldVerdict(HoldReason.Spam, "X-Rspamd-Action: " + action);
        }

        if (headers["X-Spam"]?.Trim().Equals("Yes", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new HoldVerdict(HoldReason.Spam, "X-Spam: Yes" + (headers["X-Rspamd-Score"] is { } score ? $" (score {score.Trim()})" : ""));
        }

        return headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => DmarcFail().Match(h.Value)).FirstOrDefault(m => m.Success) is { } dmarc
            ? new HoldVerdict(HoldReason.Spam, "Authentication-Results: " + dmarc.Value)
            : null;
    }

    private static HoldVerdict? Automatic(MimeMessage message, bool isAutomatic)
    {
        var headers = message.Headers;
        if (isAutomatic)
        {
            return new HoldVerdict(HoldReason.Automatic, headers[HeaderId.AutoSubmitted] is { } auto
                ? "Auto-Submitted: " + auto.Trim() : "Precedence: " + headers[HeaderId.Precedence]?.Trim());
        }

        foreach (var name in (string[])["X-Autoreply", "X-Autorespond"])
        {
            if (headers[name] is { } value)
            {
                return new HoldVerdict(HoldReason.Automatic, $"{name}: {value.Trim()}");
            }
        }

        return IsOutOfOfficeSubject(message.Subject ?? "") ? new HoldVerdict(HoldReason.Automatic, "Out-of-office subject: " + message.Subject) : null;
    }

    private static string Short(string value)
    {
        var flat = Regex.Replace(value, @"\s+", " ").Trim();
        return flat.Length <= 200 ? flat : flat[..200];
    }

    [GeneratedRegex(@"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", RegexOptions.IgnoreCase)]
    private static partial Regex MailerDaemon();

    [GeneratedRegex(@"undeliver|delivery (status notification|failure|has failed)|returned mail|failure notice|mail delivery failed|non.?remis|unzustellbar|nicht zustellbar",
        RegexOptions.IgnoreCase)]
    private static partial Regex BounceSubject();

    [GeneratedRegex(@"\bdmarc=fail\b[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex DmarcFail();

    [GeneratedRegex(@"^(auto(matic)?[ -]?(reply|response)|automatische antwort|out of (the )?office|abwesenheitsnotiz|absence|r[ée]ponse automatique|ausente|fuera de la oficina|autosvar|automatisch antwoord)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfOffice();
}
