using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Skills;

/// <summary>
/// Something an agent can do to a level — a language, a product, a support tier — from the administrator's list.
/// Agents hold skills (<see cref="AgentSkill"/>); plan steps make an interaction need them (<see cref="RequiredSkill"/>).
/// </summary>
public sealed class Skill
{
    public const int LowestLevel = 1;
    public const int HighestLevel = 5;

    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An agent's level in one skill (1 basic … 5 expert).</summary>
public sealed class AgentSkill
{
    public int UserId { get; set; }
    public int SkillId { get; set; }
    public int Level { get; set; }
}

/// <summary>A skill an interaction is offered only with: to agents of at least <see cref="MinLevel"/>.</summary>
public sealed class RequiredSkill
{
    public long InteractionId { get; set; }
    public int SkillId { get; set; }
    public int MinLevel { get; set; }
}

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> builder)
    {
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(SkillCatalog.NameLength);
    }
}

internal sealed class AgentSkillConfiguration : IEntityTypeConfiguration<AgentSkill>
{
    public void Configure(EntityTypeBuilder<AgentSkill> builder)
    {
        builder.HasKey(s => new { s.UserId, s.SkillId });
        builder.HasIndex(s => new { s.SkillId, s.Level });
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Skill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequiredSkillConfiguration : IEntityTypeConfiguration<RequiredSkill>
{
    public void Configure(EntityTypeBuilder<RequiredSkill> builder)
    {
        builder.HasKey(s => new { s.InteractionId, s.SkillId });
        builder.HasIndex(s => s.SkillId);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(s => s.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Skill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}
