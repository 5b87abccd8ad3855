using Mailroom.Core.Interactions;
using Mailroom.Core.Notes;

namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>One entry of the thread: a message, a colleague's note, or something that happened to the interaction.</summary>
public sealed record TimelineEntry(DateTime At, MessageView? Message = null, NoteView? Note = null, HistoryEntry? Event = null);

/// <summary>
/// The thread as one timeline: messages, notes and the events an agent needs to follow a conversation
/// (transfers, assignments, sub-status, closing) in the order they happened, as Zendesk and Front show them.
/// Bookkeeping (reads, drafts, tags, "note added") stays in the history beside the thread.
/// </summary>
public static class ThreadTimeline
{
    private static readonly string[] Shown =
        ["assigned", "unassigned", "transferred-to-", "transfer-returned", "sub-status", "closed", "reopened", "disposed", "priority", "sla-"];

    public static IReadOnlyList<TimelineEntry> Of(InteractionDetail detail, IReadOnlyList<NoteView> notes) =>
        detail.Messages.Select(m => new TimelineEntry(m.CreatedAt, Message: m))
            .Concat(notes.Select(n => new TimelineEntry(n.CreatedAt, Note: n)))
            .Concat(detail.History.Where(IsShown).Select(h => new TimelineEntry(h.At, Event: h)))
            .OrderBy(e => e.At).ThenBy(e => e.Message is null ? 1 : 0)
            .ToList();

    /// <summary>"transferred-to-agent" → "Transferred to agent".</summary>
    public static string Words(HistoryEntry entry)
    {
        var action = entry.Action.Replace('-', ' ');
        return char.ToUpperInvariant(action[0]) + action[1..] + (string.IsNullOrWhiteSpace(entry.Details) ? "" : ": " + entry.Details);
    }

    private static bool IsShown(HistoryEntry entry) => Shown.Any(s => entry.Action.StartsWith(s, StringComparison.Ordinal));
}
