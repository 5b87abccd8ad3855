using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

/// <summary>
/// "Delete Interaction permanently", for supervisors and administrators: the interaction, its messages,
/// attachments, offers, routing timers and outbox rows go in one statement (the foreign keys cascade, and the
/// full-text triggers or generated column drop the index entries with the rows); afterwards the blobs nothing
/// else refers to are removed from disk. Drafts must cascade from the interaction the same way.
/// </summary>
public sealed class DeleteInteraction(MailroomDb db, BlobStore blobs, TimeProvider time)
{
    public async Task RunAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var messageIds = db.Messages.Where(m => m.InteractionId == interactionId).Select(m => m.Id);
        var shas = await db.Messages.Where(m => m.InteractionId == interactionId).Select(m => m.RawSha256)
            .Concat(db.Attachments.Where(a => messageIds.Contains(a.MessageId)).Select(a => a.BlobSha256))
            .Distinct().ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Interactions.Where(i => i.ContinuedFromId == interactionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContinuedFromId, (long?)null), ct);
            await db.Interactions.Where(i => i.ContinuedInId == interactionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContinuedInId, (long?)null), ct);
            await db.Interactions.Where(i => i.Id == interactionId).ExecuteDeleteAsync(ct);
            db.Append(new InteractionDeleted(interactionId, interaction.AccountId), now, interaction.AccountId, interactionId);
            db.Audit(actor, "interaction deleted", $"interaction {interactionId}", interaction.Subject, now);
            db.ChangeTracker.Entries<Interaction>().ToList().ForEach(e => e.State = EntityState.Detached);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var accounts = await db.Accounts.Select(a => a.Id).ToListAsync(ct);
        foreach (var sha in shas)
        {
            var used = await db.Messages.AnyAsync(m => accounts.Contains(m.AccountId) && m.RawSha256 == sha, ct)
                || await db.Attachments.AnyAsync(a => a.BlobSha256 == sha, ct)
                || await db.IngestProblems.AnyAsync(p => p.RawSha256 == sha, ct);
            if (!used && blobs.Exists(sha))
            {
                blobs.Delete(sha);
            }
        }
    }
}
