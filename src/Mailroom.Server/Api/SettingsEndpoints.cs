using Mailroom.Core.Settings;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Product-wide settings: everyone signed in reads them (the desktop follows them), administrators change them.</summary>
internal static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/desktop", async (DesktopSettingsStore s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)))
            .WithName("getDesktopSettings").WithSummary("The settings the desktop follows");
        settings.MapPut("/desktop", async (DesktopSettingsInput input, HttpContext h, DesktopSettingsStore s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(h.User.Actor(), input, ct)))
            .WithName("updateDesktopSettings").WithSummary("Change the desktop settings (administrators)").ProducesProblem(Status403Forbidden);
    }
}
