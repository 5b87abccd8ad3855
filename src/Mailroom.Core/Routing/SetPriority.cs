using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Routing;

/// <summary>
/// An interaction's priority (0–10): set by an agent who can see it, by a plan step, or raised by a service-level
/// action. Waiting interactions are offered highest priority first.
/// </summary>
public sealed class SetPriority(MailroomDb db, TimeProvider time)
{
    public const int Lowest = 0;
    public const int Highest = 10;

    public async Task RunAsync(Actor actor, long interactionId, int? priority, CancellationToken ct)
    {
        new Validator().When(priority is not (>= Lowest and <= Highest), "priority", $"must be between {Lowest} and {Highest}.").ThrowIfInvalid();
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        Apply(db, interaction, priority!.Value, actor, null, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets it in the caller's unit of work, with history ("3 → 7 (why)") and event; nothing if unchanged.</summary>
    public static void Apply(MailroomDb db, Interaction interaction, int priority, Actor actor, string? why, DateTime now)
    {
        if (interaction.Priority == priority)
        {
            return;
        }

        var change = $"{interaction.Priority.ToString(CultureInfo.InvariantCulture)} → {priority.ToString(CultureInfo.InvariantCulture)}";
        db.Record(interaction.Id, actor.PersonId, "priority", why is null ? change : $"{change} ({why})", now);
        interaction.Priority = priority;
        interaction.Version++;
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "priority"), now, interaction.AccountId, interaction.Id);
    }
}
