using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Search;

/// <summary>
/// One line of an interactions list ("Email Interactions"): built only in <see cref="InteractionRows.Project"/>.
/// <see cref="Tags"/> holds the tag names, alphabetically. <see cref="SlaDueAt"/> is the earliest breach of a running
/// service-level clock: the clock the agent sees.
/// </summary>
public sealed record InteractionRow(long Id, int AccountId, string AccountKey, string Subject, string? Contact, string? ContactEmail,
    string? Preview, MessageDirection? LastDirection, DateTime LastActivityAt, DateTime CreatedAt, InteractionStatus Status,
    bool ClosedUnmanaged, int? SubStatusId, string? SubStatusName, int? DispositionId, string? DispositionName, int? AssignedUserId,
    string? AssignedName, int? FirstAgentId, int? QueueId, int UnreadCount, bool Reopened, int NewerInConversation, IReadOnlyList<string> Tags,
    int Version, DateTime? WaitingSince, DateTime? ParkedAt, DateTime? ParkedUntil, DateTime? SlaDueAt, int Priority);

public static class InteractionRows
{
    /// <summary>Newest activity first, the id breaking ties so pages never overlap.</summary>
    public static IQueryable<Interaction> Newest(this IQueryable<Interaction> query) =>
        query.OrderByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id);

    /// <summary>
    /// The customer who has waited longest first (the voice queue's order), then everything nobody waits on,
    /// newest first. Same expression as <see cref="InteractionRow.WaitingSince"/> so the order matches the times shown.
    /// </summary>
    public static IQueryable<Interaction> LongestWaiting(this IQueryable<Interaction> query) =>
        query.OrderBy(i => i.Status == InteractionStatus.Open && i.LastMessageDirection == MessageDirection.Incoming ? 0 : 1)
            .ThenBy(i => i.Status == InteractionStatus.Open && i.LastMessageDirection == MessageDirection.Incoming
                ? (i.FirstResponseAt == null ? i.CreatedAt : i.LastMessageAt) : null)
            .ThenByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id);

    public static IQueryable<Interaction> Ordered(this IQueryable<Interaction> query, ListOrder order) =>
        order == ListOrder.LongestWaiting ? query.LongestWaiting() : query.Newest();

    public static IQueryable<Interaction> Page(this IQueryable<Interaction> query, int page, int pageSize)
    {
        var size = Math.Clamp(pageSize, 1, 200);
        return query.Skip(Math.Max(0, page) * size).Take(size);
    }

    /// <summary>
    /// The rows of <paramref name="query"/> in one SQL statement. Page the query first: the tag names are a
    /// correlated collection, so EF joins them to the page's rows only.
    /// </summary>
    public static IQueryable<InteractionRow> Project(MailroomDb db, IQueryable<Interaction> query) =>
        from i in query
        join a in db.Accounts on i.AccountId equals a.Id
        join c in db.Contacts on i.ContactId equals c.Id into contacts
        from c in contacts.DefaultIfEmpty()
        join u in db.Users on i.AssignedUserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        join s in db.SubStatuses on i.SubStatusId equals s.Id into subStatuses
        from s in subStatuses.DefaultIfEmpty()
        join d in db.Dispositions on i.DispositionId equals d.Id into dispositions
        from d in dispositions.DefaultIfEmpty()
        select new InteractionRow(i.Id, i.AccountId, a.Key, i.Subject,
            c == null ? null : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim() == "" ? c.Email : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim(),
            c == null ? null : c.Email,
            i.LastMessagePreview, i.LastMessageDirection, i.LastActivityAt, i.CreatedAt, i.Status, i.ClosedUnmanaged,
            i.SubStatusId, s == null ? null : s.Name, i.DispositionId, d == null ? null : d.Name,
            i.AssignedUserId, u == null ? null : u.DisplayName, i.FirstAgentId, i.QueueId, i.UnreadCount, i.Reopened,
            db.Interactions.Count(n => n.ContinuedFromId == i.Id),
            db.InteractionTags.Where(t => t.InteractionId == i.Id).Join(db.Tags, t => t.TagId, t => t.Id, (_, t) => t.Name).OrderBy(n => n).ToList(),
            i.Version,
            i.Status == InteractionStatus.Open && i.LastMessageDirection == MessageDirection.Incoming
                ? (i.FirstResponseAt == null ? i.CreatedAt : i.LastMessageAt) : null,
            i.ParkedAt, i.ParkedUntil,
            db.SlaClocks.Where(k => k.InteractionId == i.Id && k.DueAt != null).Min(k => k.DueAt),
            i.Priority);
}
