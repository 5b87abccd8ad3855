using Mailroom.Core.Users;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Server.Api;

internal static class AuthEndpoints
{
    public sealed record Credentials(string? Email, string? Password, string? TokenName = null);

    public sealed record TokenResponse(string Token);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/token", IssueToken);
        auth.MapPost("/login", LogIn).DisableAntiforgery();
        auth.MapPost("/logout", (Delegate)LogOut).DisableAntiforgery();
        auth.MapGet("/me", Me).RequireAuthorization();
    }

    /// <summary>Exchanges email and password for a personal API token (for <c>Authorization: Bearer</c>).</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(Credentials body, SignIn signIn, CancellationToken ct)
    {
        var user = await signIn.CheckPasswordAsync(body.Email, body.Password, ct);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Wrong email or password.");
        }

        return TypedResults.Ok(new TokenResponse(await signIn.IssueTokenAsync(user.Id, body.TokenName ?? "api", ct)));
    }

    /// <summary>Cookie sign-in for the web UI; a form post redirects, a JSON post answers 204.</summary>
    private static async Task<IResult> LogIn(HttpContext http, SignIn signIn, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? returnUrl, CancellationToken ct)
    {
        var user = await signIn.CheckPasswordAsync(email, password, ct);
        if (user is null)
        {
            return TypedResults.Redirect("/login?failed=1" + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Claims.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
        // Only local paths: never an open redirect.
        var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && returnUrl != "/"
            ? returnUrl
            : LandingPage.For(user.Role);
        return TypedResults.Redirect(target);
    }

    private static async Task<IResult> LogOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<Ok<UserView>> Me(HttpContext http, UserCommands users, CancellationToken ct)
    {
        var actor = http.User.Actor();
        return TypedResults.Ok(await users.GetAsync(actor, actor.UserId, ct));
    }
}
