using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Search;

/// <summary>
/// Turns list filters, a quick search or an advanced search into a query over the interactions the actor may
/// see. Lists, exports and the advanced search all start here, so none of them can leak another account.
/// </summary>
public sealed class InteractionFinder(MailroomDb db, IFullTextSearch fullText)
{
    /// <summary>
    /// How many newest matching messages a text search looks at: enough for the requested page several times
    /// over, never more than the cap. This bound is what keeps a common word as fast as a rare one.
    /// </summary>
    public static int TextHitLimit(int page, int pageSize) => Math.Min(MaxTextHits, (Math.Max(0, page) + 1) * Math.Clamp(pageSize, 1, 200) * 8);

    public const int MaxTextHits = 5000;

    public const int ContactHitLimit = 500;

    public IQueryable<Interaction> Visible(Actor actor)
    {
        var visible = db.VisibleAccountIds(actor);
        return db.Interactions.AsNoTracking().Where(i => visible.Contains(i.AccountId));
    }

    /// <param name="everything">For exports: look at the most matches a text search allows, not just enough for one page.</param>
    public async Task<IQueryable<Interaction>> FilterAsync(Actor actor, InteractionFilter filter, CancellationToken ct, bool everything = false)
    {
        var query = Visible(actor);
        if (filter.AccountId is int accountId)
        {
            query = query.Where(i => i.AccountId == accountId);
        }

        query = filter.Scope switch
        {
            ListScope.Mine => query.Where(i => i.AssignedUserId == actor.UserId),
            ListScope.Unassigned => query.Where(i => i.AssignedUserId == null),
            ListScope.Mentions => query.Where(i => db.Mentions.Any(m => m.InteractionId == i.Id && m.UserId == actor.UserId)),
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

        if (filter.StartedFrom is DateTime from)
        {
            query = query.Where(i => i.CreatedAt >= from);
        }

        if (filter.StartedTo is DateTime to)
        {
            query = query.Where(i => i.CreatedAt < to);
        }

        if (filter.AgentId is int agentId)
        {
            query = query.Where(i => i.FirstAgentId == agentId);
        }

        if (filter.QueueId is int queueId)
        {
            query = query.Where(i => i.QueueId == queueId);
        }

        if (filter.TagIds is { Count: > 0 } tagIds)
        {
            query = query.Where(i => db.InteractionTags.Any(t => t.InteractionId == i.Id && tagIds.Contains(t.TagId)));
        }

        return string.IsNullOrWhiteSpace(filter.Query)
            ? query
            : await QuickSearchAsync(actor, query, filter.Query, filter.AccountId, everything ? MaxTextHits : TextHitLimit(filter.Page, filter.PageSize), ct);
    }

    /// <summary>By interaction id, message text, subject, sender, contact first/last name and email address.</summary>
    private async Task<IQueryable<Interaction>> QuickSearchAsync(Actor actor, IQueryable<Interaction> query, string text, int? accountId,
        int hitLimit, CancellationToken ct)
    {
        var words = SearchWords.Parse(text);
        var accounts = await AccountScopeAsync(actor, accountId, ct);
        var byText = await fullText.MatchInteractionsAsync(db, words, accounts, hitLimit, ct);
        var contacts = await fullText.MatchContactsAsync(db, words, ContactHitLimit, ct);
        var byNote = await NoteHitsAsync(words, accounts, hitLimit, ct);
        var id = long.TryParse(text.Trim().TrimStart('#'), out var parsed) ? parsed : -1;
        return query.Where(i => i.Id == id || byText.Contains(i.Id) || byNote.Contains(i.Id) || (i.ContactId != null && contacts.Contains(i.ContactId.Value)));
    }

    /// <summary>
    /// Interactions with a note containing every word, newest notes first. Notes are a few per interaction, not
    /// millions of mails, so a bounded scan needs no full-text index.
    /// </summary>
    private async Task<List<long>> NoteHitsAsync(SearchWords words, IReadOnlyCollection<int>? accountIds, int hitLimit, CancellationToken ct)
    {
        if (words.IsEmpty || accountIds is { Count: 0 })
        {
            return [];
        }

        var notes = accountIds is null
            ? db.Notes.AsNoTracking()
            : db.Notes.AsNoTracking().Where(n => db.Interactions.Any(i => i.Id == n.InteractionId && accountIds.Contains(i.AccountId)));
        foreach (var word in words.Words.Select(w => w.ToLowerInvariant()))
        {
#pragma warning disable CA1304, CA1311, CA1862 // EF Core turns ToLower() into SQL's lower(): no .NET culture is involved
            notes = notes.Where(n => n.Text.ToLower().Contains(word));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return await notes.OrderByDescending(n => n.Id).Take(hitLimit).Select(n => n.InteractionId).Distinct().ToListAsync(ct);
    }

    /// <summary>Interactions whose messages contain the words, within the accounts the actor may see.</summary>
    internal async Task<IReadOnlyList<long>> TextHitsAsync(Actor actor, string text, int hitLimit, CancellationToken ct) =>
        await fullText.MatchInteractionsAsync(db, SearchWords.Parse(text), await AccountScopeAsync(actor, null, ct), hitLimit, ct);

    /// <summary>The accounts a text search may look in: null (all) for an administrator without an account filter.</summary>
    private async Task<IReadOnlyCollection<int>?> AccountScopeAsync(Actor actor, int? accountId, CancellationToken ct)
    {
        if (actor.IsAdmin && accountId is null)
        {
            return null;
        }

        var visible = await db.VisibleAccountIds(actor).ToListAsync(ct);
        return accountId is int only ? visible.Where(a => a == only).ToList() : visible;
    }
}
