using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

public enum ListScope
{
    All = 0,
    Mine = 1,
    Unassigned = 2,
}

/// <summary>The interactions list's filters (003): account, scope, status, read state and a quick search.</summary>
public sealed record InteractionFilter(int? AccountId = null, ListScope Scope = ListScope.All, InteractionStatus? Status = null,
    bool? Unread = null, string? Query = null, int Page = 0, int PageSize = 50);

public sealed record InteractionRow(long Id, int AccountId, string AccountKey, string Subject, string? Contact, string? Preview,
    MessageDirection? LastDirection, DateTime LastActivityAt, InteractionStatus Status, int? AssignedUserId, string? AssignedName,
    int UnreadCount, bool Reopened, int Version);

public sealed record MessageView(long Id, MessageDirection Direction, MessageKind Kind, string From, string? FromName, string To, string Cc,
    string Subject, DateTime CreatedAt, string? TextBody, bool HasHtml, AddressedAs AddressedAs, IReadOnlyList<AttachmentView> Attachments);

public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, bool IsInline);

public sealed record InteractionDetail(InteractionRow Interaction, IReadOnlyList<MessageView> Messages, IReadOnlyList<HistoryEntry> History);

/// <summary>Read side of interactions, always filtered to the accounts the actor may see.</summary>
public sealed class InteractionQueries(MailroomDb db)
{
    public async Task<IReadOnlyList<InteractionRow>> ListAsync(Actor actor, InteractionFilter filter, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var query = db.Interactions.AsNoTracking().Where(i => visible.Contains(i.AccountId));
        if (filter.AccountId is int accountId)
        {
            query = query.Where(i => i.AccountId == accountId);
        }

        query = filter.Scope switch
        {
            ListScope.Mine => query.Where(i => i.AssignedUserId == actor.UserId),
            ListScope.Unassigned => query.Where(i => i.AssignedUserId == null),
            _ => query,
        };
        if (filter.Status is InteractionStatus status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.Unread is bool unread)
        {
            query = unread ? query.Where(i => i.UnreadCount > 0) : query.Where(i => i.UnreadCount == 0);
        }

        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var q = filter.Query.Trim();
            var lowered = q.ToLowerInvariant();
            _ = long.TryParse(q, out var id);
            query = query.Where(i => i.Id == id || i.Subject.ToLower().Contains(lowered)
                || db.Contacts.Any(c => c.Id == i.ContactId && (c.Email.Contains(lowered) || (c.FirstName ?? "").ToLower().Contains(lowered) || (c.LastName ?? "").ToLower().Contains(lowered))));
        }

        var size = Math.Clamp(filter.PageSize, 1, 200);
        return await Project(query.OrderByDescending(i => i.LastActivityAt).ThenByDescending(i => i.Id).Skip(Math.Max(0, filter.Page) * size).Take(size))
            .ToListAsync(ct);
    }

    public async Task<InteractionDetail> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var row = await Project(db.Interactions.AsNoTracking().Where(i => i.Id == id && visible.Contains(i.AccountId))).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Interaction {id}");
        var messages = await db.Messages.AsNoTracking().Where(m => m.InteractionId == id).Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        var history = await db.History.AsNoTracking().Where(h => h.InteractionId == id).OrderBy(h => h.At).ToListAsync(ct);
        return new InteractionDetail(row, messages.Select(m => new MessageView(m.Id, m.Direction, m.Kind, m.From, m.FromName, m.To, m.Cc, m.Subject,
            m.CreatedAt, m.TextBody, m.HtmlBody is not null, m.AddressedAs,
            m.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.IsInline)).ToList())).ToList(), history);
    }

    private IQueryable<InteractionRow> Project(IQueryable<Interaction> query) =>
        from i in query
        join a in db.Accounts on i.AccountId equals a.Id
        join c in db.Contacts on i.ContactId equals c.Id into contacts
        from c in contacts.DefaultIfEmpty()
        join u in db.Users on i.AssignedUserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        select new InteractionRow(i.Id, i.AccountId, a.Key, i.Subject,
            c == null ? null : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim() == "" ? c.Email : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim(),
            i.LastMessagePreview, i.LastMessageDirection, i.LastActivityAt, i.Status, i.AssignedUserId, u == null ? null : u.DisplayName,
            i.UnreadCount, i.Reopened, i.Version);
}
