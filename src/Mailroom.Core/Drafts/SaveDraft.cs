using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Drafts;

/// <summary>
/// "Save as draft": one draft per interaction per agent. When the agent already has one here, the answer
/// is 409 unless <c>replace</c> is set, which is the "your old draft will be replaced" confirmation.
/// </summary>
public sealed class SaveDraft(MailroomDb db, TimeProvider time)
{
    public async Task<DraftView> RunAsync(Actor actor, long interactionId, DraftInput input, bool replace, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        input.Validate();
        if (interaction.Status != InteractionStatus.Open)
        {
            throw new ConflictException("The interaction is closed; drafts are kept only for open interactions.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.InteractionId == interactionId && d.UserId == actor.UserId, ct);
        if (draft is not null && !replace)
        {
            throw new ConflictException($"You already have draft {draft.Id} for this interaction; save with replace=true to replace it.");
        }

        if (draft is null)
        {
            draft = new Draft { InteractionId = interactionId, UserId = actor.UserId, CreatedAt = now };
            db.Drafts.Add(draft);
        }

        input.ApplyTo(draft, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two saves at once: the unique index let one in.
            throw new ConflictException("You already have a draft for this interaction; save with replace=true to replace it.");
        }

        db.Record(interactionId, actor.UserId, "draft-saved", $"draft {draft.Id}", now);
        db.Append(new DraftsChanged(actor.UserId, interactionId, draft.Id, "saved"), now, null, interactionId, actor.UserId);
        await db.SaveChangesAsync(ct);
        var key = await db.Accounts.AsNoTracking().Where(a => a.Id == interaction.AccountId).Select(a => a.Key).FirstAsync(ct);
        return DraftView.From(draft, key);
    }
}
