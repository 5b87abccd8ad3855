using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Skills;

public sealed record SkillInput(string? Name);

/// <summary>A skill of the list, with how many active agents hold it (a skill nobody has leaves work waiting).</summary>
public sealed record SkillView(int Id, string Name, int Agents);

/// <summary>The administrator's skill list; everyone signed in reads it (the desktop names what an interaction needs).</summary>
public sealed class SkillCatalog(MailroomDb db, TimeProvider time)
{
    public const int NameLength = 100;

    /// <summary>The <see cref="CatalogChanged"/> name of this list.</summary>
    public const string Catalog = "skills";

    public async Task<IReadOnlyList<SkillView>> ListAsync(CancellationToken ct) =>
        await db.Skills.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SkillView(s.Id, s.Name, db.AgentSkills.Count(a => a.SkillId == s.Id && db.Users.Any(u => u.Id == a.UserId && u.IsActive))))
            .ToListAsync(ct);

    public async Task<SkillView> CreateAsync(Actor actor, SkillInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var skill = new Skill { Name = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(skill, input, ct);
        db.Skills.Add(skill);
        return await SaveAsync(skill, ct);
    }

    public async Task<SkillView> RenameAsync(Actor actor, int id, SkillInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var skill = await FindAsync(id, ct);
        await ApplyAsync(skill, input, ct);
        return await SaveAsync(skill, ct);
    }

    /// <summary>
    /// Deleting a skill takes it from every agent and every interaction that needed it (which routing then offers
    /// without it); refused while a plan step requires it, as the plan would silently stop meaning what it says.
    /// </summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var skill = await FindAsync(id, ct);
        if (await db.ActionPlanSteps.AnyAsync(s => s.SkillId == id, ct))
        {
            throw new ConflictException($"Skill '{skill.Name}' is used by an action plan; change its steps first.");
        }

        db.Skills.Remove(skill);
        db.Append(new CatalogChanged(Catalog, null), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Skill> FindAsync(int id, CancellationToken ct) =>
        await db.Skills.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException($"Skill {id}");

    private async Task ApplyAsync(Skill skill, SkillInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        new Validator().Required("name", name).Length("name", name, 1, NameLength)
            .When(name is not null && await db.Skills.AnyAsync(s => s.Name == name && s.Id != skill.Id, ct), "name", $"'{name}' already exists.")
            .ThrowIfInvalid();
        skill.Name = name!;
    }

    private async Task<SkillView> SaveAsync(Skill skill, CancellationToken ct)
    {
        db.Append(new CatalogChanged(Catalog, null), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).First(s => s.Id == skill.Id);
    }
}
