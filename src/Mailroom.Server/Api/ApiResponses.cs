using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Server.Api;

/// <summary>
/// The error answers that follow from an endpoint's shape rather than from its use case, declared for the OpenAPI
/// document in one place so that a new endpoint cannot forget them. What a use case itself refuses (403, 404, 409)
/// each endpoint declares where it is mapped.
/// </summary>
internal static class ApiResponses
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Only for a signed-in user: anyone else gets a 401 problem (the API never redirects to the sign-in page).</summary>
    public static TBuilder RequireSignIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>The problem answers a use case can give, each as RFC 9457 problem details.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>
    /// On every endpoint under <paramref name="api"/>: a JSON body that does not fit the operation is a 400 naming the
    /// field and one that is not JSON a 415; a request that saves is a 503 when the disk is full (see
    /// <see cref="ProblemExceptionHandler"/>), unless it is marked <see cref="SavesNothing"/>.
    /// </summary>
    public static RouteGroupBuilder DeclareProblemsOfItsShape(this RouteGroupBuilder api)
    {
        // After the endpoints' own conventions, which add what the handler's signature says (its body, its results).
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Contains("application/json")))
            {
                Declare(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
                Declare(endpoint, StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails));
            }

            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(m => !HttpMethods.IsGet(m)) && !endpoint.Metadata.OfType<SavesNothingMetadata>().Any())
            {
                Declare(endpoint, StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails));
            }
        });
        return api;
    }

    /// <summary>A POST that only reads (a search with a body): the disk being full cannot fail it.</summary>
    public static RouteHandlerBuilder SavesNothing(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new SavesNothingMetadata());

    // An endpoint's own declaration of the same status says more (its own body type), so it stays.
    private static void Declare(EndpointBuilder endpoint, int status, Type problem)
    {
        if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, problem, ProblemJson));
        }
    }

    private sealed class SavesNothingMetadata;
}
