using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Parking;

public static class ParkingServiceCollectionExtensions
{
    /// <summary>Park and take back, and the worker that brings parked interactions back on time.</summary>
    public static IServiceCollection AddParking(this IServiceCollection services)
    {
        services.AddScoped<ParkInteraction>();
        services.AddScoped<ParkingTimers>();
        services.AddHostedService<ParkingTimerWorker>();
        return services;
    }
}
