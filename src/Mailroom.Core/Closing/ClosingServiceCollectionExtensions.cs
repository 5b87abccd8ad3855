using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Closing;

public static class ClosingServiceCollectionExtensions
{
    /// <summary>Closing, disposing and reopening an interaction.</summary>
    public static IServiceCollection AddClosing(this IServiceCollection services) =>
        services.AddScoped<InteractionCloser>().AddScoped<CloseInteraction>().AddScoped<DisposeInteraction>().AddScoped<ReopenInteraction>();
}
