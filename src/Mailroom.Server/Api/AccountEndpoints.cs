using Mailroom.Core.Accounts;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Server.Api;

internal static class AccountEndpoints
{
    public sealed record MembersInput(IReadOnlyList<int> UserIds);

    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Email accounts");
        accounts.MapGet("", async (HttpContext h, AccountCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        accounts.MapGet("/{id:int}", async (int id, HttpContext h, AccountCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
        accounts.MapPost("", Create);
        accounts.MapPut("/{id:int}", async (int id, AccountInput input, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        accounts.MapDelete("/{id:int}", async (int id, HttpContext h, AccountCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
        accounts.MapPut("/{id:int}/members", async (int id, MembersInput input, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.SetMembersAsync(h.User.Actor(), id, input.UserIds, ct)));
        accounts.MapPost("/{id:int}/members/{userId:int}", async (int id, int userId, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.AddMemberAsync(h.User.Actor(), id, userId, ct)));
        accounts.MapDelete("/{id:int}/members/{userId:int}", async (int id, int userId, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.RemoveMemberAsync(h.User.Actor(), id, userId, ct)));
        accounts.MapPost("/{id:int}/verify", async (int id, HttpContext h, VerifyConnection v, CancellationToken ct) =>
            TypedResults.Ok(await v.RunAsync(h.User.Actor(), id, ct)));
    }

    private static async Task<Created<AccountView>> Create(AccountInput input, HttpContext h, AccountCommands c, CancellationToken ct)
    {
        var account = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/accounts/{account.Id}", account);
    }
}
