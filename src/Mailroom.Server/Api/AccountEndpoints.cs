using Mailroom.Core.Accounts;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class AccountEndpoints
{
    public sealed record MembersInput(IReadOnlyList<int> UserIds);

    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Email accounts");
        accounts.MapGet("", async (HttpContext h, AccountCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listAccounts").WithSummary("The email accounts the caller may see");
        accounts.MapGet("/{id:int}", async (int id, HttpContext h, AccountCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getAccount").WithSummary("One email account").ProducesProblem(Status404NotFound);
        accounts.MapPost("", Create)
            .WithName("createAccount").WithSummary("Create an email account (administrators)").ProducesProblem(Status403Forbidden);
        accounts.MapPut("/{id:int}", async (int id, AccountInput input, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateAccount").WithSummary("Change an email account (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        accounts.MapDelete("/{id:int}", async (int id, HttpContext h, AccountCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteAccount").WithSummary("Delete an email account (administrators; refused while it holds interactions)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
        accounts.MapPut("/{id:int}/members", async (int id, MembersInput input, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.SetMembersAsync(h.User.Actor(), id, input.UserIds, ct)))
            .WithName("setAccountMembers").WithSummary("Replace the users who work an email account").ProducesProblems(Status403Forbidden, Status404NotFound);
        accounts.MapPost("/{id:int}/members/{userId:int}", async (int id, int userId, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.AddMemberAsync(h.User.Actor(), id, userId, ct)))
            .WithName("addAccountMember").WithSummary("Add a user to an email account").ProducesMembershipProblems();
        accounts.MapDelete("/{id:int}/members/{userId:int}", async (int id, int userId, HttpContext h, AccountCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.RemoveMemberAsync(h.User.Actor(), id, userId, ct)))
            .WithName("removeAccountMember").WithSummary("Take a user off an email account").ProducesMembershipProblems();
        accounts.MapPost("/{id:int}/verify", async (int id, HttpContext h, VerifyConnection v, CancellationToken ct) =>
            TypedResults.Ok(await v.RunAsync(h.User.Actor(), id, ct)))
            .WithName("verifyAccountConnection").WithSummary("Try the account's IMAP and SMTP settings now").ProducesProblems(Status403Forbidden, Status404NotFound);
    }

    // The user id in the path is checked like the ids of a PUT body: an unknown user is a 400 naming it.
    private static RouteHandlerBuilder ProducesMembershipProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem().ProducesProblems(Status403Forbidden, Status404NotFound);

    private static async Task<Created<AccountView>> Create(AccountInput input, HttpContext h, AccountCommands c, CancellationToken ct)
    {
        var account = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/accounts/{account.Id}", account);
    }
}
