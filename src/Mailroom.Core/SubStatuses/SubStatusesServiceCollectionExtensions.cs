using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.SubStatuses;

public static class SubStatusesServiceCollectionExtensions
{
    /// <summary>The sub-status catalogue and setting an interaction's sub-status.</summary>
    public static IServiceCollection AddSubStatuses(this IServiceCollection services) =>
        services.AddScoped<SubStatusCatalog>().AddScoped<SetSubStatus>();
}
