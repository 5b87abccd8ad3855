using Mailroom.Core.Contacts;
using Mailroom.Core.Retention;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class ContactEndpoints
{
    public sealed record ListInput(string? Name);

    public static void MapContactEndpoints(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/contact-lists").WithTags("Contacts");
        lists.MapGet("", async (HttpContext h, ContactCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListListsAsync(h.User.Actor(), ct)))
            .WithName("listContactLists").WithSummary("The contact lists of the caller's accounts");
        lists.MapPost("", async (ListInput input, HttpContext h, ContactCommands c, CancellationToken ct) =>
        {
            var list = await c.CreateListAsync(h.User.Actor(), input.Name, ct);
            return TypedResults.Created($"/api/contact-lists/{list.Id}", list);
        }).WithName("createContactList").WithSummary("Create a contact list (administrators)").ProducesProblem(Status403Forbidden);
        lists.MapDelete("/{id:int}", async (int id, HttpContext h, ContactCommands c, CancellationToken ct) =>
        {
            await c.DeleteListAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteContactList").WithSummary("Delete a contact list (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);

        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("", async (int? listId, string? q, int? take, HttpContext h, ContactCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.SearchAsync(h.User.Actor(), listId, q, take ?? 50, ct)))
            .WithName("searchContacts").WithSummary("The caller's accounts' contacts by ?q= (name, email), in one list or all").ProducesProblem(Status400BadRequest);
        contacts.MapGet("/{id:int}", async (int id, HttpContext h, ContactCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getContact").WithSummary("One contact").ProducesProblem(Status404NotFound);
        contacts.MapPost("", Create).WithName("createContact").WithSummary("Create a contact in a list of the caller's accounts");
        contacts.MapPut("/{id:int}", async (int id, ContactInput input, HttpContext h, ContactCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateContact").WithSummary("Change a contact").ProducesProblem(Status404NotFound);
        contacts.MapDelete("/{id:int}", async (int id, HttpContext h, ContactCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteContact").WithSummary("Delete a contact (supervisors; administrators for one who also wrote to another account)").ProducesProblems(Status403Forbidden, Status404NotFound);
        contacts.MapPost("/{id:int}/erase", async (int id, HttpContext h, CustomerErasure erasure, CancellationToken ct) =>
            TypedResults.Ok(await erasure.EraseAsync(h.User.Actor(), id, ct)))
            .WithName("eraseCustomer")
            .WithSummary("Erase a customer: every contact with their address, their interactions, held mail and files (administrators)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
    }

    private static async Task<Created<ContactView>> Create(ContactInput input, HttpContext h, ContactCommands c, CancellationToken ct)
    {
        var contact = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/contacts/{contact.Id}", contact);
    }
}
