using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Journey;

public static class JourneyServiceCollectionExtensions
{
    /// <summary>What the desktop shows beside a thread: the contact, the interaction and the customer's journey.</summary>
    public static IServiceCollection AddJourney(this IServiceCollection services) =>
        services.AddScoped<InteractionContext>().AddScoped<CustomerJourney>();
}
