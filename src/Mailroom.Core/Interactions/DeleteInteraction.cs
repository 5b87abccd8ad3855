using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Interactions;

/// <summary>"Delete Interaction permanently", for supervisors and administrators of its account.</summary>
public sealed class DeleteInteraction(MailroomDb db, InteractionPurge purge, TimeProvider time)
{
    public async Task RunAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        await purge.DeleteAsync([interactionId], now, () => db.Audit(actor, "interaction deleted", $"interaction {interactionId}", interaction.Subject, now), ct);
    }
}
