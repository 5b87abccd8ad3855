using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Dispositions;

public static class DispositionsServiceCollectionExtensions
{
    /// <summary>The disposition catalogue.</summary>
    public static IServiceCollection AddDispositions(this IServiceCollection services) =>
        services.AddScoped<DispositionCatalog>();
}
