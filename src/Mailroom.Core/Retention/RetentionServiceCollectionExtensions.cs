using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Erasing a customer, and the worker that applies each account's retention.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddScoped<CustomerErasure>();
        services.AddHostedService<RetentionSweep>();
        return services;
    }
}
