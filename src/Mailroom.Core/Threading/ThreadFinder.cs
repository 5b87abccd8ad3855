using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Threading;

/// <summary>
/// Finds the interaction a new message belongs to, by its In-Reply-To and References ids only: a subject
/// says nothing about who wrote it, so two customers with "Invoice" never end up in one conversation.
/// </summary>
public static class ThreadFinder
{
    // A closed interaction that was already continued points to its successor; a chain longer than this is
    // a loop in bad data, not a conversation.
    private const int MaxContinuations = 20;

    /// <summary>
    /// The interaction (tracked) that stored or sent any of <paramref name="threadIds"/>, in any account, since
    /// an account transfer moves the interaction but a customer replies to the old message. Null: none matched.
    /// </summary>
    public static async Task<Interaction?> FindAsync(MailroomDb db, IReadOnlyList<string> threadIds, CancellationToken ct)
    {
        if (threadIds.Count == 0)
        {
            return null;
        }

        var matches = await db.Messages.AsNoTracking()
            .Where(m => m.MessageIdHeader != null && threadIds.Contains(m.MessageIdHeader))
            .Select(m => new { m.MessageIdHeader, m.InteractionId, m.Id })
            .ToListAsync(ct);
        if (matches.Count == 0)
        {
            return null;
        }

        // The most direct parent wins: threadIds lists In-Reply-To first, then References newest first.
        var interactionId = threadIds
            .Select(id => matches.Where(m => m.MessageIdHeader == id).OrderByDescending(m => m.Id).FirstOrDefault())
            .First(m => m is not null)!.InteractionId;
        var interaction = await db.Interactions.FirstAsync(i => i.Id == interactionId, ct);
        for (var i = 0; i < MaxContinuations && interaction.ContinuedInId is { } next; i++)
        {
            interaction = await db.Interactions.FirstAsync(x => x.Id == next, ct);
        }

        return interaction;
    }
}
