using Mailroom.Core.Journey;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Contextual information: the contact and interaction facts, and the customer journey.</summary>
internal static class JourneyEndpoints
{
    public static void MapJourneyEndpoints(this RouteGroupBuilder api)
    {
        var context = api.MapGroup("/interactions/{id:long}").WithTags("Context and journey").ProducesProblem(Status404NotFound);
        context.MapGet("/context", async (long id, HttpContext h, InteractionContext c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getInteractionContext").WithSummary("What is known about the interaction's contact and the interaction itself");
        context.MapGet("/journey", async (long id, string? channel, DateTime? from, DateTime? to, HttpContext h, CustomerJourney c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), id, new JourneyFilter(channel, from?.ToUniversalTime(), to?.ToUniversalTime()), ct)))
            .WithName("getCustomerJourney").WithSummary("The contact's interactions over time, by ?channel= and ?from= ?to=").ProducesValidationProblem();
    }
}
