using Mailroom.Core.Setup;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>The administrator's set-up checklist, also for scripts that provision Mailroom.</summary>
internal static class SetupEndpoints
{
    public static void MapSetupEndpoints(this RouteGroupBuilder api) =>
        api.MapGroup("/setup").WithTags("Set-up")
            .MapGet("/checklist", async (HttpContext h, SetupChecklist c, CancellationToken ct) => TypedResults.Ok(await c.RunAsync(h.User.Actor(), ct)))
            .WithName("getSetupChecklist").WithSummary("What is left to set up, and what is wrong now (administrators)").ProducesProblem(Status403Forbidden);
}
