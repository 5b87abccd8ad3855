using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Drafts;

/// <summary>
/// The composer's autosave, called every few seconds: one UPDATE of the author's own draft, no history row and
/// no event (saving and deleting announce themselves; keystrokes do not).
/// </summary>
public sealed class AutosaveDraft(MailroomDb db, TimeProvider time)
{
    public async Task<DateTime> RunAsync(Actor actor, long draftId, DraftInput input, CancellationToken ct)
    {
        input.Validate();
        var now = time.GetUtcNow().UtcDateTime;
        var typed = new Draft();
        input.ApplyTo(typed, now);
        var changed = await db.Drafts.Where(d => d.Id == draftId && d.UserId == actor.UserId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Mode, typed.Mode)
                .SetProperty(d => d.To, typed.To)
                .SetProperty(d => d.Cc, typed.Cc)
                .SetProperty(d => d.Bcc, typed.Bcc)
                .SetProperty(d => d.Subject, typed.Subject)
                .SetProperty(d => d.Body, typed.Body)
                .SetProperty(d => d.IsHtml, typed.IsHtml)
                .SetProperty(d => d.MessageId, typed.MessageId)
                .SetProperty(d => d.UpdatedAt, now), ct);
        // Somebody else's draft answers exactly like a missing one: nobody learns it exists.
        return changed == 0 ? throw new NotFoundException($"Draft {draftId}") : now;
    }
}
