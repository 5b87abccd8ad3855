using MimeKit;

namespace Mailroom.Core.Mail.Held;

/// <summary>One recipient's line of a delivery status notification (RFC 3464).</summary>
public sealed record BouncedRecipient(string Address, string Action, string? Status, string? Diagnostic);

/// <summary>
/// A delivery report read: which recipients failed and why, and which message it reports on — the
/// Original-Message-ID, else the Message-ID of the returned headers or message.
/// </summary>
public sealed record DeliveryReport(IReadOnlyList<BouncedRecipient> Recipients, string? OriginalMessageId)
{
    public static DeliveryReport Read(MultipartReport report)
    {
        var recipients = new List<BouncedRecipient>();
        string? original = null;
        foreach (var part in report)
        {
            switch (part)
            {
                case MessageDeliveryStatus status:
                    original ??= Clean(status.StatusGroups.FirstOrDefault()?["Original-Message-ID"]);
                    recipients.AddRange(status.StatusGroups.Skip(1).Select(Recipient).Where(r => r.Address.Length > 0));
                    break;
                // message/rfc822 and text/rfc822-headers (a MessagePart too): the returned message or its headers.
                case MessagePart { Message: { } returned }:
                    original ??= Clean(returned.MessageId);
                    break;
            }
        }

        return new DeliveryReport(recipients, original);
    }

    /// <summary>The recipients the report says failed for good (Action: failed), not those merely delayed.</summary>
    public IReadOnlyList<BouncedRecipient> Failed => Recipients.Where(r => r.Action.Equals("failed", StringComparison.OrdinalIgnoreCase)).ToList();

    public static string Describe(MultipartReport report)
    {
        var read = Read(report);
        var failed = read.Failed;
        var lines = (failed.Count > 0 ? failed : read.Recipients).Select(r => $"{r.Action} {r.Address} {r.Status} {r.Diagnostic}".Trim());
        var text = string.Join("; ", lines);
        return text.Length == 0 ? "Delivery status notification" : text.Length <= 500 ? text : text[..500];
    }

    private static BouncedRecipient Recipient(HeaderList fields) =>
        new(Address(fields["Final-Recipient"] ?? fields["Original-Recipient"]), fields["Action"]?.Trim() ?? "", fields["Status"]?.Trim(),
            fields["Diagnostic-Code"] is { } d ? System.Text.RegularExpressions.Regex.Replace(d, @"\s+", " ").Trim() : null);

    // "rfc822; user@example.test" -> "user@example.test"
    private static string Address(string? field) =>
        field is null ? "" : (field.Contains(';', StringComparison.Ordinal) ? field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..] : field).Trim().Trim('<', '>').ToLowerInvariant();

    private static string? Clean(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().Trim('<', '>');
}
