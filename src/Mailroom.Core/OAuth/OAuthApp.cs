using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.OAuth;

/// <summary>
/// An app registration (client id and secret) of one tenant at one identity provider, entered once by the
/// administrator and used by any number of accounts.
/// </summary>
public sealed class OAuthApp
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OAuthProfile Profile { get; set; }

    /// <summary>Microsoft's directory (tenant id or domain); "organizations" when empty. Unused by other profiles.</summary>
    public string? Tenant { get; set; }

    public required string ClientId { get; set; }

    /// <summary>Encrypted with Data Protection; never leaves the server.</summary>
    public string? ClientSecretCipher { get; set; }

    /// <summary>Only for <see cref="OAuthProfile.Generic"/>: the provider's own endpoints, scopes and SASL mechanism.</summary>
    public string? AuthorizationEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }
    public string? Scopes { get; set; }
    public OAuthMechanism Mechanism { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class OAuthAppConfiguration : IEntityTypeConfiguration<OAuthApp>
{
    public void Configure(EntityTypeBuilder<OAuthApp> builder)
    {
        builder.HasIndex(a => a.Name).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(100);
    }
}
