using Mailroom.Server.Api;

namespace Mailroom.Server.Realtime;

internal static class RealtimeSetup
{
    /// <summary>SignalR with the relay; a Redis backplane only when <c>Mailroom:Redis</c> is configured.</summary>
    public static void AddMailroomRealtime(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(EnumSpelling.Converter()));
        if (builder.Configuration["Mailroom:Redis"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("mailroom"));
        }

        builder.Services.AddHostedService<RealtimeRelay>();
        builder.Services.Configure<Core.PresenceOptions>(builder.Configuration.GetSection(Core.PresenceOptions.Section));
        builder.Services.AddSingleton<AgentConnections>();
        builder.Services.AddHostedService<ConnectionPresenceWorker>();
        builder.Services.AddSingleton<SupervisorCounters>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SupervisorCounters>());
    }

    public static void MapMailroomRealtime(this WebApplication app) => app.MapHub<AgentHub>(AgentHub.Path);
}
