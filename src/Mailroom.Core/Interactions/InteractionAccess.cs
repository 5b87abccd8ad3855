using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

public static class InteractionAccess
{
    /// <summary>Loads an interaction (tracked) if the actor may see its account; 404 otherwise, so nothing leaks.</summary>
    public static async Task<Interaction> RequireInteractionAsync(this MailroomDb db, Actor actor, long id, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        return await db.Interactions.FirstOrDefaultAsync(i => i.Id == id && visible.Contains(i.AccountId), ct)
            ?? throw new NotFoundException($"Interaction {id}");
    }

    /// <summary>Records who did what; every use case on an interaction calls it.</summary>
    public static void Record(this MailroomDb db, long interactionId, int? actorUserId, string action, string? details, DateTime at) =>
        db.History.Add(new HistoryEntry { InteractionId = interactionId, ActorUserId = actorUserId, Action = action, Details = details, At = at });
}
