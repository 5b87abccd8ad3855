using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// How an outgoing message is doing: what the message shows to the agent. <see cref="UndoUntil"/> is set while
/// the message has never been tried and its first attempt lies after its creation (the undo hold); once that
/// time has passed it may already be on its way. A scheduled message (<see cref="ScheduledFor"/>) can be taken
/// back the same way until its time.
/// </summary>
public sealed record DeliveryView(long MessageId, OutboxState State, int Attempts, string? LastError, DateTime NextAttemptAt, DateTime GiveUpAt, DateTime? SentAt,
    DateTime? UndoUntil, DateTime? ScheduledFor)
{
    public static DeliveryView From(OutboxItem item) =>
        new(item.MessageId, item.State, item.Attempts, item.LastError, item.NextAttemptAt, item.GiveUpAt, item.SentAt,
            item is { State: OutboxState.Queued, Attempts: 0 } && item.NextAttemptAt > item.CreatedAt ? item.NextAttemptAt : null,
            item.ScheduledFor);

    public static async Task<DeliveryView> GetAsync(MailroomDb db, Actor actor, long messageId, CancellationToken ct) =>
        From((await RequireAsync(db, actor, messageId, ct)).Item);

    /// <summary>How every outgoing message of an interaction is doing, for the thread view (one query).</summary>
    public static async Task<Dictionary<long, DeliveryView>> ForInteractionAsync(MailroomDb db, Actor actor, long interactionId, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        var items = await db.Outbox.AsNoTracking()
            .Where(o => db.Messages.Any(m => m.Id == o.MessageId && m.InteractionId == interactionId))
            .ToListAsync(ct);
        return items.ToDictionary(o => o.MessageId, From);
    }

    /// <summary>The outbox row (tracked) of a message in an interaction the actor can see; 404 otherwise.</summary>
    internal static async Task<(OutboxItem Item, long InteractionId)> RequireAsync(MailroomDb db, Actor actor, long messageId, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var found = await db.Messages.Where(m => m.Id == messageId)
            .Join(db.Interactions, m => m.InteractionId, i => i.Id, (m, i) => new { m.Id, i.AccountId, InteractionId = i.Id })
            .Where(x => visible.Contains(x.AccountId)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Message {messageId}");
        var item = await db.Outbox.FirstOrDefaultAsync(o => o.MessageId == found.Id, ct)
            ?? throw new NotFoundException($"Delivery of message {messageId}");
        return (item, found.InteractionId);
    }
}
