using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Notes;

/// <summary>A colleague named the user in a note; their desktop says so at once.</summary>
public sealed record MentionAdded(long InteractionId, long NoteId, int AccountId, int UserId, string AuthorName, string Excerpt);

/// <summary>
/// The mentions of a note, and each user's own: recorded with the note for everyone it names who can see the
/// interaction (never the author), seen when the named user opens the interaction.
/// </summary>
public sealed class NoteMentions(MailroomDb db, TimeProvider time)
{
    private const int ExcerptLength = 120;

    /// <summary>Records who the tracked, saved note names and announces it to each; the caller saves.</summary>
    internal async Task RecordAsync(Note note, int accountId, string authorName, CancellationToken ct)
    {
        if (!note.Text.Contains('@'))
        {
            return;
        }

        var candidates = await CandidatesAsync(accountId, note.AuthorUserId, ct);
        var excerpt = note.Text.Length <= ExcerptLength ? note.Text : note.Text[..ExcerptLength] + "…";
        foreach (var userId in MentionNames.Find(note.Text, candidates))
        {
            db.Mentions.Add(new Mention { NoteId = note.Id, InteractionId = note.InteractionId, UserId = userId, CreatedAt = note.CreatedAt });
            db.Append(new MentionAdded(note.InteractionId, note.Id, accountId, userId, authorName, excerpt), note.CreatedAt, accountId, note.InteractionId, userId);
        }
    }

    /// <summary>The colleagues the actor can name in a note on the interaction (for suggestions while typing).</summary>
    public async Task<IReadOnlyList<MentionCandidate>> ColleaguesAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        return await CandidatesAsync(interaction.AccountId, actor.UserId, ct);
    }

    // Whoever can see the account's interactions, except the note's author.
    private Task<List<MentionCandidate>> CandidatesAsync(int accountId, int authorUserId, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Id != authorUserId && (u.Role == Role.Admin || db.AccountMembers.Any(m => m.AccountId == accountId && m.UserId == u.Id)))
            .Select(u => new MentionCandidate(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);

    /// <summary>How many interactions name the user in a note they have not seen yet: the "Mentions" badge.</summary>
    public async Task<int> UnseenCountAsync(Actor actor, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        return await db.Mentions.Where(m => m.UserId == actor.UserId && m.SeenAt == null)
            .Where(m => db.Interactions.Any(i => i.Id == m.InteractionId && visible.Contains(i.AccountId)))
            .Select(m => m.InteractionId).Distinct().CountAsync(ct);
    }

    /// <summary>The user opened the interaction: its mentions of them are no longer news.</summary>
    public async Task MarkSeenAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var seen = await db.Mentions.Where(m => m.UserId == actor.UserId && m.InteractionId == interactionId && m.SeenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SeenAt, now), ct);
        if (seen > 0)
        {
            db.Append(new MentionsSeen(actor.UserId, interactionId), now, userId: actor.UserId);
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>The user has seen the mentions of an interaction; their badge goes down on every open desktop.</summary>
public sealed record MentionsSeen(int UserId, long InteractionId);
