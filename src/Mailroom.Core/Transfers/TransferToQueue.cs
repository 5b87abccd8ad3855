using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Transfers;

/// <summary>
/// Transfers an interaction to a queue, where the account allows it: its agents are offered it for
/// the account's queue-transfer timeout; if nobody accepts in time it returns to the sender, unread.
/// </summary>
public sealed class TransferToQueue(MailroomDb db, TimeProvider time)
{
    public async Task<TransferRecord> RunAsync(Actor actor, long interactionId, int queueId, int? expectedVersion, CancellationToken ct)
    {
        var (interaction, account) = await db.RequireMovableAsync(actor, interactionId, expectedVersion, ct);
        if (!account.Transfer.ToQueueAllowed)
        {
            throw new TransferRefusedException(TransferRefusal.NotAllowedByAccount,
                $"Transfer to a queue is not allowed on '{account.Key}'; an administrator can allow it in the account's Transfer settings.");
        }

        var queue = await db.Queues.AsNoTracking().FirstOrDefaultAsync(q => q.Id == queueId, ct)
            ?? throw ValidationFailedException.For("queueId", $"queue {queueId} does not exist.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var returnTo = interaction.AssignedUserId ?? actor.UserId;
        var record = await db.BeginOfferedAsync(actor, interaction, TransferKind.Queue, RoutingStep.TransferQueue, queue.Id, null, returnTo,
            now.AddSeconds(account.Transfer.ToQueueTimeoutSeconds), now, ct);
        db.Record(interactionId, actor.UserId, "transferred-to-queue", queue.Name, now);
        db.Append(new InteractionTransferred(interactionId, "queue", account.Id, account.Id, queue.Id, null), now, account.Id, interactionId);
        await db.SaveTransferAsync(ct);
        await tx.CommitAsync(ct);
        return record;
    }
}
