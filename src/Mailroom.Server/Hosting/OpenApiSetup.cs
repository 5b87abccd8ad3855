using Mailroom.Server.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mailroom.Server.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json, which tests/…/OpenApi lints and checks against the endpoints.</summary>
internal static class OpenApiSetup
{
    public static void AddMailroomOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o
            .AddDocumentTransformer(ApiReference.NameTheDocument)
            .AddDocumentTransformer(ServerWithoutTrailingSlash)
            .AddDocumentTransformer(OpenApiSecurity.DeclareSchemes)
            .AddOperationTransformer(OpenApiSecurity.RequireSignIn)
            .AddOperationTransformer(EnumSpelling.DescribeQueryEnums)
            .AddOperationTransformer(ResponseHeaders.Describe));

    // The generator names the server "http://host/", and every path starts with "/" again.
    private static Task ServerWithoutTrailingSlash(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        return Task.CompletedTask;
    }
}
