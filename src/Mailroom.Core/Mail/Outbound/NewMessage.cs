using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// An agent writes first, from any account they are a member of: a new interaction starts in that account,
/// open and assigned to them, so the customer's answer threads back to the same agent.
/// </summary>
public sealed class NewMessage(MailroomDb db, BlobStore blobs, UploadTickets tickets, Signature signature, QueueOutgoing queue, TimeProvider time)
{
    public async Task<QueuedMessage> RunAsync(Actor actor, ComposeInput input, CancellationToken ct)
    {
        if (await SendOnce.EarlierAsync(db, actor, input, null, ct) is { } earlier)
        {
            return earlier;
        }

        var validator = new Validator();
        validator.When(input.AccountId is null, "accountId", "is required.");
        validator.Required("subject", input.Subject);
        validator.ThrowIfInvalid();
        await db.RequireAccountAsync(actor, input.AccountId!.Value, ct);
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == input.AccountId, ct);

        var to = Addresses.Distinct(ComposeContext.Parse("to", input.To), []);
        var cc = Addresses.Distinct(ComposeContext.Parse("cc", input.Cc), to.Select(a => a.Address));
        var bcc = Addresses.Distinct(ComposeContext.Parse("bcc", input.Bcc), to.Concat(cc).Select(a => a.Address));
        var now = time.GetUtcNow().UtcDateTime;
        var interaction = new Interaction
        {
            AccountId = account.Id,
            Subject = input.Subject!,
            Status = InteractionStatus.Open,
            AssignedUserId = actor.UserId,
            FirstAgentId = actor.UserId,
            ContactId = await ContactIdAsync(to, ct),
            CreatedAt = now,
            LastActivityAt = now,
        };
        var (html, text) = await signature.ApplyAsync(input.Body, input.Format, account, interaction, actor.UserId, ct);
        var draft = new OutgoingDraft(account, to, cc, bcc, input.Subject!, html, text,
            AttachmentLimits.Resolve(input.Attachments, blobs, tickets, actor), ThreadHeaders.None, "new-message");
        return await queue.RunAsync(actor, interaction, draft, input, ct);
    }

    // An existing contact with the first recipient's address; creating contacts is the contacts feature's job.
    private async Task<int?> ContactIdAsync(List<MimeKit.MailboxAddress> to, CancellationToken ct)
    {
        if (to.Count == 0)
        {
            return null;
        }

        var email = to[0].Address.ToLowerInvariant();
        return await db.Contacts.Where(c => c.Email == email).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
    }
}
