using Mailroom.Core.Users;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("", async (HttpContext h, UserCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listUsers").WithSummary("The users (supervisors)").ProducesProblem(Status403Forbidden);
        users.MapGet("/{id:int}", async (int id, HttpContext h, UserCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getUser").WithSummary("One user (the caller, or anyone for a supervisor)").ProducesProblems(Status403Forbidden, Status404NotFound);
        users.MapPost("", Create).WithName("createUser").WithSummary("Create a user (administrators)").ProducesProblem(Status403Forbidden);
        users.MapPut("/{id:int}", async (int id, UserInput input, HttpContext h, UserCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateUser").WithSummary("Change a user (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        users.MapDelete("/{id:int}", async (int id, HttpContext h, UserCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteUser").WithSummary("Delete a user (administrators; not oneself, nor the last administrator)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
    }

    private static async Task<Created<UserView>> Create(UserInput input, HttpContext h, UserCommands c, CancellationToken ct)
    {
        var user = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }
}
