using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Transfers;

/// <summary>One hop as people read it: names instead of ids.</summary>
public sealed record TransferHop(long Id, long InteractionId, TransferKind Kind, TransferOutcome Outcome, DateTime At, string? By,
    string? FromAgent, string FromAccount, string? FromQueue, string ToAccount, string? ToQueue, string? ToAgent);

/// <summary>An interaction the actor handed on ("Transferred"): readable, no longer theirs to answer.</summary>
public sealed record TransferredRow(long InteractionId, string AccountKey, string Subject, InteractionStatus Status, string? NowWith, TransferHop Hop);

/// <summary>An open interaction nobody has ("Unassigned"): waiting for an agent of its group or a supervisor.</summary>
public sealed record UnassignedRow(long InteractionId, int AccountId, string AccountKey, string Subject, int? QueueId, string? QueueName,
    string? PreviousAgent, DateTime LastActivityAt, int Version);

/// <summary>The transfer views: the hops of one interaction, the actor's Transferred view, the supervisors' Unassigned view.</summary>
public sealed class TransferViews(MailroomDb db)
{
    /// <summary>Every hop of an interaction, oldest first: the receiver sees who handled it before.</summary>
    public async Task<IReadOnlyList<TransferHop>> HopsAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        if (!await db.Interactions.AnyAsync(i => i.Id == interactionId && visible.Contains(i.AccountId), ct))
        {
            throw new NotFoundException($"Interaction {interactionId}");
        }

        return await Hops(db.TransferRecords.Where(r => r.InteractionId == interactionId).OrderBy(r => r.At).ThenBy(r => r.Id)).ToListAsync(ct);
    }

    /// <summary>What the actor handed on to a queue, an agent or a group and no longer has, newest first.</summary>
    public async Task<IReadOnlyList<TransferredRow>> TransferredAsync(Actor actor, int limit, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var me = actor.UserId;
        var mine = db.TransferRecords.Where(r => (r.FromUserId == me || (r.FromUserId == null && r.ByUserId == me)) && r.Kind != TransferKind.Account
            && !db.TransferRecords.Any(later => later.InteractionId == r.InteractionId && later.Id > r.Id));
        var hops = await Hops(mine.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 500))).ToListAsync(ct);
        var ids = hops.Select(h => h.InteractionId).ToList();
        var rows = await (from i in db.Interactions.AsNoTracking()
                          where ids.Contains(i.Id) && visible.Contains(i.AccountId) && i.AssignedUserId != me
                          join a in db.Accounts on i.AccountId equals a.Id
                          join u in db.Users on i.AssignedUserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          select new { i.Id, a.Key, i.Subject, i.Status, NowWith = u == null ? null : u.DisplayName }).ToListAsync(ct);
        return hops.Join(rows, h => h.InteractionId, r => r.Id, (h, r) => new TransferredRow(r.Id, r.Key, r.Subject, r.Status, r.NowWith, h)).ToList();
    }

    /// <summary>Open, unassigned interactions of the supervisor's accounts, longest waiting first.</summary>
    public async Task<IReadOnlyList<UnassignedRow>> UnassignedAsync(Actor actor, int? accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var visible = db.VisibleAccountIds(actor);
        var query = db.Interactions.AsNoTracking().Where(i => visible.Contains(i.AccountId) && i.Status == InteractionStatus.Open && i.AssignedUserId == null
            && !db.Offers.Any(o => o.InteractionId == i.Id && o.State == OfferState.Open));
        if (accountId is int only)
        {
            query = query.Where(i => i.AccountId == only);
        }

        return await (from i in query
                      join a in db.Accounts on i.AccountId equals a.Id
                      join q in db.Queues on i.QueueId equals q.Id into queues
                      from q in queues.DefaultIfEmpty()
                      orderby i.LastActivityAt, i.Id
                      select new UnassignedRow(i.Id, i.AccountId, a.Key, i.Subject, i.QueueId, q == null ? null : q.Name,
                          db.TransferRecords.Where(r => r.InteractionId == i.Id && r.FromUserId != null).OrderByDescending(r => r.Id)
                              .Select(r => db.Users.Where(u => u.Id == r.FromUserId).Select(u => u.DisplayName).FirstOrDefault()).FirstOrDefault(),
                          i.LastActivityAt, i.Version))
            .Take(500).ToListAsync(ct);
    }

    private IQueryable<TransferHop> Hops(IQueryable<TransferRecord> records) =>
        from r in records
        select new TransferHop(r.Id, r.InteractionId, r.Kind, r.Outcome, r.At,
            db.Users.Where(u => u.Id == r.ByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Users.Where(u => u.Id == r.FromUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Accounts.Where(a => a.Id == r.FromAccountId).Select(a => a.Key).First(),
            db.Queues.Where(q => q.Id == r.FromQueueId).Select(q => q.Name).FirstOrDefault(),
            db.Accounts.Where(a => a.Id == r.ToAccountId).Select(a => a.Key).First(),
            db.Queues.Where(q => q.Id == r.ToQueueId).Select(q => q.Name).FirstOrDefault(),
            db.Users.Where(u => u.Id == r.ToUserId).Select(u => u.DisplayName).FirstOrDefault());
}
