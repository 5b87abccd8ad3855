using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.ServiceLevels;

public static class ServiceLevelsServiceCollectionExtensions
{
    /// <summary>SLA policies, the clocks on interactions, and their subscriber and timer worker.</summary>
    public static IServiceCollection AddServiceLevels(this IServiceCollection services)
    {
        services.AddScoped<SlaPolicyCommands>();
        services.AddScoped<SyncClocks>();
        services.AddScoped<NextBusinessMorning>();
        services.AddScoped<SlaTimers>();
        services.AddScoped<SlaActionRunner>();
        services.AddScoped<InteractionClocks>();
        services.AddHostedService<SlaSubscriber>();
        services.AddHostedService<SlaTimerWorker>();
        return services;
    }
}
