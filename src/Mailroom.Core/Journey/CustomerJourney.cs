using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Journey;

/// <summary>
/// One step of the customer journey. <see cref="CanOpen"/> says whether the agent may open it; for an
/// interaction of an account the agent cannot see, only the date, channel and status are shown.
/// </summary>
public sealed record JourneyItem(long Id, string Channel, DateTime CreatedAt, DateTime LastActivityAt, string StatusText, bool CanOpen,
    string? Subject, string? AccountKey);

public sealed record JourneyFilter(string? Channel = null, DateTime? From = null, DateTime? To = null);

/// <summary>The "Customer Journey" tab: every interaction of the contact, newest first, by channel and date.</summary>
public sealed class CustomerJourney(MailroomDb db)
{
    public const string EmailChannel = "email";

    public async Task<IReadOnlyList<JourneyItem>> ListAsync(Actor actor, long interactionId, JourneyFilter filter, CancellationToken ct)
    {
        var current = await db.RequireInteractionAsync(actor, interactionId, ct);
        new Validator()
            .When(filter.Channel is { Length: > 0 } c && c != EmailChannel, "channel", $"must be '{EmailChannel}' (the only channel Mailroom has).")
            .When(filter.From > filter.To, "from", "must not be after 'to'.")
            .ThrowIfInvalid();
        if (current.ContactId is not { } contactId)
        {
            return [];
        }

        var visible = await db.VisibleAccountIds(actor).ToListAsync(ct);
        var query = db.Interactions.AsNoTracking().Where(i => i.ContactId == contactId);
        if (filter.From is { } from)
        {
            query = query.Where(i => i.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(i => i.CreatedAt <= to);
        }

        var rows = await (from i in query
                          join a in db.Accounts on i.AccountId equals a.Id
                          join s in db.SubStatuses on i.SubStatusId equals s.Id into subs
                          from s in subs.DefaultIfEmpty()
                          orderby i.CreatedAt descending, i.Id descending
                          select new { i.Id, i.AccountId, a.Key, i.Subject, i.Status, i.ClosedUnmanaged, Sub = s == null ? null : s.Name, i.CreatedAt, i.LastActivityAt })
            .Take(200).ToListAsync(ct);
        return rows.Select(r =>
        {
            var open = visible.Contains(r.AccountId);
            return new JourneyItem(r.Id, EmailChannel, r.CreatedAt, r.LastActivityAt, StatusText.Of(r.Status, r.ClosedUnmanaged, r.Sub), open,
                open ? r.Subject : null, open ? r.Key : null);
        }).ToList();
    }
}
