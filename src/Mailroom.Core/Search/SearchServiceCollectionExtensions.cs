using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Lists, quick and advanced search, saved searches. The provider adds its <see cref="IFullTextSearch"/>.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services) =>
        services.AddScoped<InteractionFinder>()
            .AddScoped<AdvancedSearchQuery>()
            .AddScoped<SavedSearches>()
            .AddScoped<AgentChoices>();
}
