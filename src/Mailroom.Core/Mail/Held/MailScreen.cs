using System.Text.RegularExpressions;
using MimeKit;

namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Reads the signs that a message is not a person writing: a delivery report, a spam verdict the receiving
/// server already put on it, an automatic reply.
/// </summary>
public static partial class MailScreen
{
    public static MailSigns Screen(MimeMessage message, bool isAutomatic) =>
        new(Bounce(message), Spam(message), Automatic(message, isAutomatic));

    /// <summary>Out-of-office and auto-reply subjects in common languages; anchored at the start, so a customer's "Re: out of office?" is not one.</summary>
    public static bool IsOutOfOfficeSubject(string subject) => OutOfOffice().IsMatch(subject.Trim());

    private static HoldVerdict? Bounce(MimeMessage message)
    {
        if (message.Body is MultipartReport { ReportType: var type } report
            && string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            var read = DeliveryReport.Read(report);
            return new HoldVerdict(HoldReason.Bounce, DeliveryReport.Describe(report), read.OriginalMessageId, read.Failed);
        }

        // Non-standard bounces (older qmail, Exchange, hosted mailers): a mailer daemon sender and a bounce subject.
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        return MailerDaemon().IsMatch(from) && BounceSubject().IsMatch(message.Subject ?? "")
            ? new HoldVerdict(HoldReason.Bounce, $"{message.Subject} (from {from})")
            : null;
    }

    private static SpamSigns Spam(MimeMessage message)
    {
        var headers = message.Headers;
        var status = headers["X-Spam-Status"];
        string? spamAssassin = null;
        if (headers["X-Spam-Flag"]?.Trim().Equals("YES", StringComparison.OrdinalIgnoreCase) == true)
        {
            spamAssassin = "X-Spam-Flag: YES" + (status is not null ? $" ({Short(status)})" : "");
        }
        else if (status is not null && status.TrimStart().StartsWith("Yes", StringComparison.OrdinalIgnoreCase))
        {
            spamAssassin = "X-Spam-Status: " + Short(status);
        }

        var spamAssassinScore = Number(status is null ? null : Score().Match(status) is { Success: true } m ? m.Groups[1].Value : null)
            ?? Number(headers["X-Spam-Score"]);

        // rspamd: its action (what it advised the MTA to do) and its own yes/no header.
        var rspamdScore = Number(headers["X-Rspamd-Score"])
            ?? Number(headers["X-Spamd-Result"] is { } result && RspamdResult().Match(result) is { Success: true } r ? r.Groups[1].Value : null);
        string? rspamd = null;
        if (headers["X-Rspamd-Action"]?.Trim() is ("reject" or "add header" or "rewrite subject") and { } action)
        {
            rspamd = "X-Rspamd-Action: " + action;
        }
        else if (headers["X-Spam"]?.Trim().Equals("Yes", StringComparison.OrdinalIgnoreCase) == true)
        {
            rspamd = "X-Spam: Yes" + (headers["X-Rspamd-Score"] is { } score ? $" (score {score.Trim()})" : "");
        }

        var dmarc = headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => DmarcFail().Match(h.Value)).FirstOrDefault(m => m.Success);
        return new SpamSigns(spamAssassin, spamAssassinScore, rspamd, rspamdScore, dmarc?.Value);
    }

    private static double? Number(string? value) =>
        double.TryParse(value?.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

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

    [GeneratedRegex(@"\bscore=(-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Score();

    // "default: True [16.50 / 15.00]"
    [GeneratedRegex(@"\[\s*(-?\d+(?:\.\d+)?)\s*/")]
    private static partial Regex RspamdResult();

    [GeneratedRegex(@"\bdmarc=fail\b[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex DmarcFail();

    [GeneratedRegex(@"^(auto(matic)?[ -]?(reply|response)|automatische antwort|out of (the )?office|abwesenheitsnotiz|absence|r[ée]ponse automatique|ausente|fuera de la oficina|autosvar|automatisch antwoord)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfOffice();
}
