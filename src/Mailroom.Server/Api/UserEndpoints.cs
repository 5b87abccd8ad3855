using Mailroom.Core.Users;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Server.Api;

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("", async (HttpContext h, UserCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        users.MapGet("/{id:int}", async (int id, HttpContext h, UserCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
        users.MapPost("", Create);
        users.MapPut("/{id:int}", async (int id, UserInput input, HttpContext h, UserCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        users.MapDelete("/{id:int}", async (int id, HttpContext h, UserCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }

    private static async Task<Created<UserView>> Create(UserInput input, HttpContext h, UserCommands c, CancellationToken ct)
    {
        var user = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }
}
