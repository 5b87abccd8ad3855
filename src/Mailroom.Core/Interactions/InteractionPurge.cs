using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

/// <summary>
/// Removes interactions, or only their content, with everything stored for them: the rows go in one transaction (the
/// foreign keys cascade to messages, attachments, notes, drafts, offers and timers, and the full-text index drops its
/// entries with the rows), then the blobs — raw mail, attachments, note files — that nothing else refers to. One place
/// for "Delete permanently", retention and erasing a customer, so none of them leaves a file behind.
/// </summary>
public sealed class InteractionPurge(MailroomDb db, BlobStore blobs)
{
    /// <summary>Deletes the interactions; <paramref name="record"/> adds the caller's audit entry to the same save.</summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<long> ids, DateTime now, Action record, CancellationToken ct)
    {
        var shas = await BlobsOfAsync(ids, ct);
        var accounts = await db.Interactions.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.AccountId }).ToListAsync(ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Interactions.Where(i => i.ContinuedFromId != null && ids.Contains(i.ContinuedFromId.Value)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContinuedFromId, (long?)null), ct);
            await db.Interactions.Where(i => i.ContinuedInId != null && ids.Contains(i.ContinuedInId.Value)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContinuedInId, (long?)null), ct);
            await db.Interactions.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
            foreach (var deleted in accounts)
            {
                db.Append(new InteractionDeleted(deleted.Id, deleted.AccountId), now, deleted.AccountId, deleted.Id);
            }

            record();
            db.ChangeTracker.Entries<Interaction>().ToList().ForEach(e => e.State = EntityState.Detached);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await DeleteUnusedBlobsAsync(shas, ct);
        return accounts.Count;
    }

    /// <summary>Keeps the interactions' rows for the reports and removes every word of the customer's.</summary>
    public async Task AnonymiseAsync(IReadOnlyCollection<long> ids, DateTime now, Action record, CancellationToken ct)
    {
        var shas = await BlobsOfAsync(ids, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Messages.Where(m => ids.Contains(m.InteractionId)).ExecuteDeleteAsync(ct);
            await db.Notes.Where(n => ids.Contains(n.InteractionId)).ExecuteDeleteAsync(ct);
            await db.Drafts.Where(d => ids.Contains(d.InteractionId)).ExecuteDeleteAsync(ct);
            await db.Interactions.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Subject, "")
                .SetProperty(i => i.LastMessagePreview, (string?)null)
                .SetProperty(i => i.ContactId, (int?)null)
                .SetProperty(i => i.AnonymisedAt, now)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);
            record();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await DeleteUnusedBlobsAsync(shas, ct);
    }

    private async Task<List<string>> BlobsOfAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var messages = db.Messages.Where(m => ids.Contains(m.InteractionId));
        return await messages.Select(m => m.RawSha256)
            .Concat(db.Attachments.Where(a => messages.Select(m => m.Id).Contains(a.MessageId)).Select(a => a.BlobSha256))
            .Concat(db.Notes.Where(n => ids.Contains(n.InteractionId) && n.AttachmentSha256 != null).Select(n => n.AttachmentSha256!))
            .Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// Removes the blobs no row refers to any more. Content addressing: the same bytes may belong to another
    /// interaction, a held mail or an ingest problem.
    /// </summary>
    public async Task DeleteUnusedBlobsAsync(IEnumerable<string> shas, CancellationToken ct)
    {
        foreach (var sha in shas)
        {
            var used = await db.Messages.AnyAsync(m => m.RawSha256 == sha, ct)
                || await db.Attachments.AnyAsync(a => a.BlobSha256 == sha, ct)
                || await db.Notes.AnyAsync(n => n.AttachmentSha256 == sha, ct)
                || await db.IngestProblems.AnyAsync(p => p.RawSha256 == sha, ct)
                || await db.HeldMails.AnyAsync(h => h.RawSha256 == sha, ct);
            if (!used && blobs.Exists(sha))
            {
                blobs.Delete(sha);
            }
        }
    }
}
