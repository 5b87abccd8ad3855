using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// A send is done once per idempotency key: a client whose connection was cut before the answer arrived cannot
/// tell whether the reply was queued, so it sends again with the same key and gets the first message back
/// instead of a second reply to the customer. The key is the sender's own (unique per user and key).
/// </summary>
public static class SendOnce
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>The message queued earlier under the input's key, or null when there is no key or none yet.</summary>
    internal static async Task<QueuedMessage?> EarlierAsync(MailroomDb db, Actor actor, ComposeInput input, long? interactionId, CancellationToken ct)
    {
        if (input.IdempotencyKey is not { } key)
        {
            return null;
        }

        Validate(key);
        var earlier = await db.Outbox.AsNoTracking()
            .Where(o => o.SentByUserId == actor.PersonId && o.IdempotencyKey == key)
            .Join(db.Messages, o => o.MessageId, m => m.Id, (o, m) => new QueuedMessage(m.Id, m.InteractionId, m.MessageIdHeader!))
            .FirstOrDefaultAsync(ct);
        if (earlier is not null && interactionId is { } id && earlier.InteractionId != id)
        {
            throw new ConflictException($"{Header} '{key}' was already used for message {earlier.MessageId} of interaction {earlier.InteractionId}; use a new key for a new message.");
        }

        return earlier;
    }

    // Printable ASCII like any HTTP header value a client generates (a UUID, a hash), and short enough to index.
    private static void Validate(string key) =>
        new Validator()
            .When(key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'), Header,
                $"must be 1 to {MaxKeyLength} printable ASCII characters without spaces.")
            .ThrowIfInvalid();
}
