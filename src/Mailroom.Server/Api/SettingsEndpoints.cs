using Mailroom.Core.Settings;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>Product-wide settings: everyone signed in reads them (the desktop follows them), administrators change them.</summary>
internal static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/desktop", async (DesktopSettingsStore s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)));
        settings.MapPut("/desktop", async (DesktopSettingsInput input, HttpContext h, DesktopSettingsStore s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(h.User.Actor(), input, ct)));
    }
}
