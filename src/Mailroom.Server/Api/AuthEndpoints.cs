using System.Globalization;
using Mailroom.Core.Storage;
using Mailroom.Core.TwoFactor;
using Mailroom.Core.Users;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class AuthEndpoints
{
    public sealed record Credentials(string? Email, string? Password, string? TokenName = null, int? ExpiresInDays = null, string? Code = null);

    public sealed record TokenResponse(string Token, int Id, DateTime ExpiresAt);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/token", IssueToken)
            .WithName("issueToken").WithSummary("Exchange email and password for a personal API token that expires")
            .ProducesProblems(Status401Unauthorized, Status403Forbidden, Status429TooManyRequests);
        auth.MapPost("/login", LogIn).DisableAntiforgery()
            .WithName("logIn").WithSummary("Cookie sign-in for the web UI: a form post, answered with a redirect")
            .Produces(Status302Found).ProducesProblem(Status400BadRequest);
        auth.MapPost("/login/code", LogInWithCode).DisableAntiforgery()
            .WithName("logInWithCode").WithSummary("The second step of a cookie sign-in: the authenticator app's code (or a recovery code) and the ticket")
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
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(Credentials body, HttpContext http, SignIn signIn,
        TwoFactorPolicies policies, CancellationToken ct)
    {
        var outcome = await signIn.CheckPasswordAsync(body.Email, body.Password, ClientIp(http), ct);
        if (outcome is { User: { TotpEnabledAt: not null } withCode })
        {
            if (body.Code is null)
            {
                return TypedResults.Problem(statusCode: Status401Unauthorized, title: "A code is needed.",
                    detail: "This person signs in with two-factor: send the authenticator app's current code (or a recovery code) as code.");
            }

            outcome = await signIn.CheckSecondFactorAsync(withCode, body.Code, ClientIp(http), ct);
        }

        if (outcome.LockedFor is { } locked)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(locked.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: Status429TooManyRequests, title: "Too many failed sign-ins; try again later.");
        }

        if (outcome.User is not { } user)
        {
            return TypedResults.Problem(statusCode: Status401Unauthorized, title: body.Code is null ? "Wrong email or password." : "Wrong email, password or code.");
        }

        if (user.TotpEnabledAt is null && (await policies.GetAsync(ct)).Requires(user.Role))
        {
            return TypedResults.Problem(statusCode: Status403Forbidden, title: "Two-factor sign-in is required for your role.",
                detail: $"Sign in to the web UI and set it up at {TwoFactorGate.SetUpPage} first; then ask for a token with the app's code.");
        }

        var (token, row) = await signIn.IssueTokenAsync(user.Id, body.TokenName, body.ExpiresInDays, ct);
        return TypedResults.Ok(new TokenResponse(token, row.Id, row.ExpiresAt));
    }

    /// <summary>Cookie sign-in for the web UI; a form post redirects, a JSON post answers 204.</summary>
    private static async Task<IResult> LogIn(HttpContext http, SignIn signIn, SignInTickets tickets, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? returnUrl, CancellationToken ct)
    {
        var target = LocalPath(returnUrl);
        var outcome = await signIn.CheckPasswordAsync(email, password, ClientIp(http), ct);
        if (outcome.User is not { } user)
        {
            return TypedResults.Redirect((outcome.LockedFor is null ? "/login?failed=1" : "/login?locked=1")
                + (target == "/" ? "" : "&returnUrl=" + Uri.EscapeDataString(target)));
        }

        if (user.TotpEnabledAt is not null)
        {
            return TypedResults.Redirect("/login/code?ticket=" + Uri.EscapeDataString(tickets.Issue(user, target)));
        }

        return await SignInAsync(http, user, target);
    }

    /// <summary>The code step: a wrong code asks again on the same ticket, an old ticket starts over at the password.</summary>
    private static async Task<IResult> LogInWithCode(HttpContext http, SignIn signIn, SignInTickets tickets, MailroomDb db, [FromForm] string? ticket,
        [FromForm] string? code, CancellationToken ct)
    {
        var read = tickets.Read(ticket);
        var user = read is { } t ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == t.UserId && u.IsActive && u.SecurityStamp == t.Stamp, ct) : null;
        if (user is null)
        {
            return TypedResults.Redirect("/login?expired=1");
        }

        var outcome = await signIn.CheckSecondFactorAsync(user, code, ClientIp(http), ct);
        if (outcome.LockedFor is not null)
        {
            return TypedResults.Redirect("/login?locked=1");
        }

        return outcome.User is null
            ? TypedResults.Redirect("/login/code?failed=1&ticket=" + Uri.EscapeDataString(ticket!))
            : await SignInAsync(http, user, read!.Value.Target);
    }

    // The page asked for, or the one each role starts on.
    private static async Task<IResult> SignInAsync(HttpContext http, User user, string target)
    {
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Claims.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
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
