using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Parking;

/// <summary>Park until a time, or until the customer writes (<paramref name="UntilCustomerWrites"/>); exactly one of the two.</summary>
public sealed record ParkInput(DateTime? Until, bool UntilCustomerWrites = false);

/// <summary>
/// Park ("snooze"): the owner sets an interaction aside. It stays theirs but holds no slot of their capacity and its
/// service-level clocks pause; it comes back when its time comes (offered to the owner first, then the queue) or
/// at once when the customer writes. Only the owner, or a supervisor of the account, parks it or takes it back.
/// </summary>
public sealed class ParkInteraction(MailroomDb db, TimeProvider time)
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public async Task ParkAsync(Actor actor, long interactionId, ParkInput input, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = input.Until is { } u ? DateTime.SpecifyKind(u.ToUniversalTime(), DateTimeKind.Utc) : (DateTime?)null;
        new Validator()
            .When(until is null == !input.UntilCustomerWrites, "until", "give either a time to park until, or untilCustomerWrites, not both.")
            .When(until is { } t && t < now + Shortest, "until", $"must be at least {Shortest.TotalMinutes:0} minute from now.")
            .When(until is { } l && l > now + Longest, "until", $"must be within {Longest.TotalDays:0} days.")
            .ThrowIfInvalid();
        var interaction = await RequireOwnedAsync(actor, interactionId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // An owned interaction is routed only to its owner (a new message waiting for them): parking is their answer.
        await db.StopRoutingAsync(interactionId, "parked", now, ct);
        (interaction.ParkedAt, interaction.ParkedUntil) = (now, until);
        interaction.Version++;
        db.Record(interactionId, actor.PersonId, "parked", until is { } when
            ? $"until {when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "until the customer writes", now);
        db.Append(new InteractionParked(interactionId, interaction.AccountId, interaction.AssignedUserId, until), now,
            interaction.AccountId, interactionId, interaction.AssignedUserId);
        await SaveAsync(interactionId, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Back to active work before its time: it holds a slot again and its clocks run.</summary>
    public async Task TakeBackAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await RequireOwnedAsync(actor, interactionId, ct);
        if (!interaction.IsParked())
        {
            throw new ConflictException($"Interaction {interactionId} is not parked.");
        }

        db.EndParking(interaction, UnparkReason.TakenBack, actor.PersonId, time.GetUtcNow().UtcDateTime);
        await SaveAsync(interactionId, ct);
    }

    // The interaction's Version decides a race with the customer's mail, a transfer or the parking timer.
    private async Task SaveAsync(long interactionId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Interaction {interactionId} changed meanwhile (the customer may have written); reload it and try again.");
        }
    }

    private async Task<Interaction> RequireOwnedAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (interaction.Status != InteractionStatus.Open)
        {
            throw new ConflictException($"Interaction {interactionId} is closed; only open work can be parked.");
        }

        if (interaction.AssignedUserId is null)
        {
            throw new ConflictException($"Interaction {interactionId} is nobody's; only an interaction someone works on can be parked.");
        }

        if (interaction.AssignedUserId != actor.UserId && !actor.IsSupervisorOrAdmin)
        {
            throw new ForbiddenException($"Interaction {interactionId} belongs to another agent; only they or a supervisor can park it.");
        }

        return interaction;
    }
}
