using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.SingleSignOn;

/// <summary>
/// What membership of one group at the company's identity provider gives in Mailroom: a role and the email accounts
/// worked. A person in several mapped groups gets the highest role and every account of them.
/// </summary>
public sealed class SsoGroupMapping
{
    public const int GroupMaxLength = 200;

    public int Id { get; set; }

    /// <summary>The group as the provider names it in the token (a name, or an object id for Microsoft Entra).</summary>
    public required string Group { get; set; }

    public Role Role { get; set; } = Role.Agent;

    public List<int> AccountIds { get; set; } = [];
}

internal sealed class SsoGroupMappingConfiguration : IEntityTypeConfiguration<SsoGroupMapping>
{
    public void Configure(EntityTypeBuilder<SsoGroupMapping> builder)
    {
        builder.Property(m => m.Group).HasMaxLength(SsoGroupMapping.GroupMaxLength);
        builder.HasIndex(m => m.Group).IsUnique();
    }
}
