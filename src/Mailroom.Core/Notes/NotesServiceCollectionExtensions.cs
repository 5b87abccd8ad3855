using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Notes;

public static class NotesServiceCollectionExtensions
{
    /// <summary>Internal notes on an interaction and the colleagues they mention.</summary>
    public static IServiceCollection AddNotes(this IServiceCollection services) =>
        services.AddScoped<AddNote>().AddScoped<NoteQueries>().AddScoped<NoteMentions>();
}
