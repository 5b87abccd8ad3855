using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.TwoFactor;

/// <summary>
/// Which roles must sign in with a second factor, set by an administrator. One row; a database without it requires
/// it of nobody (anyone may still turn it on for themselves).
/// </summary>
public sealed class TwoFactorPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public bool RequiredForAgents { get; set; }
    public bool RequiredForSupervisors { get; set; }
    public bool RequiredForAdmins { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool Requires(Role role) => role switch
    {
        Role.Admin => RequiredForAdmins,
        Role.Supervisor => RequiredForSupervisors,
        _ => RequiredForAgents,
    };
}

internal sealed class TwoFactorPolicyConfiguration : IEntityTypeConfiguration<TwoFactorPolicy>
{
    public void Configure(EntityTypeBuilder<TwoFactorPolicy> builder) => builder.Property(p => p.Id).ValueGeneratedNever();
}
