using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Drafts;

/// <summary>An agent's own drafts: the drafts bar, opening one, discarding one. Nobody else's are ever visible.</summary>
public sealed class MyDrafts(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<DraftView>> ListAsync(Actor actor, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var rows = await (from d in db.Drafts.AsNoTracking()
                          join i in db.Interactions on d.InteractionId equals i.Id
                          join a in db.Accounts on i.AccountId equals a.Id
                          where d.UserId == actor.UserId && visible.Contains(i.AccountId)
                          orderby d.UpdatedAt descending
                          select new { Draft = d, a.Key }).ToListAsync(ct);
        return rows.Select(r => DraftView.From(r.Draft, r.Key)).ToList();
    }

    public async Task<DraftView> GetAsync(Actor actor, long draftId, CancellationToken ct)
    {
        var row = await (from d in db.Drafts.AsNoTracking()
                         join i in db.Interactions on d.InteractionId equals i.Id
                         join a in db.Accounts on i.AccountId equals a.Id
                         where d.Id == draftId && d.UserId == actor.UserId
                         select new { Draft = d, a.Key }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Draft {draftId}");
        return DraftView.From(row.Draft, row.Key);
    }

    public async Task<DraftView?> ForInteractionAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var id = await db.Drafts.AsNoTracking().Where(d => d.InteractionId == interactionId && d.UserId == actor.UserId).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await GetAsync(actor, found, ct) : null;
    }

    public async Task DeleteAsync(Actor actor, long draftId, CancellationToken ct)
    {
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == draftId && d.UserId == actor.UserId, ct) ?? throw new NotFoundException($"Draft {draftId}");
        var now = time.GetUtcNow().UtcDateTime;
        db.Drafts.Remove(draft);
        db.Record(draft.InteractionId, actor.UserId, "draft-deleted", $"draft {draft.Id}", now);
        db.Append(new DraftsChanged(actor.UserId, draft.InteractionId, draft.Id, "deleted"), now, null, draft.InteractionId, actor.UserId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Closing deletes everybody's drafts of the interaction, in the closing transaction, telling each author.</summary>
    internal static Task DeleteAllAsync(MailroomDb db, long interactionId, DateTime now, CancellationToken ct) =>
        DeleteAsync(db, db.Drafts.Where(d => d.InteractionId == interactionId), now, ct);

    /// <summary>Sending is what the draft was for: the sender's own draft goes in the sending transaction.</summary>
    internal static Task DeleteSentAsync(MailroomDb db, long interactionId, int userId, DateTime now, CancellationToken ct) =>
        DeleteAsync(db, db.Drafts.Where(d => d.InteractionId == interactionId && d.UserId == userId), now, ct);

    private static async Task DeleteAsync(MailroomDb db, IQueryable<Draft> which, DateTime now, CancellationToken ct)
    {
        var drafts = await which.ToListAsync(ct);
        db.Drafts.RemoveRange(drafts);
        foreach (var d in drafts)
        {
            db.Append(new DraftsChanged(d.UserId, d.InteractionId, d.Id, "deleted"), now, null, d.InteractionId, d.UserId);
        }
    }
}
