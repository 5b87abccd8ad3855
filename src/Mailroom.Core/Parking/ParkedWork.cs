using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Parking;

/// <summary>Ends a parking inside another use case's unit of work (a customer's message, a close, a transfer).</summary>
public static class ParkedWork
{
    public static bool IsParked(this Interaction interaction) => interaction.ParkedAt is not null;

    /// <summary>Unparks with history and event, in the caller's unit of work; nothing if it was not parked.</summary>
    public static void EndParking(this MailroomDb db, Interaction interaction, UnparkReason reason, int? actorUserId, DateTime now)
    {
        if (!interaction.IsParked())
        {
            return;
        }

        (interaction.ParkedAt, interaction.ParkedUntil) = (null, null);
        interaction.Version++;
        db.RecordUnparked(interaction, reason, actorUserId, now);
    }

    /// <summary>The history line and the event of an unparking the caller has written itself.</summary>
    public static void RecordUnparked(this MailroomDb db, Interaction interaction, UnparkReason reason, int? actorUserId, DateTime now)
    {
        db.Record(interaction.Id, actorUserId, "unparked", Words(reason), now);
        db.Append(new InteractionUnparked(interaction.Id, interaction.AccountId, interaction.AssignedUserId, reason), now,
            interaction.AccountId, interaction.Id, interaction.AssignedUserId);
    }

    public static string Words(UnparkReason reason) => reason switch
    {
        UnparkReason.Due => "its time came",
        UnparkReason.CustomerWrote => "the customer wrote",
        UnparkReason.TakenBack => "taken back",
        _ => "its owner changed",
    };
}
