using System.Security.Cryptography;
using Mailroom.Core.Common;
using Mailroom.Core.OAuth;
using Mailroom.Server.Auth;
using Mailroom.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>"Sign in with …": the browser goes to the provider and comes back to one exact callback address.</summary>
internal static class OAuthSignInEndpoints
{
    public const string CallbackPath = "/oauth/callback";

    // Where the callback's own page sends the browser on, now with the sign-in cookie (see SameSiteHop).
    private const string CompletePath = "/oauth/callback/complete";

    public static void MapOAuthSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts/{id:int}/oauth/sign-in", async (int id, HttpContext h, OAuthSignIn signIn, CancellationToken ct) =>
            TypedResults.Redirect((await signIn.StartAsync(h.User.Actor(), id, RedirectUri(h.Request), ct)).AbsoluteUri))
            .RequireSignIn().WithTags("Email accounts")
            .WithName("startAccountOAuthSignIn").WithSummary("Send the administrator's browser to the provider to sign the account in")
            .Produces(Status302Found).ProducesValidationProblem().ProducesProblems(Status403Forbidden, Status404NotFound);
        app.MapGet(CallbackPath, (HttpContext h) => SameSiteHop.WriteAsync(h.Response, CompletePath + h.Request.QueryString))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(CompletePath, Callback).RequireAuthorization().ExcludeFromDescription();
    }

    // A person's browser, not a program, comes here: a refusal goes back to the accounts page in words, not as JSON.
    private static async Task<RedirectHttpResult> Callback(string? code, string? state, string? error,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "error_description")] string? errorDescription,
        HttpContext h, OAuthSignIn signIn, IDataProtectionProvider protection, CancellationToken ct)
    {
        try
        {
            var accountId = await signIn.CompleteAsync(h.User.Actor(), code, state, error, errorDescription, RedirectUri(h.Request), ct);
            return TypedResults.Redirect($"/admin/accounts?signedIn={accountId}");
        }
        catch (ValidationFailedException refused)
        {
            var words = string.Join(" ", refused.Errors.Values.SelectMany(e => e));
            return TypedResults.Redirect("/admin/accounts?signInFailed=" + Uri.EscapeDataString(Failures(protection).Protect(words, TimeSpan.FromMinutes(10))));
        }
    }

    /// <summary>
    /// Why the last sign-in failed, as the callback put it in the accounts page's address; sealed, so that a link
    /// made elsewhere cannot put words of its own on our page.
    /// </summary>
    public static string? ReadFailure(IDataProtectionProvider protection, string? sealedWords)
    {
        try
        {
            return sealedWords is null ? null : Failures(protection).Unprotect(sealedWords);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Failures(IDataProtectionProvider protection) =>
        protection.CreateProtector("Mailroom.OAuthSignInFailure").ToTimeLimitedDataProtector();

    // The provider compares it character for character with the registration: the administrator registers
    // exactly this (the address Mailroom is reached at, which a loopback proxy's forwarded headers give).
    private static Uri RedirectUri(HttpRequest request) => new(PublicOrigin.Of(request) + CallbackPath);
}
