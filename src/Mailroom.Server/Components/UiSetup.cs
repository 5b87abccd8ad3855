using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Mailroom.Server.Components;

internal static class UiSetup
{
    public static void AddMailroomUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<UseCaseRunner>();
        builder.Services.AddScoped<Live.LiveEvents>();
        builder.Services.AddScoped<CircuitHandler, Live.LiveCircuit>();
        builder.Services.AddScoped<CircuitSession>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitSession>());
    }

    public static void MapMailroomUi(this WebApplication app)
    {
        app.MapStaticAssets();
        // Blazor's own header would be only "frame-ancestors 'self'" and would keep Hosting/SecurityHeaders from
        // setting the page policy, which says that and also where a customer mail's frame may navigate.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }
}
