using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tags;

public static class TagsServiceCollectionExtensions
{
    /// <summary>The tag catalogue and tagging an interaction.</summary>
    public static IServiceCollection AddTags(this IServiceCollection services) =>
        services.AddScoped<TagCatalog>().AddScoped<SetInteractionTags>();
}
