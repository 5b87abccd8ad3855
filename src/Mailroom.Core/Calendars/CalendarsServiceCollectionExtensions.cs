using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Calendars;

public static class CalendarsServiceCollectionExtensions
{
    /// <summary>Working-hours calendars (intervals with their rules and holidays).</summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services) =>
        services.AddScoped<IntervalCommands>();
}
