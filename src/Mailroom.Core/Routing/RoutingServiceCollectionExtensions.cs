using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>Offers, action plans and the routing engine, with its event subscriber and its one timer worker.</summary>
    public static IServiceCollection AddRouting(this IServiceCollection services)
    {
        services.AddSingleton<RoutingGate>();
        services.AddSingleton(Random.Shared);
        services.AddScoped<Router>();
        services.AddScoped<PlanInteractionSteps>();
        services.AddScoped<RoutingReactions>();
        services.AddScoped<RoutingTimers>();
        services.AddScoped<AcceptOffer>();
        services.AddScoped<RejectOffer>();
        services.AddScoped<MyOffers>();
        services.AddScoped<SaveActionPlan>();
        services.AddScoped<SetPriority>();
        services.AddScoped<RunPlanActions>();
        services.AddSingleton<WebhookClient>();
        services.AddHostedService<PlanActionWorker>();
        services.AddHostedService<RoutingSubscriber>();
        services.AddHostedService<RoutingTimerWorker>();
        return services;
    }
}
