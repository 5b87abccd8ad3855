using Mailroom.Core.Accounts;
using Mailroom.Core.AgentPresence;
using Mailroom.Core.Common;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Parking;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Closing;

/// <summary>A close the rules allowed: the disposition to apply, if any.</summary>
public sealed record ClosePlan(DispositionView? Disposition);

/// <summary>
/// The rules of closing, shared by Close, Close &amp; Dispose and Send &amp; Close: only an open interaction;
/// a disposition of the lowest level, global or of the account; where the account's disposition is mandatory,
/// none means 400 and (if the account says so) the agent is paused until they give one ("Disposition").
/// </summary>
public sealed class InteractionCloser(MailroomDb db, SetPresence presence)
{
    /// <summary>The pause reason while a mandatory disposition is awaited; giving one ends only this pause.</summary>
    public const string PauseReason = "Disposition";

    public async Task<ClosePlan> PrepareAsync(Actor actor, Interaction interaction, int? dispositionId, CancellationToken ct)
    {
        if (interaction.Status != InteractionStatus.Open)
        {
            throw new ConflictException($"Interaction {interaction.Id} is already closed.");
        }

        if (dispositionId is { } id)
        {
            return new ClosePlan(await DispositionCatalog.RequireApplicableAsync(db, id, interaction.AccountId, ct));
        }

        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        if (account.Disposition.Mandatory)
        {
            await PauseAsync(actor, account, ct);
            throw ValidationFailedException.For("dispositionId", "dispositionId is required: this account's disposition is mandatory.");
        }

        return new ClosePlan(null);
    }

    /// <summary>Closes in the caller's unit of work: status, disposition, drafts gone, history and event.</summary>
    public async Task ApplyAsync(Actor actor, Interaction interaction, ClosePlan plan, string how, DateTime now, CancellationToken ct)
    {
        interaction.Status = InteractionStatus.Closed;
        interaction.ClosedAt = now;
        // "Closed Unmanaged": nobody ever answered the customer.
        interaction.ClosedUnmanaged = interaction.FirstResponseAt is null;
        interaction.SubStatusId = null;
        db.EndParking(interaction, UnparkReason.OwnerChanged, actor.PersonId, now);
        interaction.DispositionId = plan.Disposition?.Id;
        interaction.LastActivityAt = now;
        interaction.Version++;
        await MyDrafts.DeleteAllAsync(db, interaction.Id, now, ct);
        db.Record(interaction.Id, actor.PersonId, "closed", plan.Disposition is { } d ? $"{how}; disposition {d.Path}" : how, now);
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "closed"), now, interaction.AccountId, interaction.Id);
    }

    /// <summary>After a disposition was given: ends the pause this class started, and no other.</summary>
    public async Task ResumeAsync(Actor actor, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is { Presence: Presence.Paused, PauseReason: PauseReason })
        {
            await presence.RunAsync(actor, actor.UserId, new PresenceInput(Presence.Online, null), ct);
        }
    }

    private async Task PauseAsync(Actor actor, EmailAccount account, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        // Only an agent taking work is paused; one already paused or offline keeps their own state.
        if (account.Disposition.PauseWhileDisposing && user is { Presence: Presence.Online })
        {
            await presence.RunAsync(actor, actor.UserId, new PresenceInput(Presence.Paused, PauseReason), ct);
        }
    }
}
