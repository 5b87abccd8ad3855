using Mailroom.Core.Setup;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>The administrator's set-up checklist, also for scripts that provision Mailroom.</summary>
internal static class SetupEndpoints
{
    public static void MapSetupEndpoints(this RouteGroupBuilder api) =>
        api.MapGroup("/setup").WithTags("Set-up")
            .MapGet("/checklist", async (HttpContext h, SetupChecklist c, CancellationToken ct) => TypedResults.Ok(await c.RunAsync(h.User.Actor(), ct)));
}
