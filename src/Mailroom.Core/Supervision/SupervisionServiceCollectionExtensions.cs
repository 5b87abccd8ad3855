using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Supervision;

public static class SupervisionServiceCollectionExtensions
{
    /// <summary>What supervisors watch and act on: the live board and each agent's work.</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services) =>
        services.AddScoped<LiveBoard>().AddScoped<AgentWork>();
}
