using System.Globalization;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class AuthEndpoints
{
    public sealed record Credentials(string? Email, string? Password, string? TokenName = null, int? ExpiresInDays = null);

    public sealed record TokenResponse(string Token, int Id, DateTime ExpiresAt);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/token", IssueToken)
            .WithName("issueToken").WithSummary("Exchange email and password for a personal API token that expires")
            .ProducesProblems(Status401Unauthorized, Status429TooManyRequests);
        auth.MapPost("/login", LogIn).DisableAntiforgery()
            .WithName("logIn").WithSummary("Cookie sign-in for the web UI: a form post, answered with a redirect")
            .Produces(Status302Found).ProducesProblem(Status400BadRequest);
        auth.MapPost("/logout", (Delegate)LogOut).DisableAntiforgery()
            .WithName("logOut").WithSummary("Sign out: this cookie, and every copy of it, stops working").Produces(Status302Found);
        auth.MapGet("/me", Me).RequireSignIn()
            .WithName("getMe").WithSummary("The signed-in user");
        auth.MapGet("/tokens", async (int? userId, HttpContext h, ApiTokens tokens, CancellationToken ct) =>
        {
            var actor = h.User.Actor();
            return TypedResults.Ok(await tokens.ListAsync(actor, userId ?? actor.UserId, ct));
        }).RequireSignIn()
            .WithName("listTokens").WithSummary("The API tokens of the caller (or, for an administrator, of ?userId=)")
            .ProducesProblems(Status400BadRequest, Status404NotFound);
        auth.MapDelete("/tokens/{id:int}", async (int id, HttpContext h, ApiTokens tokens, CancellationToken ct) =>
        {
            await tokens.RevokeAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).RequireSignIn()
            .WithName("revokeToken").WithSummary("Revoke an API token").ProducesProblem(Status404NotFound);
    }

    /// <summary>Exchanges email and password for a personal API token (for <c>Authorization: Bearer</c>) that expires.</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(Credentials body, HttpContext http, SignIn signIn, CancellationToken ct)
    {
        var outcome = await signIn.CheckPasswordAsync(body.Email, body.Password, ClientIp(http), ct);
        if (outcome.LockedFor is { } locked)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(locked.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: Status429TooManyRequests, title: "Too many failed sign-ins; try again later.");
        }

        if (outcome.User is not { } user)
        {
            return TypedResults.Problem(statusCode: Status401Unauthorized, title: "Wrong email or password.");
        }

        var (token, row) = await signIn.IssueTokenAsync(user.Id, body.TokenName, body.ExpiresInDays, ct);
        return TypedResults.Ok(new TokenResponse(token, row.Id, row.ExpiresAt));
    }

    /// <summary>Cookie sign-in for the web UI; a form post redirects, a JSON post answers 204.</summary>
    private static async Task<IResult> LogIn(HttpContext http, SignIn signIn, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? returnUrl, CancellationToken ct)
    {
        var target = LocalPath(returnUrl);
        var outcome = await signIn.CheckPasswordAsync(email, password, ClientIp(http), ct);
        if (outcome.User is not { } user)
        {
            return TypedResults.Redirect((outcome.LockedFor is null ? "/login?failed=1" : "/login?locked=1")
                + (target == "/" ? "" : "&returnUrl=" + Uri.EscapeDataString(target)));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Claims.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
        // The page asked for, or the one each role starts on.
        return TypedResults.Redirect(target == "/" ? LandingPage.For(user.Role) : target);
    }

    /// <summary>
    /// Only a path on this server, never an open redirect: "//host" and "/\host" are other hosts to a browser,
    /// and a control character (CR/LF) cannot go into a Location header.
    /// </summary>
    public static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } url && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Contains('\\') && !url.Any(char.IsControl)
            ? url
            : "/";

    // Signing out changes the security stamp: this cookie, and any copy of it, is refused from now on.
    private static async Task<IResult> LogOut(HttpContext http, MailroomDb db)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.User.UserId() is { } id && await db.Users.FindAsync(id) is { } user)
        {
            user.Revoke();
            await db.SaveChangesAsync();
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<Ok<UserView>> Me(HttpContext http, UserCommands users, CancellationToken ct)
    {
        var actor = http.User.Actor();
        return TypedResults.Ok(await users.GetAsync(actor, actor.UserId, ct));
    }

    private static string? ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
