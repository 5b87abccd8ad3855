using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    public static IServiceCollection AddInteractions(this IServiceCollection services) =>
        services.AddSingleton<SanitizedBodies>().AddScoped<InteractionQueries>().AddScoped<MessageMedia>().AddScoped<ReadState>().AddScoped<DeleteInteraction>().AddScoped<InteractionPurge>();
}
