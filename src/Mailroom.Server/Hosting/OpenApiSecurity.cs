using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mailroom.Server.Hosting;

/// <summary>
/// How the document says who may call what: the two ways to sign in (a personal API token for scripts, the cookie
/// the sign-in sets for the browser) as security schemes, and on every operation that needs a signed-in user the
/// requirement of either, read from the same authorization metadata the server enforces.
/// </summary>
internal static class OpenApiSecurity
{
    public const string ApiToken = "apiToken";

    public const string SessionCookie = "sessionCookie";

    public static Task DeclareSchemes(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token (mr_…) from POST /api/auth/token, sent as Authorization: Bearer.",
        };
        document.Components.SecuritySchemes[SessionCookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "mailroom",
            Description = "The cookie POST /api/auth/login sets; what the browser sends.",
        };
        return Task.CompletedTask;
    }

    public static Task RequireSignIn(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            // Two requirements: either one signs the caller in.
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiToken, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionCookie, context.Document)] = [] },
            ];
        }

        return Task.CompletedTask;
    }
}
