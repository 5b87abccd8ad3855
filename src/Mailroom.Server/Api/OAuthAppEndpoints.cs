using Mailroom.Core.OAuth;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class OAuthAppEndpoints
{
    public static void MapOAuthAppEndpoints(this RouteGroupBuilder api)
    {
        // Administrators only.
        var apps = api.MapGroup("/oauth-apps").WithTags("OAuth app registrations").ProducesProblem(Status403Forbidden);
        apps.MapGet("", async (HttpContext h, OAuthAppCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listOAuthApps").WithSummary("The OAuth app registrations accounts sign in with");
        apps.MapGet("/{id:int}", async (int id, HttpContext h, OAuthAppCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getOAuthApp").WithSummary("One OAuth app registration").ProducesProblem(Status404NotFound);
        apps.MapPost("", Create).WithName("createOAuthApp").WithSummary("Register an OAuth app");
        apps.MapPut("/{id:int}", async (int id, OAuthAppInput input, HttpContext h, OAuthAppCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateOAuthApp").WithSummary("Change an OAuth app registration").ProducesProblem(Status404NotFound);
        apps.MapDelete("/{id:int}", async (int id, HttpContext h, OAuthAppCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteOAuthApp").WithSummary("Delete an OAuth app registration (refused while accounts sign in with it)")
            .ProducesProblems(Status404NotFound, Status409Conflict);
    }

    private static async Task<Created<OAuthAppView>> Create(OAuthAppInput input, HttpContext h, OAuthAppCommands c, CancellationToken ct)
    {
        var app = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/oauth-apps/{app.Id}", app);
    }
}
