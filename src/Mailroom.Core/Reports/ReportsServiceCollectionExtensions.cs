using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Reports over a period, per account.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<InteractionReports>().AddScoped<ServiceLevelReports>();
}
