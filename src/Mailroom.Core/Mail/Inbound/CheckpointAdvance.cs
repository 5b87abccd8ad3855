using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Where in a mailbox a message was found: the identity exactly-once ingestion is built on. A watcher also names
/// the lease epoch it read the message under (<paramref name="Fence"/>): the commit is refused once another node
/// took the lease. Null for ingestion outside a watcher (tools, tests).
/// </summary>
public sealed record MailboxPosition(int AccountId, string Mailbox, long UidValidity, long Uid, long? Fence = null);

public static class CheckpointAdvance
{
    /// <summary>
    /// Moves the checkpoint past <paramref name="at"/> inside the caller's unit of work, so it commits together
    /// with whatever was stored for that message. A new UIDVALIDITY replaces the old cursor.
    /// </summary>
    public static async Task AdvanceCheckpointAsync(this MailroomDb db, MailboxPosition at, DateTime now, CancellationToken ct)
    {
        if (at.Fence is { } epoch)
        {
            db.Fence(at.AccountId, epoch, now);
        }

        // Already tracked (an earlier message of the same batch): no query needed.
        var checkpoint = db.Checkpoints.Local.FirstOrDefault(c => c.AccountId == at.AccountId && c.Mailbox == at.Mailbox)
            ?? await db.Checkpoints.FirstOrDefaultAsync(c => c.AccountId == at.AccountId && c.Mailbox == at.Mailbox, ct);
        if (checkpoint is null)
        {
            db.Checkpoints.Add(new MailboxCheckpoint { AccountId = at.AccountId, Mailbox = at.Mailbox, UidValidity = at.UidValidity, LastUid = at.Uid, UpdatedAt = now });
            return;
        }

        if (checkpoint.UidValidity != at.UidValidity)
        {
            (checkpoint.UidValidity, checkpoint.LastUid) = (at.UidValidity, at.Uid);
        }
        else
        {
            checkpoint.LastUid = Math.Max(checkpoint.LastUid, at.Uid);
        }

        checkpoint.UpdatedAt = now;
    }
}
