using Mailroom.Core.Common;
using Mailroom.Core.Contacts;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Interactions;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Journey;

public sealed record TransferStep(DateTime At, string? ByName, string? Details);

/// <summary>The right-hand "Interaction" tab: ids, dates, account, queue, agent, status, skills
/// needed, transfers, links.</summary>
public sealed record InteractionInfo(long Id, int AccountId, string AccountKey, string AccountName, string Subject, string StatusText,
    int? SubStatusId, string? SubStatusName, DispositionView? Disposition, IReadOnlyList<TagView> Tags, int? QueueId, string? QueueName,
    int? AssignedUserId, string? AssignedName, string? FirstAgentName, DateTime CreatedAt, DateTime? FirstResponseAt, DateTime? LastMessageAt,
    DateTime? ClosedAt, bool Reopened, long? ContinuedFromId, long? ContinuedInId, int UnreadCount, bool MarkAsUnreadAllowed,
    bool DispositionMandatory, IReadOnlyList<TransferStep> Transfers, int Version, DateTime? ParkedAt, DateTime? ParkedUntil, int Priority,
    IReadOnlyList<RequiredSkillView> RequiredSkills);

/// <summary>Everything beside the thread: the contact, the interaction's facts.</summary>
public sealed record InteractionContextView(ContactView? Contact, InteractionInfo Interaction);

public sealed class InteractionContext(MailroomDb db)
{
    public async Task<InteractionContextView> GetAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var i = await db.RequireInteractionAsync(actor, interactionId, ct);
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == i.AccountId, ct);
        var contact = i.ContactId is { } cid ? await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        var subStatus = i.SubStatusId is { } sid ? await db.SubStatuses.AsNoTracking().Where(s => s.Id == sid).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        var queue = i.QueueId is { } qid ? await db.Queues.AsNoTracking().Where(q => q.Id == qid).Select(q => q.Name).FirstOrDefaultAsync(ct) : null;
        var names = await NamesAsync([i.AssignedUserId, i.FirstAgentId], ct);
        var transfers = await (from h in db.History.AsNoTracking()
                               join u in db.Users on h.ActorUserId equals u.Id into users
                               from u in users.DefaultIfEmpty()
                               where h.InteractionId == interactionId && h.Action.StartsWith("transferred")
                               orderby h.At
                               select new TransferStep(h.At, u == null ? null : u.DisplayName, h.Details)).ToListAsync(ct);
        var info = new InteractionInfo(i.Id, i.AccountId, account.Key, account.Name, i.Subject, StatusText.Of(i.Status, i.ClosedUnmanaged, subStatus),
            i.SubStatusId, subStatus, await DispositionCatalog.FindAsync(db, i.DispositionId, ct),
            await SetInteractionTags.TagsOf(db, interactionId).ToListAsync(ct), i.QueueId, queue,
            i.AssignedUserId, Name(names, i.AssignedUserId), Name(names, i.FirstAgentId), i.CreatedAt, i.FirstResponseAt, i.LastMessageAt, i.ClosedAt,
            i.Reopened, i.ContinuedFromId, i.ContinuedInId, i.UnreadCount, account.MarkAsUnreadAllowed, account.Disposition.Mandatory, transfers, i.Version,
            i.ParkedAt, i.ParkedUntil, i.Priority, await InteractionSkills.ViewsAsync(db, interactionId, ct));
        return new InteractionContextView(contact is null ? null : ContactView.From(contact), info);
    }

    private async Task<Dictionary<int, string>> NamesAsync(int?[] ids, CancellationToken ct)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string? Name(Dictionary<int, string> names, int? id) => id is { } x && names.TryGetValue(x, out var n) ? n : null;
}
