using System.Globalization;

namespace Mailroom.Core.Routing;

/// <summary>
/// The account's offer notification: its three variables are replaced as typed rather than rendered by
/// Handlebars, so stray braces an administrator typed never keep an offer from being made.
/// </summary>
public static class NotificationText
{
    public static string? Render(string? template, string subject, string accountName, long interactionId) =>
        template?.Replace("{{subject}}", subject, StringComparison.Ordinal)
            .Replace("{{account}}", accountName, StringComparison.Ordinal)
            .Replace("{{interactionId}}", interactionId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
