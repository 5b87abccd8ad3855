using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.CannedAnswers;

public sealed record RenderedAnswer(int Id, string Name, string Body);

/// <summary>
/// The agent's side: general and local canned answers merged in one list, and one rendered for the
/// interaction with the same engine as signatures. Variables: contactName, contactFirstName, contactLastName,
/// contactEmail, agentName, accountName, accountKey, accountAddress, interactionId, subject.
/// </summary>
public sealed class CannedAnswersForInteraction(MailroomDb db, TemplateRenderer templates)
{
    public async Task<IReadOnlyList<CannedAnswerView>> ListAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var rows = await db.CannedAnswers.AsNoTracking().Where(c => c.AccountId == null || c.AccountId == interaction.AccountId)
            .OrderBy(c => c.Name).ThenBy(c => c.AccountId != null).ToListAsync(ct);
        return rows.Select(CannedAnswerView.From).ToList();
    }

    public async Task<RenderedAnswer> RenderAsync(Actor actor, long interactionId, int cannedAnswerId, TemplateOutput output, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var answer = await db.CannedAnswers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == cannedAnswerId && (c.AccountId == null || c.AccountId == interaction.AccountId), ct)
            ?? throw new NotFoundException($"Canned answer {cannedAnswerId}");
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        var contact = interaction.ContactId is { } cid ? await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        var agent = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var contactName = contact is null ? null : $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } full ? full : contact.Email;
        var variables = new Dictionary<string, object?>
        {
            ["contactName"] = contactName,
            ["contactFirstName"] = contact?.FirstName,
            ["contactLastName"] = contact?.LastName,
            ["contactEmail"] = contact?.Email,
            ["agentName"] = agent,
            ["accountName"] = account.Name,
            ["accountKey"] = account.Key,
            ["accountAddress"] = account.Address,
            ["interactionId"] = interaction.Id,
            ["subject"] = interaction.Subject,
        };
        return new RenderedAnswer(answer.Id, answer.Name, templates.Render(answer.Body, variables, output));
    }
}
