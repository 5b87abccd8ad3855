using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mailroom.Server.Api;

/// <summary>
/// A header an endpoint sends with its success (a count a client shows before the body ends), declared where the
/// endpoint is mapped and written into the OpenAPI document's success response.
/// </summary>
internal static class ResponseHeaders
{
    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder endpoint, string name, string description) =>
        endpoint.WithMetadata(new ResponseHeader(name, description));

    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var headers = context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseHeader>().ToList();
        if (headers.Count == 0 || operation.Responses?.FirstOrDefault(r => r.Key.StartsWith('2')).Value is not OpenApiResponse success)
        {
            return Task.CompletedTask;
        }

        success.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var header in headers)
        {
            success.Headers[header.Name] = new OpenApiHeader { Description = header.Description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
        }

        return Task.CompletedTask;
    }

    private sealed record ResponseHeader(string Name, string Description);
}
