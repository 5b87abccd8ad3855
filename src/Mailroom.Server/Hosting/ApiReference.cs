using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Mailroom.Server.Hosting;

/// <summary>
/// The browsable API reference at /api/docs (Scalar), read from the OpenAPI document at /openapi/v1.json. Its
/// script is served by Mailroom itself, its fonts are the browser's, and Scalar's hosted extras (telemetry, AI agent,
/// SDK and deploy buttons) are off: the page reaches nothing outside the origin.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/api/docs";

    private const string Title = "Mailroom API";

    /// <summary>The document says what it describes, not the assembly it was generated from.</summary>
    public static Task NameTheDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = Title;
        document.Info.Description = "The API behind the Mailroom desktop and administration. Sign in with POST /api/auth/login; "
            + "errors are RFC 9457 problem details naming the field.";
        return Task.CompletedTask;
    }

    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle(Title)
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            // Scalar's hosted extras talk to scalar.com; an installation's API reference stays on the installation.
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton());
}
