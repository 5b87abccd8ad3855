using Mailroom.Core.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.CannedAnswers;

public static class CannedAnswersServiceCollectionExtensions
{
    /// <summary>Canned answers and those an interaction may use.</summary>
    public static IServiceCollection AddCannedAnswers(this IServiceCollection services) =>
        services.AddTemplates().AddScoped<CannedAnswerCatalog>().AddScoped<CannedAnswersForInteraction>();
}
