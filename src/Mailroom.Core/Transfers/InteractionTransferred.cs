namespace Mailroom.Core.Transfers;

/// <summary>
/// An interaction moved. Appended once for the account it left and once for the account it reached, so the
/// old account's lists drop it and the new account's lists show it, live.
/// </summary>
public sealed record InteractionTransferred(long InteractionId, string Kind, int FromAccountId, int ToAccountId, int? ToQueueId, int? ToUserId);
