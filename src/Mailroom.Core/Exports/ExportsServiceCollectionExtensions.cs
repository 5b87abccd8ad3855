using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>What leaves Mailroom as a file: an interaction as a zip of .eml files or a PDF transcript (the CSV is static).</summary>
    public static IServiceCollection AddExports(this IServiceCollection services) =>
        services.AddScoped<InteractionArchive>().AddScoped<InteractionTranscript>();
}
