namespace Mailroom.Core.OAuth;

/// <summary>
/// A token request the provider refused or could not answer. <see cref="SignInNeeded"/> means only a person
/// signing in again helps (RFC 6749 <c>invalid_grant</c>); anything else may pass and is retried.
/// </summary>
public sealed class OAuthException(string error, string? description, bool signInNeeded)
    : Exception(description is null ? error : $"{error}: {description}")
{
    public string Error { get; } = error;
    public string? Description { get; } = description;
    public bool SignInNeeded { get; } = signInNeeded;

    /// <summary>What an administrator should do about it, in words.</summary>
    public string Advice => Error switch
    {
        "invalid_grant" => "The sign-in was revoked or has expired: sign in again on the account.",
        "invalid_client" or "unauthorized_client" => "The app registration's client id or secret is wrong or expired: correct it under OAuth apps.",
        "invalid_scope" => "The app registration lacks the mail permissions: grant them (admin consent) at the provider.",
        _ => "The provider could not issue a token now; Mailroom retries.",
    };
}
