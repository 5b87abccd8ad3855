using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Users;

/// <summary>
/// Failed sign-ins of one email address or one client address, kept in the database so a restart or a second
/// instance does not reset the count (<see cref="SignInGuard"/>).
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>"email:…" or "ip:…".</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }
    public DateTime LastFailureAt { get; set; }
    public DateTime? LockedUntil { get; set; }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(400);
    }
}
