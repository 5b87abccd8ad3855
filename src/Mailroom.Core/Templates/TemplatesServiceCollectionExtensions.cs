using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Core.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>The one template renderer; every feature that renders templates adds it, once.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.TryAddSingleton<TemplateRenderer>();
        return services;
    }
}
