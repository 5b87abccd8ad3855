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
            var text = string.IsNullOrWhiteSpace(template) ? body : $"{body}\n\n-- \n{templates.Render(template, variables, TemplateOutput.Text)}";
            return (null, text);
        }

        var html = string.IsNullOrWhiteSpace(template)
            ? body
            : $"{body}<br><div class=\"signature\">{templates.Render(template, variables)}</div>";
        return (html, HtmlToText.Convert(html));
    }

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
