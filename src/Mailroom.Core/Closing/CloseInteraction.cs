using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Closing;

public sealed record CloseInput(int? DispositionId = null, int? ExpectedVersion = null);

/// <summary>Close, or Close &amp; Dispose when a disposition is given ("Closing mail session").</summary>
public sealed class CloseInteraction(MailroomDb db, InteractionCloser closer, TimeProvider time)
{
    public async Task RunAsync(Actor actor, long interactionId, CloseInput input, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (input.ExpectedVersion is { } seen && seen != interaction.Version)
        {
            throw new ConflictException("This interaction changed since you opened it; reload it and try again.");
        }

        var plan = await closer.PrepareAsync(actor, interaction, input.DispositionId, ct);
        await closer.ApplyAsync(actor, interaction, plan, plan.Disposition is null ? "close" : "close and dispose", time.GetUtcNow().UtcDateTime, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Somebody else changed this interaction at the same moment; reload it and try again.");
        }

        if (plan.Disposition is not null)
        {
            await closer.ResumeAsync(actor, ct);
        }
    }
}
