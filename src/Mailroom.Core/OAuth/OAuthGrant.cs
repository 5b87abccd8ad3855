namespace Mailroom.Core.OAuth;

/// <summary>
/// What an account signed in with OAuth holds: the refresh token (encrypted at rest like
/// passwords) and the current access token, kept in the database so every instance shares one grant.
/// </summary>
public sealed class OAuthGrant
{
    public string? RefreshTokenCipher { get; set; }
    public string? AccessTokenCipher { get; set; }
    public DateTime? AccessTokenExpiresAt { get; set; }
    public GrantState State { get; set; }

    /// <summary>The provider's own words when the grant stopped working (AADSTS…, invalid_grant …).</summary>
    public string? Problem { get; set; }
}

public enum GrantState
{
    /// <summary>Nobody signed in yet.</summary>
    None = 0,
    Active = 1,

    /// <summary>The provider refused the grant (revoked, expired, password changed): a person must sign in again.</summary>
    SignInNeeded = 2,
}
