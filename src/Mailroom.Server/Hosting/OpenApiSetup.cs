using Mailroom.Server.Api;

namespace Mailroom.Server.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json, which tests/…/OpenApi lints and checks against the endpoints.</summary>
internal static class OpenApiSetup
{
    public static void AddMailroomOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o
            .AddDocumentTransformer(ApiReference.NameTheDocument)
            .AddOperationTransformer(EnumSpelling.DescribeQueryEnums));
}
