using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Drafts;

public static class DraftsServiceCollectionExtensions
{
    /// <summary>An agent's drafts: saved, autosaved and listed.</summary>
    public static IServiceCollection AddDrafts(this IServiceCollection services) =>
        services.AddScoped<SaveDraft>().AddScoped<AutosaveDraft>().AddScoped<MyDrafts>();
}
