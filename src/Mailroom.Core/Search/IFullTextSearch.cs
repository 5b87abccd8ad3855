using Mailroom.Core.Storage;

namespace Mailroom.Core.Search;

/// <summary>
/// The full-text index of one database provider: SQLite FTS5 on the embedded default, PostgreSQL tsvector + GIN
/// (and pg_trgm for contacts) on the scale option. The index itself is kept by the database (triggers or a
/// generated column created by each provider's FullTextIndex migration), so every way a message is stored or
/// deleted updates it in the same transaction.
/// </summary>
public interface IFullTextSearch
{
    /// <summary>
    /// Interactions whose messages (subject, body, sender) contain every word, the last one as a prefix; the
    /// newest matching messages first, at most <paramref name="limit"/> messages looked at, so a common word
    /// costs no more than a rare one. <paramref name="accountIds"/> null means every account.
    /// </summary>
    Task<IReadOnlyList<long>> MatchInteractionsAsync(MailroomDb db, SearchWords words, IReadOnlyCollection<int>? accountIds, int limit,
        CancellationToken ct);

    /// <summary>Contacts whose first name, last name or email address contains every word (partial matches).</summary>
    Task<IReadOnlyList<int>> MatchContactsAsync(MailroomDb db, SearchWords words, int limit, CancellationToken ct);
}
