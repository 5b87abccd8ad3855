using Mailroom.Core.OAuth;
using Mailroom.Server.Auth;
using Mailroom.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>"Sign in with …": the browser goes to the provider and comes back to one exact callback address.</summary>
internal static class OAuthSignInEndpoints
{
    public const string CallbackPath = "/oauth/callback";

    public static void MapOAuthSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts/{id:int}/oauth/sign-in", async (int id, HttpContext h, OAuthSignIn signIn, CancellationToken ct) =>
            TypedResults.Redirect((await signIn.StartAsync(h.User.Actor(), id, RedirectUri(h.Request), ct)).AbsoluteUri))
            .RequireSignIn().WithTags("Email accounts")
            .WithName("startAccountOAuthSignIn").WithSummary("Send the administrator's browser to the provider to sign the account in")
            .Produces(Status302Found).ProducesValidationProblem().ProducesProblems(Status403Forbidden, Status404NotFound);
        app.MapGet(CallbackPath, Callback).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<RedirectHttpResult> Callback(string? code, string? state, string? error,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "error_description")] string? errorDescription,
        HttpContext h, OAuthSignIn signIn, CancellationToken ct)
    {
        var accountId = await signIn.CompleteAsync(h.User.Actor(), code, state, error, errorDescription, RedirectUri(h.Request), ct);
        return TypedResults.Redirect($"/admin/accounts?signedIn={accountId}");
    }

    // The provider compares it character for character with the registration: the administrator registers
    // exactly this (the address Mailroom is reached at, which a loopback proxy's forwarded headers give).
    private static Uri RedirectUri(HttpRequest request) => new(PublicOrigin.Of(request) + CallbackPath);
}
