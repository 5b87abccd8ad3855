using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Skills;

/// <summary>One skill an interaction needs, at least at <see cref="MinLevel"/>.</summary>
public sealed record SkillNeed(int SkillId, int MinLevel);

/// <summary>A needed skill with its name, as the desktop and the board show it.</summary>
public sealed record RequiredSkillView(int SkillId, string Name, int MinLevel)
{
    public string Text => InteractionSkills.Words(Name, MinLevel);
}

/// <summary>
/// The skills an interaction needs before it may be offered: set by an action plan's Require skill step, lowered or
/// dropped by a Relax skill step (typically after a Queue step's timeout, so that work waiting for a specialist
/// goes to anyone in the end). Queue routing offers only to agents who hold every needed skill at its level;
/// an offer to one named agent (the owner, a plan's Agent step, a transfer to an agent) is that person's call.
/// </summary>
public static class InteractionSkills
{
    /// <summary>What the interaction needs now, counting changes of this unit of work not saved yet (an earlier plan step of the same pass).</summary>
    public static async Task<IReadOnlyList<SkillNeed>> NeedsAsync(MailroomDb db, long interactionId, CancellationToken ct) =>
        (await TrackedAsync(db, interactionId, ct)).Select(r => new SkillNeed(r.SkillId, r.MinLevel)).ToList();

    /// <summary>The queue members who hold every needed skill at its level.</summary>
    public static IQueryable<QueueMember> Having(this IQueryable<QueueMember> members, MailroomDb db, IReadOnlyList<SkillNeed> needs)
    {
        foreach (var (skillId, level) in needs)
        {
            members = members.Where(m => db.AgentSkills.Any(s => s.UserId == m.UserId && s.SkillId == skillId && s.Level >= level));
        }

        return members;
    }

    public static async Task<IReadOnlyList<RequiredSkillView>> ViewsAsync(MailroomDb db, long interactionId, CancellationToken ct) =>
        await db.RequiredSkills.AsNoTracking().Where(r => r.InteractionId == interactionId)
            .Join(db.Skills, r => r.SkillId, s => s.Id, (r, s) => new { s.Id, s.Name, r.MinLevel })
            .OrderBy(s => s.Name).Select(s => new RequiredSkillView(s.Id, s.Name, s.MinLevel)).ToListAsync(ct);

    /// <summary>Makes the interaction need a skill at a level, in the caller's unit of work, with history and event.</summary>
    public static async Task RequireAsync(MailroomDb db, Interaction interaction, int skillId, int level, Actor actor, string why, DateTime now, CancellationToken ct)
    {
        var existing = (await TrackedAsync(db, interaction.Id, ct)).FirstOrDefault(r => r.SkillId == skillId);
        if (existing?.MinLevel == level)
        {
            return;
        }

        if (existing is null)
        {
            db.RequiredSkills.Add(new RequiredSkill { InteractionId = interaction.Id, SkillId = skillId, MinLevel = level });
        }
        else
        {
            existing.MinLevel = level;
        }

        var name = await NameAsync(db, skillId, ct);
        Changed(db, interaction, actor, $"needs {Words(name, level)} ({why})", now);
    }

    /// <summary>
    /// Lowers a needed skill to <paramref name="level"/>, or drops it when the level is null; every needed skill
    /// when <paramref name="skillId"/> is null. Nothing happens to a skill already needed at that level or lower.
    /// </summary>
    public static async Task RelaxAsync(MailroomDb db, Interaction interaction, int? skillId, int? level, Actor actor, string why, DateTime now, CancellationToken ct)
    {
        var relaxed = new List<string>();
        foreach (var need in (await TrackedAsync(db, interaction.Id, ct)).Where(r => skillId is null || r.SkillId == skillId))
        {
            var name = await NameAsync(db, need.SkillId, ct);
            if (level is null)
            {
                db.RequiredSkills.Remove(need);
                relaxed.Add($"no longer needs {name}");
            }
            else if (need.MinLevel > level)
            {
                relaxed.Add($"{name} from level {Level(need.MinLevel)} to {Level(level.Value)}");
                need.MinLevel = level.Value;
            }
        }

        if (relaxed.Count > 0)
        {
            Changed(db, interaction, actor, $"{string.Join("; ", relaxed)} ({why})", now);
        }
    }

    /// <summary>"French" for any level, "French, level 3 or higher" above the lowest.</summary>
    public static string Words(string name, int level) =>
        level <= Skill.LowestLevel ? name : $"{name}, level {Level(level)} or higher";

    private static string Level(int level) => level.ToString(CultureInfo.InvariantCulture);

    // Loaded into the tracker, then read from it: an earlier step of the same pass may have added, changed or
    // removed a row without saving, and the tracker (which leaves out removed rows) has the truth.
    private static async Task<List<RequiredSkill>> TrackedAsync(MailroomDb db, long interactionId, CancellationToken ct)
    {
        await db.RequiredSkills.Where(r => r.InteractionId == interactionId).LoadAsync(ct);
        return db.RequiredSkills.Local.Where(r => r.InteractionId == interactionId).ToList();
    }

    private static Task<string> NameAsync(MailroomDb db, int skillId, CancellationToken ct) =>
        db.Skills.AsNoTracking().Where(s => s.Id == skillId).Select(s => s.Name).FirstAsync(ct);

    private static void Changed(MailroomDb db, Interaction interaction, Actor actor, string description, DateTime now)
    {
        interaction.Version++;
        db.Record(interaction.Id, actor.PersonId, "skills", description, now);
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "skills"), now, interaction.AccountId, interaction.Id);
    }
}
