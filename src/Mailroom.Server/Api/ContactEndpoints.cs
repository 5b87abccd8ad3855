using Mailroom.Core.Contacts;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Server.Api;

internal static class ContactEndpoints
{
    public sealed record ListInput(string? Name);

    public static void MapContactEndpoints(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/contact-lists").WithTags("Contacts");
        lists.MapGet("", async (ContactCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListListsAsync(ct)));
        lists.MapPost("", async (ListInput input, HttpContext h, ContactCommands c, CancellationToken ct) =>
        {
            var list = await c.CreateListAsync(h.User.Actor(), input.Name, ct);
            return TypedResults.Created($"/api/contact-lists/{list.Id}", list);
        });
        lists.MapDelete("/{id:int}", async (int id, HttpContext h, ContactCommands c, CancellationToken ct) =>
        {
            await c.DeleteListAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });

        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("", async (int? listId, string? q, int? take, ContactCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.SearchAsync(listId, q, take ?? 50, ct)));
        contacts.MapGet("/{id:int}", async (int id, ContactCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(id, ct)));
        contacts.MapPost("", Create);
        contacts.MapPut("/{id:int}", async (int id, ContactInput input, ContactCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(id, input, ct)));
        contacts.MapDelete("/{id:int}", async (int id, HttpContext h, ContactCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }

    private static async Task<Created<ContactView>> Create(ContactInput input, ContactCommands c, CancellationToken ct)
    {
        var contact = await c.CreateAsync(input, ct);
        return TypedResults.Created($"/api/contacts/{contact.Id}", contact);
    }
}
