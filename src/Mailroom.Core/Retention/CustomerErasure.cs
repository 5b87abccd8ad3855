using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Retention;

/// <summary>What erasing a customer removed, for the administrator who asked and for the audit log.</summary>
public sealed record ErasureResult(int Contacts, int Interactions, int HeldMails);

/// <summary>
/// "Erase a customer" (the right to erasure), for administrators: every contact with the customer's address, every
/// interaction they are the customer of or wrote a message in, their held mail, and with them the raw mail,
/// attachments, note files and search entries. A legal hold on any account involved refuses the whole erasure, before
/// anything is removed. The audit keeps the contact's number and the counts, not who the customer was.
/// </summary>
public sealed class CustomerErasure(MailroomDb db, InteractionPurge purge, TimeProvider time)
{
    public async Task<ErasureResult> EraseAsync(Actor actor, int contactId, CancellationToken ct)
    {
        actor.RequireAdmin();
        var email = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Email).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Contact {contactId}");
        var contacts = db.Contacts.Where(c => c.Email == email).Select(c => c.Id);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); the address is stored as the customer wrote it
        var wrote = db.Messages.Where(m => m.Direction == MessageDirection.Incoming && m.From.ToLower() == email).Select(m => m.InteractionId);
        var held = db.HeldMails.Where(h => h.From == email);
#pragma warning restore CA1304, CA1311, CA1862
        var interactions = await db.Interactions
            .Where(i => (i.ContactId != null && contacts.Contains(i.ContactId.Value)) || wrote.Contains(i.Id))
            .Select(i => new { i.Id, i.AccountId }).ToListAsync(ct);
        var accounts = interactions.Select(i => i.AccountId).Concat(await held.Select(h => h.AccountId).ToListAsync(ct)).Distinct().ToList();
        var onHold = await db.Accounts.Where(a => accounts.Contains(a.Id) && a.Retention.LegalHold).Select(a => a.Name).ToListAsync(ct);
        if (onHold.Count > 0)
        {
            throw new ConflictException($"The customer's mail is under legal hold in {string.Join(", ", onHold)}: lift the hold in the account's settings first, if the law allows.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var contactCount = await contacts.CountAsync(ct);
        var heldRaw = await held.Select(h => h.RawSha256).ToListAsync(ct);
        await purge.DeleteAsync(interactions.Select(i => i.Id).ToList(), now, () =>
            db.Audit(actor, "customer erased", $"contact {contactId}", $"{contactCount} contacts, {interactions.Count} interactions, {heldRaw.Count} held mails", now), ct);
        await held.ExecuteDeleteAsync(ct);
        await purge.DeleteUnusedBlobsAsync(heldRaw, ct);
        await db.Contacts.Where(c => c.Email == email).ExecuteDeleteAsync(ct);
        return new ErasureResult(contactCount, interactions.Count, heldRaw.Count);
    }
}
