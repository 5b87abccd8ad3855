using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Why someone may not answer an interaction: forbidden for them, or a conflict they can resolve first.</summary>
public sealed record AnswerRefusal(bool Forbidden, string Message);

/// <summary>
/// Only the person working an interaction answers it: not an agent it is being offered to, not a colleague,
/// not the agent who transferred it away (they keep a read-only view). Anyone else takes it over first
/// (assign: the offers are withdrawn and it is recorded). Mailroom itself (auto replies, transfer notices)
/// answers as it must, and one that is nobody's and offered to nobody may be answered by whoever sees it.
/// The desktop asks the same rule before it shows Reply, so a button is never offered that the server refuses.
/// </summary>
public sealed class AnswerRight(MailroomDb db)
{
    public async Task<AnswerRefusal?> WhyNotAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        return await WhyNotAsync(db, actor, interaction, ct);
    }

    internal static async Task<AnswerRefusal?> WhyNotAsync(MailroomDb db, Actor actor, Interaction interaction, CancellationToken ct)
    {
        if (interaction.Status != InteractionStatus.Open)
        {
            return new AnswerRefusal(false, $"Interaction {interaction.Id} is closed; reopen it before answering.");
        }

        if (actor == Actor.System || interaction.AssignedUserId == actor.UserId)
        {
            return null;
        }

        var lastHop = await db.TransferRecords.AsNoTracking().Where(t => t.InteractionId == interaction.Id)
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (!actor.IsSupervisorOrAdmin && lastHop?.FromUserId == actor.UserId && lastHop.Outcome != TransferOutcome.Returned)
        {
            return new AnswerRefusal(true, $"You transferred interaction {interaction.Id}; it is read-only for you now.");
        }

        if (interaction.AssignedUserId is not null)
        {
            return actor.IsSupervisorOrAdmin
                ? new AnswerRefusal(false, $"Interaction {interaction.Id} belongs to another agent; take it over (assign it to yourself) before answering.")
                : new AnswerRefusal(true, $"Interaction {interaction.Id} belongs to another agent; only they can answer it.");
        }

        return await db.Offers.AnyAsync(o => o.InteractionId == interaction.Id && o.State == OfferState.Open, ct)
            ? new AnswerRefusal(false, $"Interaction {interaction.Id} is being offered; accept the offer, or take it over, before answering.")
            : null;
    }
}
