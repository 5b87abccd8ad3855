using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Skills;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>The skill list and the skills of agents.</summary>
    public static IServiceCollection AddSkills(this IServiceCollection services) =>
        services.AddScoped<SkillCatalog>().AddScoped<AgentSkills>();
}
