using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

public sealed record MessageView(long Id, MessageDirection Direction, MessageKind Kind, string From, string? FromName, string To, string Cc,
    string Subject, DateTime CreatedAt, string? TextBody, bool HasHtml, AddressedAs AddressedAs, IReadOnlyList<AttachmentView> Attachments,
    string? FromFallback);

public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, bool IsInline);

/// <summary>One page of a list and how many rows the whole list has, so the desktop can say "50 of 66".</summary>
public sealed record InteractionPage(IReadOnlyList<InteractionRow> Rows, int Total);

public sealed record InteractionDetail(InteractionRow Interaction, IReadOnlyList<MessageView> Messages, IReadOnlyList<HistoryEntry> History);

/// <summary>Read side of interactions, always filtered to the accounts the actor may see.</summary>
public sealed class InteractionQueries(MailroomDb db, InteractionFinder finder, AdvancedSearchQuery advanced)
{
    public async Task<IReadOnlyList<InteractionRow>> ListAsync(Actor actor, InteractionFilter filter, CancellationToken ct) =>
        (await ListPageAsync(actor, filter, ct)).Rows;

    public async Task<InteractionPage> ListPageAsync(Actor actor, InteractionFilter filter, CancellationToken ct)
    {
        var query = await finder.FilterAsync(actor, filter, ct);
        return await PageAsync(query.Ordered(filter.Order), filter.Page, filter.PageSize, ct);
    }

    public async Task<IReadOnlyList<InteractionRow>> SearchAsync(Actor actor, AdvancedSearch search, CancellationToken ct) =>
        (await SearchPageAsync(actor, search, ct)).Rows;

    public async Task<InteractionPage> SearchPageAsync(Actor actor, AdvancedSearch search, CancellationToken ct)
    {
        var query = await advanced.BuildAsync(actor, search, ct);
        return await PageAsync(query.Newest(), search.Page, search.PageSize, ct);
    }

    private async Task<InteractionPage> PageAsync(IQueryable<Interaction> ordered, int page, int pageSize, CancellationToken ct)
    {
        var rows = await InteractionRows.Project(db, ordered.Page(page, pageSize)).ToListAsync(ct);
        var total = rows.Count < Math.Clamp(pageSize, 1, 200) && page == 0 ? rows.Count : await ordered.CountAsync(ct);
        return new InteractionPage(rows, total);
    }

    public async Task<InteractionDetail> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var row = await InteractionRows.Project(db, db.Interactions.AsNoTracking().Where(i => i.Id == id && visible.Contains(i.AccountId))).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Interaction {id}");
        var messages = await db.Messages.AsNoTracking().Where(m => m.InteractionId == id).Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        var history = await db.History.AsNoTracking().Where(h => h.InteractionId == id).OrderBy(h => h.At).ToListAsync(ct);
        return new InteractionDetail(row, messages.Select(m => new MessageView(m.Id, m.Direction, m.Kind, m.From, m.FromName, m.To, m.Cc, m.Subject,
            m.CreatedAt, m.TextBody, m.HtmlBody is not null, m.AddressedAs,
            m.Attachments.Select(a => new AttachmentView(a.Id, FileNames.Clean(a.FileName, $"attachment-{a.Id}"), a.ContentType, a.Size, a.IsInline)).ToList(), m.FromFallback)).ToList(), history);
    }
}
