using System.Net;
using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Renders the agent's body with the account's signature template, as HTML and as text.</summary>
public sealed class Signature(MailroomDb db, TemplateRenderer templates)
{
    internal async Task<(string? Html, string Text)> ApplyAsync(string? body, BodyFormat format, EmailAccount account,
        Interaction interaction, int userId, CancellationToken ct)
    {
        body ??= "";
        var variables = await VariablesAsync(account, interaction, userId, ct);
        var template = account.SignatureTemplate;
        if (format == BodyFormat.Text)
        {
            var text = string.IsNullOrWhiteSpace(template) ? body : $"{body}{TextMarker}{templates.Render(template, variables, TemplateOutput.Text)}";
            return (null, text);
        }

        var html = string.IsNullOrWhiteSpace(template)
            ? body
            : $"{body}{HtmlMarker}{templates.Render(template, variables)}</div>";
        return (html, HtmlToText.Convert(html));
    }

    /// <summary>
    /// The body as the agent wrote it, without the signature <see cref="ApplyAsync"/> appended: an undone message
    /// goes back into the composer, and sending it again appends the signature once more.
    /// </summary>
    internal static string Strip(string? html, string text)
    {
        var body = html ?? text;
        var marker = html is null ? TextMarker : HtmlMarker;
        var at = body.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? body : body[..at];
    }

    private const string TextMarker = "\n\n-- \n";
    private const string HtmlMarker = "<br><div class=\"signature\">";

    /// <summary>Escapes plain text for an HTML context (a forwarded text original inside an HTML answer).</summary>
    internal static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal);

    private async Task<Dictionary<string, object?>> VariablesAsync(EmailAccount account, Interaction interaction, int userId, CancellationToken ct)
    {
        var agent = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        var contact = interaction.ContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.FirstName, c.LastName, c.Email }).FirstOrDefaultAsync(ct)
            : null;
        var contactName = contact is null ? null : $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } n ? n : contact.Email;
        return new Dictionary<string, object?>
        {
            ["agentName"] = agent?.DisplayName,
            ["agentEmail"] = agent?.Email,
            ["accountName"] = account.Name,
            ["accountAddress"] = account.Address,
            ["interactionId"] = interaction.Id,
            ["contactName"] = contactName,
            ["contactEmail"] = contact?.Email,
        };
    }
}
