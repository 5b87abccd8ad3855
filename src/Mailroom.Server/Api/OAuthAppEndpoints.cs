using Mailroom.Core.OAuth;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Server.Api;

internal static class OAuthAppEndpoints
{
    public static void MapOAuthAppEndpoints(this RouteGroupBuilder api)
    {
        var apps = api.MapGroup("/oauth-apps").WithTags("OAuth app registrations");
        apps.MapGet("", async (HttpContext h, OAuthAppCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        apps.MapGet("/{id:int}", async (int id, HttpContext h, OAuthAppCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
        apps.MapPost("", Create);
        apps.MapPut("/{id:int}", async (int id, OAuthAppInput input, HttpContext h, OAuthAppCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        apps.MapDelete("/{id:int}", async (int id, HttpContext h, OAuthAppCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }

    private static async Task<Created<OAuthAppView>> Create(OAuthAppInput input, HttpContext h, OAuthAppCommands c, CancellationToken ct)
    {
        var app = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/oauth-apps/{app.Id}", app);
    }
}
