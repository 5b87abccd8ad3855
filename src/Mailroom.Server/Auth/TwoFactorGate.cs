using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Server.Auth;

/// <summary>
/// A person who must set up two-factor sign-in first reaches only the set-up page, its API, signing out and the
/// files those need: pages redirect to the set-up, the API and the hub answer 403 saying what to do.
/// </summary>
internal static class TwoFactorGate
{
    public const string SetUpPage = "/account/two-factor";

    private static readonly string[] Open = [SetUpPage, "/api/me/two-factor", "/api/auth", "/_blazor", "/_framework", "/_content"];

    // The stylesheet, script and icon at the root (wwwroot); never a download under /api or /media, which has a dot too.
    private static bool IsSiteFile(PathString path) =>
        path.Value is { } p && p.LastIndexOf('/') == 0 && Path.HasExtension(p);

    public static void UseTwoFactorGate(this WebApplication app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (!http.User.MustSetUpTwoFactor() || Open.Any(p => path.StartsWithSegments(p)) || IsSiteFile(path))
        {
            await next(http);
            return;
        }

        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in is required for your role.",
                detail: $"Set it up first at {SetUpPage}, then try again.").ExecuteAsync(http);
            return;
        }

        http.Response.Redirect(SetUpPage);
    });
}
