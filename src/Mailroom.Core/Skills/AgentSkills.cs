using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Skills;

public sealed record AgentSkillInput(int SkillId, int Level);

public sealed record AgentSkillView(int SkillId, string Name, int Level);

/// <summary>
/// The skills an agent holds, with their levels. Administrators set them; the agent and the supervisors of the
/// agent's accounts read them.
/// </summary>
public sealed class AgentSkills(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<AgentSkillView>> GetAsync(Actor actor, int userId, CancellationToken ct)
    {
        if (actor.UserId != userId)
        {
            actor.RequireSupervisor();
        }

        await RequireVisibleAsync(actor, userId, ct);
        return await OfAsync(userId, ct);
    }

    /// <summary>Replaces the agent's skills with the given set (the editor sends what it shows).</summary>
    public async Task<IReadOnlyList<AgentSkillView>> SetAsync(Actor actor, int userId, IReadOnlyList<AgentSkillInput>? skills, CancellationToken ct)
    {
        actor.RequireAdmin();
        await RequireVisibleAsync(actor, userId, ct);
        var v = new Validator().When(skills is null, "skills", "is required (an empty list removes every skill).");
        v.ThrowIfInvalid();
        var known = await db.Skills.Select(s => s.Id).ToListAsync(ct);
        for (var i = 0; i < skills!.Count; i++)
        {
            var (skill, field) = (skills[i], $"skills[{i}]");
            v.When(skill is null, field, "is empty.");
            v.When(skill is not null && !known.Contains(skill.SkillId), field, "names a skill that does not exist.");
            v.When(skill is not null && skill.Level is < Skill.LowestLevel or > Skill.HighestLevel, field,
                $"needs a level between {Skill.LowestLevel} and {Skill.HighestLevel}.");
            v.When(skill is not null && skills.Take(i).Any(s => s?.SkillId == skill.SkillId), field, "names a skill twice.");
        }

        v.ThrowIfInvalid();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.AgentSkills.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        db.AgentSkills.AddRange(skills.Select(s => new AgentSkill { UserId = userId, SkillId = s.SkillId, Level = s.Level }));
        db.Append(new AgentSkillsChanged(userId), time.GetUtcNow().UtcDateTime, null, null, userId);
        var names = await db.Skills.Where(s => skills.Select(x => x.SkillId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(ct);
        db.Audit(actor, "skills changed", $"user {email}", skills.Count == 0 ? "none" : string.Join(", ", skills.Select(s => $"{names[s.SkillId]} {s.Level}")),
            time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await OfAsync(userId, ct);
    }

    private async Task RequireVisibleAsync(Actor actor, int userId, CancellationToken ct)
    {
        if (!await db.VisibleUsers(actor).AnyAsync(u => u.Id == userId, ct))
        {
            throw new NotFoundException($"User {userId}");
        }
    }

    private async Task<IReadOnlyList<AgentSkillView>> OfAsync(int userId, CancellationToken ct) =>
        await db.AgentSkills.AsNoTracking().Where(a => a.UserId == userId)
            .Join(db.Skills, a => a.SkillId, s => s.Id, (a, s) => new { s.Id, s.Name, a.Level })
            .OrderBy(s => s.Name).Select(s => new AgentSkillView(s.Id, s.Name, s.Level)).ToListAsync(ct);
}
