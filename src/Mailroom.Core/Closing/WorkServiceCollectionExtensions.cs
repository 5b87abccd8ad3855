using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Journey;
using Mailroom.Core.Notes;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Mailroom.Core.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Core.Closing;

public static class WorkServiceCollectionExtensions
{
    /// <summary>Working an interaction (issue 6): notes, tags, sub-statuses, drafts, dispositions, close, reopen, canned answers, context.</summary>
    public static IServiceCollection AddInteractionWork(this IServiceCollection services)
    {
        services.TryAddSingleton<TemplateRenderer>();
        services.AddScoped<AddNote>().AddScoped<NoteQueries>().AddScoped<NoteMentions>();
        services.AddScoped<TagCatalog>().AddScoped<SetInteractionTags>();
        services.AddScoped<ReadState>();
        services.AddScoped<SubStatusCatalog>().AddScoped<SetSubStatus>();
        services.AddScoped<SaveDraft>().AddScoped<AutosaveDraft>().AddScoped<MyDrafts>();
        services.AddScoped<DispositionCatalog>();
        services.AddScoped<InteractionCloser>().AddScoped<CloseInteraction>().AddScoped<DisposeInteraction>().AddScoped<ReopenInteraction>();
        services.AddScoped<CannedAnswerCatalog>().AddScoped<CannedAnswersForInteraction>();
        services.AddScoped<InteractionContext>().AddScoped<CustomerJourney>();
        return services;
    }
}
