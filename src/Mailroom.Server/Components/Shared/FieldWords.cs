using System.Globalization;
using System.Text.RegularExpressions;

namespace Mailroom.Server.Components.Shared;

/// <summary>
/// The API names its fields for programs ("imap.host is required.", "cc[0] …", "dispositionId …"); a page says
/// the same in the words on its form: "IMAP server is required.", "Cc address 1 …", "Disposition …".
/// </summary>
public static partial class FieldWords
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["imap.host"] = "IMAP server",
        ["imap.port"] = "IMAP port",
        ["imap.userName"] = "IMAP user name",
        ["imap.password"] = "IMAP password",
        ["imap.mailbox"] = "IMAP folder",
        ["smtp.host"] = "SMTP server",
        ["smtp.port"] = "SMTP port",
        ["smtp.userName"] = "SMTP user name",
        ["smtp.password"] = "SMTP password",
        ["key"] = "Key",
        ["address"] = "Email address",
        ["name"] = "Name",
        ["email"] = "Email",
        ["displayName"] = "Name",
        ["password"] = "Password",
        ["to"] = "To",
        ["cc"] = "Cc",
        ["bcc"] = "Bcc",
        ["subject"] = "Subject",
        ["body"] = "Message",
        ["accountId"] = "Account",
        ["dispositionId"] = "Disposition",
        ["subStatusId"] = "Sub-status",
        ["queueId"] = "Queue",
        ["userId"] = "Agent",
        ["agentTimeoutSeconds"] = "Agent timeout",
        ["weight"] = "Weight",
        ["reason"] = "Reason",
        ["oAuthAppId"] = "App registration",
        ["tenant"] = "Tenant",
        ["clientId"] = "Client id",
        ["clientSecret"] = "Client secret",
        ["firstResponseMinutes"] = "First response target",
        ["nextResponseMinutes"] = "Next response target",
        ["resolutionMinutes"] = "Resolution target",
        ["atRiskPercent"] = "At-risk threshold",
        ["intervalId"] = "Working hours",
        ["atRisk.raisePriorityTo"] = "At-risk priority",
        ["atRisk.overflowQueueId"] = "At-risk overflow queue",
        ["atRisk.tagId"] = "At-risk tag",
        ["breach.raisePriorityTo"] = "Breach priority",
        ["breach.overflowQueueId"] = "Breach overflow queue",
        ["breach.tagId"] = "Breach tag",
        ["messageId"] = "Message",
        ["hold.spamAssassinScore"] = "SpamAssassin score",
        ["hold.rspamdScore"] = "rspamd score",
        ["hold.floodLimit"] = "Flood limit",
        ["hold.floodWindowMinutes"] = "Flood window",
        ["hold.expiryDays"] = "Held mail expiry",
        ["sender"] = "Sender",
    };

    /// <summary>The words for an API field path; unknown ones spelled out ("maxAttachmentMb" → "Max attachment mb").</summary>
    public static string Of(string field)
    {
        var indexed = Indexed().Match(field);
        if (indexed.Success)
        {
            var list = Of(indexed.Groups[1].Value);
            var position = int.Parse(indexed.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
            var rest = indexed.Groups[3].Value.TrimStart('.');
            return $"{list} address {position}" + (rest.Length == 0 ? "" : " " + Of(rest).ToLowerInvariant());
        }

        if (Words.TryGetValue(field, out var words))
        {
            return words;
        }

        var spelled = CamelHump().Replace(field.Replace('.', ' '), " $1").ToLowerInvariant().Trim();
        return spelled.Length == 0 ? field : char.ToUpperInvariant(spelled[0]) + spelled[1..];
    }

    /// <summary>A message that begins with its field's API name begins with the field's words instead.</summary>
    public static string Humanize(string field, string message) =>
        message.StartsWith(field, StringComparison.Ordinal) && (message.Length == field.Length || message[field.Length] is ' ' or ':' or '.')
            ? Of(field) + message[field.Length..]
            : message;

    public static IReadOnlyDictionary<string, string[]> Humanize(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Humanize(e.Key, m)).ToArray());

    [GeneratedRegex(@"^(\w+)\[(\d+)\](.*)$")]
    private static partial Regex Indexed();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();
}
