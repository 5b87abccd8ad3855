using HandlebarsDotNet;
using Mailroom.Core.Routing;
using Mailroom.Core.Templates;
using Mailroom.Core.Transfers;

namespace Mailroom.Core.Accounts;

/// <summary>The account templates an administrator can preview.</summary>
public enum AccountTemplate
{
    Signature,
    Notification,
    AccountTransfer,
}

/// <summary>What a template turns into: HTML (to show sanitized) or plain text, or why it cannot be rendered.</summary>
public sealed record TemplatePreview(string? Html, string? Text, string? Error);

/// <summary>
/// The admin's "Preview" of an account template: rendered the way the real message renders it, with sample
/// values under the variable names the real rendering passes (Signature, Router via NotificationText,
/// AccountTransferNotice), so what the preview shows is what a customer or agent will see.
/// </summary>
public sealed class AccountTemplatePreview(TemplateRenderer templates)
{
    private const long SampleInteractionId = 1042;

    public TemplatePreview Preview(AccountTemplate which, string? template, string accountName, string accountAddress)
    {
        if (which == AccountTemplate.Notification)
        {
            return new(null, NotificationText.Render(template ?? "", "Where is my parcel?", accountName, SampleInteractionId), null);
        }

        if (templates.SyntaxError(template) is { } error)
        {
            return new(null, null, error);
        }

        try
        {
            return which == AccountTemplate.Signature
                ? new(templates.Render(template ?? "", SignatureSamples(accountName, accountAddress)), null, null)
                : new(templates.Render(template is { Length: > 0 } t ? t : AccountTransferNotice.DefaultTemplate, TransferSamples(accountName, accountAddress)), null, null);
        }
        catch (HandlebarsException ex)
        {
            return new(null, null, ex.Message);
        }
    }

    private static Dictionary<string, object?> SignatureSamples(string accountName, string accountAddress) => new()
    {
        ["agentName"] = "Alex Agent",
        ["agentEmail"] = "alex.agent@example.com",
        ["accountName"] = accountName,
        ["accountAddress"] = accountAddress,
        ["interactionId"] = SampleInteractionId,
        ["contactName"] = "Carla Customer",
        ["contactEmail"] = "carla@customer.example",
    };

    // This account is the one the interaction leaves; the sample names another it moves to.
    private static Dictionary<string, object?> TransferSamples(string accountName, string accountAddress) => new()
    {
        ["fromAccount"] = accountAddress,
        ["toAccount"] = "support@example.com",
        ["fromAccountName"] = accountName,
        ["toAccountName"] = "Support",
        ["interactionId"] = SampleInteractionId,
    };
}
