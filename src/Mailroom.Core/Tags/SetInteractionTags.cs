using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tags;

/// <summary>Replaces the tags of an interaction with the given set (the tag editor sends what it shows).</summary>
public sealed class SetInteractionTags(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<TagView>> RunAsync(Actor actor, long interactionId, IReadOnlyList<int>? tagIds, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var wanted = (tagIds ?? []).Distinct().ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToListAsync(ct);
        var unknown = wanted.Except(tags.Select(t => t.Id)).ToList();
        new Validator().When(unknown.Count > 0, "tagIds", $"contains unknown tag ids: {string.Join(", ", unknown)}.").ThrowIfInvalid();

        var current = await db.InteractionTags.Where(t => t.InteractionId == interactionId).ToListAsync(ct);
        var added = wanted.Except(current.Select(c => c.TagId)).ToList();
        var removed = current.Where(c => !wanted.Contains(c.TagId)).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            var now = time.GetUtcNow().UtcDateTime;
            db.InteractionTags.RemoveRange(removed);
            db.InteractionTags.AddRange(added.Select(id => new InteractionTag { InteractionId = interactionId, TagId = id }));
            var names = tags.ToDictionary(t => t.Id, t => t.Name);
            var removedNames = await db.Tags.AsNoTracking().Where(t => removed.Select(r => r.TagId).Contains(t.Id)).Select(t => t.Name).ToListAsync(ct);
            Changed(db, interaction, actor, Describe(added.Select(id => names[id]), removedNames), now);
            await db.SaveChangesAsync(ct);
        }

        return tags.OrderBy(t => t.Name).Select(TagView.From).ToList();
    }

    public async Task<IReadOnlyList<TagView>> ListAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        return await TagsOf(db, interactionId).ToListAsync(ct);
    }

    /// <summary>Adds one tag in the caller's unit of work (an action plan's Tag step); nothing if it is already there.</summary>
    public static async Task AddAsync(MailroomDb db, Interaction interaction, Tag tag, Actor actor, DateTime now, CancellationToken ct)
    {
        // Local too: an earlier step of the same pass may have added it without saving yet.
        if (db.InteractionTags.Local.Any(t => t.InteractionId == interaction.Id && t.TagId == tag.Id)
            || await db.InteractionTags.AnyAsync(t => t.InteractionId == interaction.Id && t.TagId == tag.Id, ct))
        {
            return;
        }

        db.InteractionTags.Add(new InteractionTag { InteractionId = interaction.Id, TagId = tag.Id });
        Changed(db, interaction, actor, Describe([tag.Name], []), now);
    }

    private static void Changed(MailroomDb db, Interaction interaction, Actor actor, string description, DateTime now)
    {
        interaction.Version++;
        db.Record(interaction.Id, actor.PersonId, "tags", description, now);
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "tags"), now, interaction.AccountId, interaction.Id);
    }

    internal static IQueryable<TagView> TagsOf(MailroomDb db, long interactionId) =>
        from it in db.InteractionTags.AsNoTracking()
        join t in db.Tags on it.TagId equals t.Id
        where it.InteractionId == interactionId
        orderby t.Name
        select new TagView(t.Id, t.Name, t.Color);

    private static string Describe(IEnumerable<string> added, IEnumerable<string> removed) =>
        string.Join(", ", added.Select(a => "+" + a).Concat(removed.Select(r => "-" + r)));
}
