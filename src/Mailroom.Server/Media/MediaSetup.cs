namespace Mailroom.Server.Media;

internal static class MediaSetup
{
    public const string Section = "Mailroom:Media";

    public static void AddMessageMediaProxy(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var options = section.Get<MediaOptions>() ?? new MediaOptions();
        builder.Services.Configure<MediaOptions>(section);
        builder.Services.AddHttpClient<RemoteImageProxy>(c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => RemoteImageProxy.CreateHandler(options));
    }
}
