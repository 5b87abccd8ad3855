using Mailroom.Core.Common;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Closing;

/// <summary>Disposes (or re-disposes) an interaction that is already closed, e.g. one closed with plain Close.</summary>
public sealed class DisposeInteraction(MailroomDb db, InteractionCloser closer, TimeProvider time)
{
    public async Task<DispositionView> RunAsync(Actor actor, long interactionId, int? dispositionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (dispositionId is null)
        {
            throw ValidationFailedException.For("dispositionId", "dispositionId is required.");
        }

        var disposition = await DispositionCatalog.RequireApplicableAsync(db, dispositionId.Value, interaction.AccountId, ct);
        if (interaction.Status != InteractionStatus.Closed)
        {
            throw new ConflictException("Dispose an open interaction by closing it with a disposition (Close & Dispose).");
        }

        var now = time.GetUtcNow().UtcDateTime;
        interaction.DispositionId = disposition.Id;
        interaction.Version++;
        db.Record(interactionId, actor.UserId, "disposed", disposition.Path, now);
        db.Append(new InteractionChanged(interactionId, interaction.AccountId, "disposed"), now, interaction.AccountId, interactionId);
        await db.SaveChangesAsync(ct);
        await closer.ResumeAsync(actor, ct);
        return disposition;
    }
}
