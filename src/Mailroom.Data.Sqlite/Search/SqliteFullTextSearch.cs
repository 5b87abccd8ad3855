using System.Text.Json;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Data.Sqlite.Search;

/// <summary>FTS5 queries over the tables that <see cref="FullTextIndexMigration"/> creates.</summary>
public sealed class SqliteFullTextSearch : IFullTextSearch
{
    public async Task<IReadOnlyList<long>> MatchInteractionsAsync(MailroomDb db, SearchWords words, IReadOnlyCollection<int>? accountIds, int limit,
        CancellationToken ct)
    {
        if (words.IsEmpty || accountIds is { Count: 0 })
        {
            return [];
        }

        // A whole word first: FTS5 walks its doclist from the newest rowid down and stops at the limit, so its cost
        // is bounded by the limit, not by how common the word is (about 1 ms at a million messages). A prefix
        // query has to merge the doclists of every word it covers before it can stop (50-250 ms for a common
        // prefix), so it only runs when the whole words do not already fill the limit: while the last word is
        // still being typed ("refu" for "refund") or names something rare.
        var exact = await MatchAsync(db, MatchExpression(words, lastAsPrefix: false), accountIds, limit, ct);
        var hits = exact.Count >= limit || !PrefixWorthTrying(words)
            ? exact
            : await MatchAsync(db, MatchExpression(words, lastAsPrefix: true), accountIds, limit, ct);
        return hits.Distinct().ToList();
    }

    private static async Task<List<long>> MatchAsync(MailroomDb db, string match, IReadOnlyCollection<int>? accountIds, int limit, CancellationToken ct)
    {
        var accounts = accountIds is null ? "" : "AND i.AccountId IN (SELECT value FROM json_each(@accounts))";
        var sql = $"""
            SELECT m.InteractionId AS Value FROM MessageSearch
            JOIN Messages m ON m.Id = MessageSearch.rowid
            JOIN Interactions i ON i.Id = m.InteractionId
            WHERE MessageSearch MATCH @match {accounts}
            ORDER BY MessageSearch.rowid DESC LIMIT @limit
            """;
        List<SqliteParameter> parameters = [new("@match", match), new("@limit", limit)];
        if (accountIds is not null)
        {
            parameters.Add(new("@accounts", JsonSerializer.Serialize(accountIds)));
        }

        return await db.Database.SqlQueryRaw<long>(sql, [.. parameters]).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<int>> MatchContactsAsync(MailroomDb db, SearchWords words, int limit, CancellationToken ct)
    {
        // A whole address is looked up exactly through the address index; the other words go to the trigram
        // index, which matches substrings of three characters or more (shorter words match nothing).
        var addresses = words.Words.Where(SearchWords.IsAddress).ToList();
        var partial = words.Words.Where(w => !SearchWords.IsAddress(w) && w.Length >= 3).ToList();
        if (addresses.Count == 0 && partial.Count == 0)
        {
            return [];
        }

        List<string> conditions = [.. addresses.Select((_, n) => $"Email = @a{n}")];
        List<SqliteParameter> parameters = [.. addresses.Select((a, n) => new SqliteParameter($"@a{n}", a)), new("@limit", limit)];
        if (partial.Count > 0)
        {
            conditions.Add("Id IN (SELECT rowid FROM ContactSearch WHERE ContactSearch MATCH @match)");
            parameters.Add(new("@match", string.Join(' ', partial.Select(w => $"\"{w}\""))));
        }

        // Only fixed fragments and parameter names are joined into the text; every value is a parameter.
        var sql = $"SELECT Id AS Value FROM Contacts WHERE {string.Join(" AND ", conditions)} LIMIT @limit";
        return await db.Database.SqlQueryRaw<int>(sql, [.. parameters]).ToListAsync(ct);
    }

    /// <summary>Each word a phrase of its tokens (an address stays in order), all required; the last one a prefix if asked.</summary>
    internal static string MatchExpression(SearchWords words, bool lastAsPrefix) =>
        string.Join(' ', words.Words.Select((w, n) =>
            "\"" + string.Join(' ', SearchWords.Tokens(w)) + "\"" + (lastAsPrefix && n == words.Words.Count - 1 ? "*" : "")));

    /// <summary>
    /// Addresses and numbers are typed whole (a partial address is found by the contact search), and a prefix of
    /// one or two characters covers most of the vocabulary: none is worth a prefix query.
    /// </summary>
    private static bool PrefixWorthTrying(SearchWords words) => words.Words[^1] is { Length: >= 3 } last && SearchWords.MayBePrefix(last);
}
