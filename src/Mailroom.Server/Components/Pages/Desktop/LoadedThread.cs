using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Notes;
using Mailroom.Core.Storage;

namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>
/// An interaction as its thread is shown (the desktop, a supervisor spying): the detail, each HTML message's
/// sanitized frame document and each outgoing message's delivery. Reading it changes nothing.
/// </summary>
internal sealed record LoadedThread(InteractionDetail Detail, IReadOnlyDictionary<long, string> Documents, IReadOnlyDictionary<long, DeliveryView> Deliveries,
    IReadOnlyDictionary<long, string> Previews, IReadOnlyList<TimelineEntry> Timeline)
{
    // Sanitized once per load, not on every render: each iframe gets a finished document.
    public static async Task<LoadedThread> LoadAsync(UseCaseRunner useCases, Actor actor, long id, bool imagesShown, Uri baseUri)
    {
        var detail = await useCases.RunAsync<InteractionQueries, InteractionDetail>(q => q.GetAsync(actor, id, default));
        var origin = baseUri.GetLeftPart(UriPartial.Authority);
        var documents = await useCases.RunAsync<MessageMedia, Dictionary<long, string>>(m => m.DocumentsAsync(actor, id, imagesShown, origin, default));
        var deliveries = await useCases.RunAsync<MailroomDb, Dictionary<long, DeliveryView>>(db => DeliveryView.ForInteractionAsync(db, actor, id, default));
        var previews = await useCases.RunAsync<MessageMedia, Dictionary<long, string>>(m => m.PreviewsAsync(actor, id, origin, default));
        var notes = await useCases.RunAsync<NoteQueries, IReadOnlyList<NoteView>>(n => n.ListAsync(actor, id, default));
        return new LoadedThread(detail, documents, deliveries, previews, ThreadTimeline.Of(detail, notes));
    }
}
