namespace Mailroom.Core.Accounts;

/// <summary>An account was created, edited, (de)activated or deleted: its mailbox watcher restarts or stops.</summary>
public sealed record AccountChanged(int AccountId, bool Deleted);
