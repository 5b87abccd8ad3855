using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Threading;

/// <summary>A stored or sent message with one of the ids a new message refers to.</summary>
public sealed record ThreadMatch(string MessageIdHeader, long InteractionId, long MessageId);

/// <summary>
/// Finds the interaction a new message belongs to, by its In-Reply-To and References ids only: a subject
/// says nothing about who wrote it, so two customers with "Invoice" never end up in one conversation.
/// </summary>
public static class ThreadFinder
{
    // A closed interaction that was already continued points to its successor; a chain longer than this is
    // a loop in bad data, not a conversation.
    private const int MaxContinuations = 20;

    /// <summary>The messages, in any account, that have one of <paramref name="threadIds"/>: an account transfer moves the interaction, but a customer replies to the old message.</summary>
    public static async Task<List<ThreadMatch>> MatchesAsync(MailroomDb db, IReadOnlyCollection<string> threadIds, CancellationToken ct) =>
        threadIds.Count == 0 ? [] : await db.Messages.AsNoTracking()
            .Where(m => m.MessageIdHeader != null && threadIds.Contains(m.MessageIdHeader))
            .Select(m => new ThreadMatch(m.MessageIdHeader!, m.InteractionId, m.Id))
            .ToListAsync(ct);

    /// <summary>
    /// The interaction (tracked) of the most direct parent among <paramref name="matches"/>, followed to where it
    /// was continued. Null: none of <paramref name="threadIds"/> matched.
    /// </summary>
    public static async Task<Interaction?> FindAsync(MailroomDb db, IReadOnlyList<string> threadIds, IReadOnlyList<ThreadMatch> matches, CancellationToken ct)
    {
        // threadIds lists In-Reply-To first, then References newest first; the newest message with an id wins.
        var parent = threadIds
            .Select(id => matches.Where(m => m.MessageIdHeader == id).MaxBy(m => m.MessageId))
            .FirstOrDefault(m => m is not null);
        if (parent is null)
        {
            return null;
        }

        var interaction = await db.Interactions.FirstAsync(i => i.Id == parent.InteractionId, ct);
        for (var i = 0; i < MaxContinuations && interaction.ContinuedInId is { } next; i++)
        {
            interaction = await db.Interactions.FirstAsync(x => x.Id == next, ct);
        }

        return interaction;
    }
}
