using System.Text.Json;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Events;

/// <summary>
/// Appends domain events to the database inside the caller's unit of work: an event exists exactly when the
/// change it describes was committed.
/// </summary>
public static class EventLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The payload of a stored event, as the record it was appended from.</summary>
    public static T Read<T>(StoredEvent stored) => JsonSerializer.Deserialize<T>(stored.Payload, Json)!;

    public static void Append<T>(this MailroomDb db, T payload, DateTime at, int? accountId = null, long? interactionId = null, int? userId = null)
        where T : notnull =>
        db.Events.Add(new StoredEvent
        {
            Type = typeof(T).Name,
            AccountId = accountId,
            InteractionId = interactionId,
            UserId = userId,
            Payload = JsonSerializer.Serialize(payload, Json),
            At = at,
        });
}
