using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.SubStatuses;

/// <summary>"Set as" a sub-status without sending, or clear it with null; only on an open interaction.</summary>
public sealed class SetSubStatus(MailroomDb db, TimeProvider time)
{
    public async Task RunAsync(Actor actor, long interactionId, int? subStatusId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var name = await RequireNameAsync(db, subStatusId, ct);
        if (interaction.Status != InteractionStatus.Open)
        {
            throw new ConflictException("Only an open interaction has a sub-status; reopen it first.");
        }

        if (interaction.SubStatusId == subStatusId)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        Apply(db, interaction, subStatusId, name, actor, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks a sub-status id (400 naming <c>subStatusId</c>); null means "none".</summary>
    public static async Task<string?> RequireNameAsync(MailroomDb db, int? subStatusId, CancellationToken ct) =>
        subStatusId is not { } id ? null
            : await db.SubStatuses.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct)
              ?? throw ValidationFailedException.For("subStatusId", $"subStatusId {id} is not a sub-status.");

    /// <summary>Sets it in the caller's unit of work, with history and event (also used by "Send as").</summary>
    public static void Apply(MailroomDb db, Interaction interaction, int? subStatusId, string? name, Actor actor, DateTime now)
    {
        interaction.SubStatusId = subStatusId;
        interaction.Version++;
        db.Record(interaction.Id, actor.PersonId, "sub-status", name ?? "(none)", now);
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "sub-status"), now, interaction.AccountId, interaction.Id);
    }
}
