namespace Mailroom.Core.Interactions;

// Events about interactions, appended with EventLog.Append in the same transaction as the change.
// Routing, the SignalR hub and the UI subscribe to them through EventStream.

/// <summary>A customer message started a new interaction (routing offers it).</summary>
public sealed record InteractionCreated(long InteractionId, int AccountId);

/// <summary>A message (incoming or outgoing) was stored in an interaction.</summary>
public sealed record MessageStored(long InteractionId, long MessageId, int AccountId, MessageDirection Direction, int UnreadCount);

/// <summary>Anything else about an interaction changed (status, assignment, tags …); clients re-read it.</summary>
public sealed record InteractionChanged(long InteractionId, int AccountId, string What);

/// <summary>An internal note was added; it is never a message, so it has its own event.</summary>
public sealed record NoteAdded(long InteractionId, long NoteId, int AccountId, int AuthorUserId);

/// <summary>An administrator changed a list agents pick from (tags, sub-statuses, dispositions, canned answers).</summary>
public sealed record CatalogChanged(string Catalog, int? AccountId);

/// <summary>An interaction was deleted with its messages; lists drop it.</summary>
public sealed record InteractionDeleted(long InteractionId, int AccountId);
