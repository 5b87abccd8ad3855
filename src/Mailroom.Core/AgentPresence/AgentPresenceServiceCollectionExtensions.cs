using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.AgentPresence;

public static class AgentPresenceServiceCollectionExtensions
{
    /// <summary>An agent's presence: set by the agent, lost with the connection, paused when not responding.</summary>
    public static IServiceCollection AddAgentPresence(this IServiceCollection services) =>
        services.AddScoped<SetPresence>().AddScoped<ConnectionLost>().AddScoped<NotResponding>();
}
